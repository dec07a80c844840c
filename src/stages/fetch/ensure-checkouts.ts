/**
 * Brings every pinned repository into the module cache at its layout-A path, each distinct url and ref once
 * (several modules in subdirectories of one repository share one clone). A clone already at the pinned commit is
 * reused without touching the network; a clone at another commit (the branch moved) or a broken one is replaced
 * atomically at the same path.
 */

import { join } from 'node:path';
import { CLI_WORDING } from '../../options/option-wording.js';
import { maskUserinfo } from '../../secrets.js';
import { layoutARepoDir } from '../../source/cache-layout.js';
import { mapBounded } from './bounded-map.js';
import { formatCachedAt, isNaiveCachedAt, readCacheMeta, writeCacheMeta } from './cache-meta.js';
import { cloneAtCommit } from './clone-at-commit.js';
import { type CloneState, inspectClone } from './clone-state.js';
import {
  type FetchContext,
  type FetchErrorCode,
  type GitLocation,
  type PinMap,
  type PinResult,
  pinKey,
  type RepoOrigin,
  type RepoOutcome,
} from './context.js';
import { registerToken } from './git-environment.js';
import { DEFAULT_CONCURRENCY } from './pin.js';
import { makeTempBeside, placeClone, sweepStaleTemps } from './place-clone.js';

export interface EnsureOptions {
  /** Repository directories that the CI cache restored in this run (their reuse is reported as `ci-cache`). */
  readonly restoredDirs?: ReadonlySet<string> | undefined;
}

/** The distinct locations, in first-seen order. */
export function distinctLocations(sources: readonly GitLocation[]): GitLocation[] {
  const seen = new Map<string, GitLocation>();
  for (const source of sources) {
    const key = pinKey(source);
    if (!seen.has(key)) seen.set(key, { url: source.url, ref: source.ref });
  }
  return [...seen.values()];
}

function offlineReason(state: CloneState, dir: string, commit: string): string {
  if (state.kind === 'missing') return `not in the module cache (${dir})`;
  if (state.kind === 'invalid') return `the cached clone ${dir} is unusable (${state.reason})`;
  return `the cached clone ${dir} is at ${state.head ?? 'no commit'}, not ${commit}`;
}

/**
 * Keeps the metadata truthful for a reused clone (it may have come from another tool or an older run, whose
 * `cached_at` ended in `Z`, a form Amplifier's age check cannot use: such a time is rewritten as local time).
 */
async function refreshMeta(ctx: FetchContext, dir: string, location: GitLocation, commit: string): Promise<void> {
  const meta = await readCacheMeta(ctx.fs, dir);
  const cachedAt = meta?.cached_at ?? '';
  if (meta?.commit === commit && meta.ref === location.ref && isNaiveCachedAt(cachedAt)) return;
  const knownTime = Date.parse(cachedAt);
  await writeCacheMeta(ctx.fs, dir, {
    cached_at: isNaiveCachedAt(cachedAt)
      ? cachedAt
      : formatCachedAt(Number.isNaN(knownTime) ? ctx.clock.now() : knownTime),
    ref: location.ref,
    commit,
    git_url: maskUserinfo(location.url),
  }).catch((error: unknown) => ctx.logger.warn(`could not update ${dir}: ${String(error)}`));
}

async function fetchAndPlace(
  ctx: FetchContext,
  location: GitLocation,
  commit: string,
  dir: string,
  fromLock: boolean,
  declared: GitLocation = location,
): Promise<{ error: string; code: FetchErrorCode; reproduce?: string | undefined } | null> {
  const temp = await makeTempBeside(ctx.fs, dir);
  try {
    const cloned = await cloneAtCommit(ctx, location, commit, temp, fromLock, declared);
    if (!cloned.ok) return { error: cloned.error.message, code: cloned.error.code, reproduce: cloned.error.reproduce };
    try {
      await placeClone(ctx.fs, temp, dir, ctx.logger);
    } catch (error) {
      // Another process may have placed the same clone meanwhile; theirs is as good as ours if it is complete.
      const now = await inspectClone(ctx, dir);
      if (now.kind === 'valid' && now.head === commit) return null;
      return { error: `could not move the clone into ${dir}: ${String(error)}`, code: 'cache-write-failed' };
    }
    return null;
  } finally {
    await ctx.fs.rm(temp).catch(() => undefined);
  }
}

/** `https://host/org/repo@main: ok (network, 1.42 s)` or `...: failed (offline-miss, 0.01 s)`. */
function finishedLine(outcome: RepoOutcome): string {
  const seconds = `${(outcome.ms / 1000).toFixed(2)} s`;
  const status =
    outcome.error === null
      ? `ok (${outcome.origin ?? 'unknown'}, ${seconds})`
      : `failed (${outcome.code ?? 'git-failed'}, ${seconds})`;
  return `${maskUserinfo(`${outcome.url}@${outcome.ref}`)}: ${status}`;
}

async function ensureOne(
  ctx: FetchContext,
  location: GitLocation,
  pins: PinMap,
  options: EnsureOptions,
): Promise<RepoOutcome> {
  const started = ctx.clock.now();
  const dir = layoutARepoDir(ctx.home, location);
  const done = (
    commit: string | null,
    origin: RepoOrigin | null,
    error: string | null = null,
    code: FetchErrorCode | null = null,
    reproduce: string | null = null,
  ): RepoOutcome => {
    const outcome: RepoOutcome = {
      url: location.url,
      ref: location.ref,
      commit,
      dir,
      origin,
      ms: ctx.clock.now() - started,
      error: error === null ? null : ctx.redactor.redact(error),
      code,
      reproduce,
    };
    // Said as each repository finishes, so a long warm shows what is done, not only what started.
    ctx.logger.info(finishedLine(outcome));
    return outcome;
  };

  const pin = pins.get(pinKey(location));
  const shown = maskUserinfo(`${location.url}@${location.ref}`);
  if (!pin) return done(null, null, `${shown} was never pinned`, 'git-failed');
  if ('error' in pin) return done(null, null, pin.error, pin.code, pin.reproduce ?? null);
  // Offline nothing is replaced, so nothing needs to be waited for.
  const release = ctx.offline ? null : ((await ctx.placementLock?.(dir)) ?? null);
  try {
    return await ensureHeld(ctx, location, pin, dir, options, done);
  } finally {
    await release?.();
  }
}

async function ensureHeld(
  ctx: FetchContext,
  location: GitLocation,
  pin: Extract<PinResult, { readonly commit: string }>,
  dir: string,
  options: EnsureOptions,
  done: (
    commit: string | null,
    origin: RepoOrigin | null,
    error?: string | null,
    code?: FetchErrorCode | null,
    reproduce?: string | null,
  ) => RepoOutcome,
): Promise<RepoOutcome> {
  const { commit } = pin;
  const shown = maskUserinfo(`${location.url}@${location.ref}`);
  let state = ctx.offline && pin.clone ? pin.clone : await inspectClone(ctx, dir);
  // A clone prune quarantined comes back by a rename instead of a fetch.
  if (state.kind === 'missing' && (await ctx.unquarantine?.(dir))) state = await inspectClone(ctx, dir);
  if (state.kind === 'valid' && state.head === commit) {
    if (!ctx.offline) await refreshMeta(ctx, dir, location, commit);
    return done(commit, options.restoredDirs?.has(dir) ? 'ci-cache' : 'local-cache');
  }
  // A locked commit the ref's clone does not hold goes where Amplifier itself keeps that commit (url@<commit>): the
  // ref's clone may be what other environments installed from, and a lock never moves it, forward or back.
  if (pin.via === 'lock' && state.kind === 'valid') {
    return ensureLockedElsewhere(ctx, location, commit, dir, state.head, options, (to, origin, failure) => {
      const outcome = done(commit, origin, failure?.error ?? null, failure?.code ?? null, failure?.reproduce ?? null);
      return { ...outcome, dir: to };
    });
  }
  if (ctx.offline) {
    return done(
      commit,
      null,
      `${shown}: ${offlineReason(state, dir, commit)}; ${(ctx.wording ?? CLI_WORDING).turn('offline', true)} forbids fetching`,
      'offline-miss',
    );
  }
  if (state.kind === 'invalid') ctx.logger.warn(`replacing the broken clone ${dir} (${state.reason})`);
  if (state.kind === 'valid') {
    const users = (await ctx.usersOf?.(dir)) ?? [];
    const told = users.length > 0 ? `; installed from by ${users.join(', ')}, which follow it` : '';
    ctx.logger.info(
      `${shown} moved to ${commit.slice(0, 12)} (cached: ${state.head?.slice(0, 12) ?? 'none'}); updating ${dir}${told}`,
    );
  }
  // One progress line per repository fetched: cold CI runs can take a while and should say what they are doing.
  ctx.logger.info(`fetching ${shown} at ${commit.slice(0, 12)}`);
  try {
    const failure = await fetchAndPlace(ctx, location, commit, dir, pin.via === 'lock');
    return failure
      ? done(commit, null, failure.error, failure.code, failure.reproduce ?? null)
      : done(commit, 'network');
  } catch (error) {
    // A file-system failure (permissions, disk full) belongs to this repository's outcome, not to the whole run.
    const reason = error instanceof Error ? error.message : String(error);
    return done(commit, null, `could not place ${shown} in the module cache (${dir}): ${reason}`, 'cache-write-failed');
  }
}

type Failure = { error: string; code: FetchErrorCode; reproduce?: string | undefined };

/**
 * The locked commit in the cache directory of url@<commit>: reused when already there, else fetched into it. The
 * ref's clone (at `refHead`) is left as it is.
 */
async function ensureLockedElsewhere(
  ctx: FetchContext,
  location: GitLocation,
  commit: string,
  refDir: string,
  refHead: string | null,
  options: EnsureOptions,
  finish: (dir: string, origin: RepoOrigin | null, failure: Failure | null) => RepoOutcome,
): Promise<RepoOutcome> {
  const atCommit = { url: location.url, ref: commit };
  const dir = layoutARepoDir(ctx.home, atCommit);
  const release = ctx.offline ? null : ((await ctx.placementLock?.(dir)) ?? null);
  try {
    return await placeLockedCommit(ctx, location, commit, dir, refDir, refHead, options, finish);
  } finally {
    await release?.();
  }
}

async function placeLockedCommit(
  ctx: FetchContext,
  location: GitLocation,
  commit: string,
  dir: string,
  refDir: string,
  refHead: string | null,
  options: EnsureOptions,
  finish: (dir: string, origin: RepoOrigin | null, failure: Failure | null) => RepoOutcome,
): Promise<RepoOutcome> {
  const atCommit = { url: location.url, ref: commit };
  const shown = maskUserinfo(`${location.url}@${location.ref}`);
  const branch = refHead ? `; the branch is at ${refHead.slice(0, 12)} now in ${refDir}, left as it is` : '';
  ctx.logger.info(`${shown} locked at ${commit.slice(0, 12)}${branch}; using ${dir}`);
  let state = await inspectClone(ctx, dir);
  if (state.kind === 'missing' && (await ctx.unquarantine?.(dir))) state = await inspectClone(ctx, dir);
  if (state.kind === 'valid' && state.head === commit) {
    return finish(dir, options.restoredDirs?.has(dir) ? 'ci-cache' : 'local-cache', null);
  }
  if (ctx.offline) {
    const error = `${shown}: locked at ${commit}, which neither ${refDir} nor ${dir} holds; --offline forbids fetching`;
    return finish(dir, null, { error, code: 'offline-miss' });
  }
  ctx.logger.info(`fetching ${shown} at ${commit.slice(0, 12)} into ${dir}`);
  try {
    // The locked commit must still be one the declared ref held (an imposter commit is refused here too).
    const failure = await fetchAndPlace(ctx, atCommit, commit, dir, true, location);
    return finish(dir, failure ? null : 'network', failure);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return finish(dir, null, { error: `could not place ${shown} in ${dir}: ${reason}`, code: 'cache-write-failed' });
  }
}

/** One outcome per distinct url@ref of `sources`, in first-seen order. Never throws for a repository's failure. */
export async function ensureCheckouts(
  sources: readonly GitLocation[],
  pins: PinMap,
  ctx: FetchContext,
  options: EnsureOptions = {},
): Promise<RepoOutcome[]> {
  registerToken(ctx.redactor, ctx.token);
  if (!ctx.offline) {
    await sweepStaleTemps(ctx.fs, join(ctx.home, 'cache'), ctx.clock, ctx.logger).catch((error: unknown) =>
      ctx.logger.debug(`could not sweep old temporary directories: ${String(error)}`),
    );
  }
  return mapBounded(distinctLocations(sources), ctx.concurrency ?? DEFAULT_CONCURRENCY, (location) =>
    ensureOne(ctx, location, pins, options),
  );
}
