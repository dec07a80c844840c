/**
 * Pins every mutable ref to a commit: one `git ls-remote` per distinct repository URL (all of that repository's
 * refs in the same call), several repositories at once. A 40-hex ref is its own pin; a ref the lock file holds is
 * pinned to the locked commit (no network). Offline, the pin is the commit the module cache already holds for that
 * url and ref.
 */

import { CLI_WORDING } from '../../options/option-wording.js';
import { maskUserinfo } from '../../secrets.js';
import { layoutARepoDir } from '../../source/cache-layout.js';
import { isCommitSha } from '../../source/git-uri.js';
import { mapBounded } from './bounded-map.js';
import { readCacheMeta } from './cache-meta.js';
import { type CloneState, inspectClone } from './clone-state.js';
import { type FetchContext, type GitLocation, type PinResult, pinKey } from './context.js';
import { registerToken } from './git-environment.js';
import { reproduceLsRemote } from './git-reproduce.js';
import { describeGitFailure, gitSucceeded, runGit, stderrTail } from './git-runner.js';
import { unsafeLocationReason } from './location-check.js';
import { commitForRef, LS_REMOTE_COMMAND, lsRemotePatterns, parseLsRemote } from './ls-remote.js';
import { DEFAULT_RETRY, isTransientGitFailure, withRetries } from './retry.js';

export const DEFAULT_CONCURRENCY = 8;

/**
 * An ls-remote is one small request and answer, so more of them may be in flight than clones: a nothing-changed
 * `verify` of 50 repositories spent 385 ms in this round at 8 at a time. 16 stays under git daemon's default
 * connection limit (32) and what hosting services take from one client.
 */
export const PIN_CONCURRENCY = 16;

/**
 * One ls-remote asks for a few refs and gets one short answer: a remote that has not answered in a minute is not
 * going to (a host that drops packets, a proxy that accepts and never forwards). Clones keep git's longer limit.
 * With the retries that is about three minutes, not the half hour a fetch's limit would give.
 */
export const PIN_TIMEOUT_MS = 60_000;

/** The clone the module cache holds for a location, as inspected, and its commit (null without a usable clone). */
async function cachedClone(
  location: GitLocation,
  ctx: FetchContext,
): Promise<{ readonly dir: string; readonly clone: CloneState; readonly commit: string | null }> {
  const dir = layoutARepoDir(ctx.home, location);
  let clone = await inspectClone(ctx, dir);
  // A clone prune set aside is still on this machine: offline, it is the cache's answer.
  if (clone.kind === 'missing' && (await ctx.unquarantine?.(dir))) clone = await inspectClone(ctx, dir);
  if (clone.kind !== 'valid') return { dir, clone, commit: null };
  // What is checked out is the truth; the metadata is read only when HEAD cannot be read without git.
  return { dir, clone, commit: clone.head ?? (await readCacheMeta(ctx.fs, dir))?.commit ?? null };
}

async function pinFromCache(location: GitLocation, ctx: FetchContext): Promise<PinResult> {
  const { dir, clone, commit } = await cachedClone(location, ctx);
  if (commit) return { commit, via: 'cache', clone };
  const w = ctx.wording ?? CLI_WORDING;
  const shown = ctx.redactor.redact(maskUserinfo(`${location.url}@${location.ref}`));
  const why = clone.kind === 'missing' ? 'is not in the module cache' : 'has no usable clone in the module cache';
  return {
    error: `${shown} ${why} (${dir}) and ${w.turn('offline', true)} forbids fetching it; run once ${w.runWith('offline', false)}`,
    code: 'offline-miss',
  };
}

async function pinRepository(url: string, refs: readonly string[], ctx: FetchContext): Promise<Map<string, PinResult>> {
  const patterns = [...new Set(refs.flatMap(lsRemotePatterns))];
  const result = await withRetries(
    ctx.retry ?? DEFAULT_RETRY,
    () =>
      runGit(
        { ...ctx, gitTimeoutMs: ctx.gitTimeoutMs ?? PIN_TIMEOUT_MS },
        [...LS_REMOTE_COMMAND, '--', url, ...patterns],
        { url },
      ),
    gitSucceeded,
    (failed, nextTry, delay) =>
      ctx.logger.debug(`ls-remote ${maskUserinfo(url)}: ${stderrTail(ctx, failed)}; try ${nextTry} in ${delay} ms`),
  );
  const pins = new Map<string, PinResult>();
  if (!gitSucceeded(result)) {
    // A network failure with a whole clone already cached: that clone is what Amplifier loads, so it stands, with why.
    const fallBack = ctx.cachedWhenUnreachable === true && isTransientGitFailure(result);
    for (const ref of refs) {
      const error = describeGitFailure(ctx, 'pinning (git ls-remote)', { url, ref }, result);
      const cached = fallBack ? await cachedClone({ url, ref }, ctx) : null;
      pins.set(
        ref,
        cached?.clone.kind === 'valid' && cached.commit
          ? { commit: cached.commit, clone: cached.clone, via: 'cache-unreachable', unreachable: error }
          : { error, code: 'git-failed', reproduce: reproduceLsRemote(ctx, url, patterns) },
      );
    }
    return pins;
  }
  const remote = parseLsRemote(result.stdout);
  for (const ref of refs) {
    const commit = commitForRef(remote, ref);
    const shown = ctx.redactor.redact(maskUserinfo(url));
    pins.set(
      ref,
      commit
        ? { commit, via: 'ls-remote' }
        : {
            error: `ref '${ref}' not found in ${shown} (no branch or tag of that name; a commit must be written in full, 40 hex)`,
            code: 'ref-not-found',
          },
    );
  }
  return pins;
}

/** `--frozen` pins from the lock alone: a ref the lock lacks is never asked upstream. */
function frozenMiss(location: GitLocation, ctx: FetchContext): PinResult {
  const shown = ctx.redactor.redact(maskUserinfo(`${location.url}@${location.ref}`));
  return {
    error: `${shown} has no commit in the lock file and ${(ctx.wording ?? CLI_WORDING).turn('frozen', true) ?? 'a run on a lock file'} asks no remote; run amplifier-modules lock`,
    code: 'lock-mismatch',
  };
}

/** Reading pins from the module cache touches only local files, so more may be in flight than network pins. */
const OFFLINE_CONCURRENCY = 32;

/** One pin per distinct `url@ref` (keyed by `pinKey`). Never throws for a repository's failure: it is in the map. */
export async function pinRefs(sources: readonly GitLocation[], ctx: FetchContext): Promise<Map<string, PinResult>> {
  registerToken(ctx.redactor, ctx.token);
  const pins = new Map<string, PinResult>();
  const seen = new Set<string>();
  const toAsk = new Map<string, string[]>();
  const fromCache: GitLocation[] = [];
  for (const location of sources) {
    const key = pinKey(location);
    if (seen.has(key)) continue;
    seen.add(key);
    const unsafe = unsafeLocationReason(location);
    if (unsafe) pins.set(key, { error: ctx.redactor.redact(unsafe), code: 'unsafe-source' });
    else if (isCommitSha(location.ref)) pins.set(key, { commit: location.ref.toLowerCase(), via: 'commit-ref' });
    else {
      const locked = ctx.lockedCommit?.(location) ?? null;
      if (locked) pins.set(key, { commit: locked, via: 'lock' });
      else if (ctx.frozen) pins.set(key, frozenMiss(location, ctx));
      else if (ctx.offline) fromCache.push(location);
      else toAsk.set(location.url, [...(toAsk.get(location.url) ?? []), location.ref]);
    }
  }
  // Offline pins are file reads: run them concurrently too (a serial loop cost ~1.4 ms per module at N=200).
  const cached = await mapBounded(fromCache, OFFLINE_CONCURRENCY, (location) => pinFromCache(location, ctx));
  fromCache.forEach((location, index) => {
    const pin = cached[index];
    if (pin) pins.set(pinKey(location), pin);
  });
  const answered = await mapBounded([...toAsk], ctx.concurrency ?? PIN_CONCURRENCY, ([url, refs]) =>
    pinRepository(url, refs, ctx),
  );
  [...toAsk.keys()].forEach((url, index) => {
    for (const [ref, pin] of answered[index] ?? []) pins.set(pinKey({ url, ref }), pin);
  });
  return pins;
}
