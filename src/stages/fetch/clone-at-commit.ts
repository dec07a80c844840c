/**
 * Makes a shallow clone of exactly one commit in a temporary directory: `git init`, fetch that commit at depth 1,
 * check it out detached, then check the result the way amplifier-foundation does and write its metadata.
 * Fetching a commit by id works on GitHub and on any protocol-v2 server; a server that refuses unadvertised
 * objects is asked for the ref instead and the result must still be the pinned commit.
 */
import type { ExecResult } from '../../ports.js';
import { err, ok, type Result } from '../../result.js';
import { maskUserinfo } from '../../secrets.js';
import { formatCachedAt, writeCacheMeta } from './cache-meta.js';
import { inspectClone, readHeadCommit } from './clone-state.js';
import type { FetchContext, FetchErrorCode, FetchFailure, GitLocation } from './context.js';
import { reproduceFetch } from './git-reproduce.js';
import { describeGitFailure, gitSucceeded, runGit, stderrTail } from './git-runner.js';
import { checkLockedCommitOnRef } from './locked-ref-check.js';
import { DEFAULT_RETRY, withRetries } from './retry.js';

export type CloneResult = Result<void, FetchFailure>;

const REFUSED_UNADVERTISED = /not our ref|unadvertised object|allowReachableSHA1InWant|allowAnySHA1InWant/i;

function failed(message: string, code: FetchErrorCode = 'git-failed', reproduce?: string): CloneResult {
  return err({ message, code, reproduce });
}

function fetchWithRetries(ctx: FetchContext, dir: string, url: string, what: string): Promise<ExecResult> {
  return withRetries(
    ctx.retry ?? DEFAULT_RETRY,
    () => runGit(ctx, ['fetch', '--quiet', '--depth', '1', '--no-tags', '--', 'origin', what], { cwd: dir, url }),
    gitSucceeded,
    (failedTry, nextTry, delay) =>
      ctx.logger.debug(`fetch ${maskUserinfo(url)}: ${stderrTail(ctx, failedTry)}; try ${nextTry} in ${delay} ms`),
  );
}

/**
 * Clones `location` at `commit` into the existing empty directory `dir`. `fromLock`: the commit came from a lock file,
 * not from the remote, so the declared ref must be shown to hold it (locked-ref-check.ts). `declared`: the declaration's
 * own location when `location` names the commit itself (a locked commit placed in the directory of url@<commit>).
 */
export async function cloneAtCommit(
  ctx: FetchContext,
  location: GitLocation,
  commit: string,
  dir: string,
  fromLock = false,
  declared: GitLocation = location,
): Promise<CloneResult> {
  const { url } = location;
  const init = await runGit(ctx, ['init', '--quiet', '--template=', '--', dir], { url });
  if (!gitSucceeded(init)) return failed(describeGitFailure(ctx, 'git init for', location, init));
  const remote = await runGit(ctx, ['config', '--', 'remote.origin.url', url], { cwd: dir, url });
  if (!gitSucceeded(remote)) return failed(describeGitFailure(ctx, 'git config for', location, remote));

  let fetched = await fetchWithRetries(ctx, dir, url, commit);
  let fetchedWhat = commit;
  if (!gitSucceeded(fetched) && REFUSED_UNADVERTISED.test(fetched.stderr) && location.ref !== commit) {
    ctx.logger.debug(`${maskUserinfo(url)} refuses to serve a commit by id; fetching ref ${location.ref} instead`);
    fetched = await fetchWithRetries(ctx, dir, url, location.ref);
    fetchedWhat = location.ref;
    if (gitSucceeded(fetched)) {
      const got = await runGit(ctx, ['rev-parse', '--verify', '--quiet', 'FETCH_HEAD^{commit}'], { cwd: dir, url });
      if (got.stdout.trim() !== commit) {
        return failed(
          `${ctx.redactor.redact(maskUserinfo(url))}@${location.ref} moved from ${commit} to ${got.stdout.trim() || '?'} while it was being fetched; run again`,
        );
      }
    }
  }
  if (!gitSucceeded(fetched))
    return failed(
      describeGitFailure(ctx, `git fetch (commit ${commit}) of`, location, fetched),
      'git-failed',
      reproduceFetch(ctx, url, fetchedWhat),
    );

  const checkout = await runGit(ctx, ['checkout', '--quiet', '--detach', commit], { cwd: dir, url });
  if (!gitSucceeded(checkout)) return failed(describeGitFailure(ctx, 'git checkout of', location, checkout));
  const head = await readHeadCommit(ctx.fs, dir);
  if (head !== commit)
    return failed(`checkout of ${maskUserinfo(url)}@${location.ref} ended at ${head ?? 'no commit'}, not ${commit}`);
  // Fetched by the ref itself (above), the commit is the ref's tip already.
  if (fromLock && fetchedWhat === commit && declared.ref !== commit) {
    const held = await checkLockedCommitOnRef(ctx, declared, commit, dir);
    if (!held.ok) return held;
  }

  const state = await inspectClone(ctx, dir);
  if (state.kind !== 'valid') {
    const reason = state.kind === 'invalid' ? state.reason : 'directory vanished';
    return failed(
      `${ctx.redactor.redact(maskUserinfo(url))}@${location.ref} (commit ${commit}) is not an Amplifier module or bundle repository: ${reason}`,
      'not-a-module',
    );
  }
  await writeCacheMeta(ctx.fs, dir, {
    cached_at: formatCachedAt(ctx.clock.now()),
    ref: location.ref,
    commit,
    git_url: maskUserinfo(url),
  });
  return ok(undefined);
}
