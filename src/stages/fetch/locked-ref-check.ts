/**
 * A locked commit must be one the declared ref really held: a commit pushed to any fork can be fetched by its id from
 * the parent repository, so a hand-edited lock could otherwise pin `@main` to a commit `main` never had. Checked when a
 * locked commit is fetched (into the temporary clone, before it is placed), with fetches only (no ls-remote, which
 * `--frozen` promises not to run):
 * - a branch (or a full `refs/...` name, or HEAD): the commit must be reachable from its tip (`merge-base
 *   --is-ancestor`). The clone holds the locked commit, so git's negotiation sends only the commits after it;
 * - a tag: the commit must be the tag's commit.
 */
import { err, ok, type Result } from '../../result.js';
import { maskUserinfo } from '../../secrets.js';
import type { FetchContext, FetchFailure, GitLocation } from './context.js';
import { describeGitFailure, gitSucceeded, runGit } from './git-runner.js';

/** Where the declared ref is fetched to inside the temporary clone; deleted once checked. */
const CHECK_REF = 'refs/amplifier-modules/declared';

const NO_SUCH_REF = /couldn't find remote ref|no matching remote head|not our ref/i;

/** Held, or why not (`lock-mismatch`, or `git-failed` when git could not tell). */
export type LockedRefVerdict = Result<void, FetchFailure>;

async function fetchInto(
  ctx: FetchContext,
  dir: string,
  url: string,
  remoteRef: string,
  depth: readonly string[],
): Promise<{ fetched: boolean; missing: boolean; failure: string }> {
  const result = await runGit(
    ctx,
    ['fetch', '--quiet', '--no-tags', ...depth, '--', 'origin', `+${remoteRef}:${CHECK_REF}`],
    { cwd: dir, url },
  );
  if (gitSucceeded(result)) return { fetched: true, missing: false, failure: '' };
  return {
    fetched: false,
    missing: NO_SUCH_REF.test(result.stderr),
    failure: describeGitFailure(
      ctx,
      `git fetch of ${remoteRef} (to check the locked commit) for`,
      { url, ref: remoteRef },
      result,
    ),
  };
}

async function revParse(ctx: FetchContext, dir: string, url: string, what: string): Promise<string | null> {
  const result = await runGit(ctx, ['rev-parse', '--verify', '--quiet', `${what}^{commit}`], { cwd: dir, url });
  return gitSucceeded(result) ? result.stdout.trim() : null;
}

/** Checks, in the clone `dir` holding `commit`, that the declared ref of `location` holds it. */
export async function checkLockedCommitOnRef(
  ctx: FetchContext,
  location: GitLocation,
  commit: string,
  dir: string,
): Promise<LockedRefVerdict> {
  const { url, ref } = location;
  const shown = ctx.redactor.redact(maskUserinfo(`${url}@${ref}`));
  const mismatch = (why: string): LockedRefVerdict =>
    err({
      code: 'lock-mismatch',
      message: `${shown}: the lock pins ${commit}, ${why}; the lock was edited or the history rewritten: run amplifier-modules lock --update`,
    });
  const held = ok(undefined);
  const fullName = ref === 'HEAD' || ref.startsWith('refs/');
  try {
    // A branch first, then a tag: the order git clone --branch (and the pin) uses.
    const branch = await fetchInto(ctx, dir, url, fullName ? ref : `refs/heads/${ref}`, []);
    if (branch.fetched) {
      const tip = (await revParse(ctx, dir, url, CHECK_REF)) ?? 'an unreadable commit';
      if (tip === commit) return held;
      const ancestor = await runGit(ctx, ['merge-base', '--is-ancestor', '--', commit, CHECK_REF], { cwd: dir, url });
      if (ancestor.code === 0) return held;
      if (ancestor.code === 1) return mismatch(`which '${ref}' (now at ${tip}) never held`);
      return err({ code: 'git-failed', message: describeGitFailure(ctx, 'git merge-base for', location, ancestor) });
    }
    if (!branch.missing) return err({ code: 'git-failed', message: branch.failure });
    if (fullName) return mismatch(`and '${ref}' no longer exists upstream`);
    const tag = await fetchInto(ctx, dir, url, `refs/tags/${ref}`, ['--depth', '1']);
    if (tag.fetched) {
      const tagged = await revParse(ctx, dir, url, CHECK_REF);
      return tagged === commit ? held : mismatch(`but the tag '${ref}' is ${tagged ?? 'not a commit'}`);
    }
    if (tag.missing) return mismatch(`and no branch or tag '${ref}' exists upstream`);
    return err({ code: 'git-failed', message: tag.failure });
  } finally {
    await runGit(ctx, ['update-ref', '-d', CHECK_REF], { cwd: dir, url });
  }
}
