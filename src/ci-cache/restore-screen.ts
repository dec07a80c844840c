/**
 * What a CI cache restore brought is not trusted until checked: every clone directory on the cached paths after the
 * restore must be a complete clone that is exactly its commit, whether it appeared during the restore or was there
 * before (an entry is extracted over an existing clone on a self-hosted runner's persistent home, or after an earlier
 * warm step, and may overwrite any of its files). One that is not is removed (it is fetched again like any missing
 * clone), so a poisoned or damaged cache entry can never reach an install; one warning names every such clone.
 *
 * Untracked install leftovers in a clone (`*.egg-info/`, `build/`, `.eggs/` directories that an editable install
 * writes) are not the commit's, but they are what the install step writes again anyway: they do not make a clone
 * differ. Everything else does: a tracked file changed, added or removed, `.git` config or hooks, a `__pycache__`
 * (a compiled file is used instead of its source when their times match).
 */
import { basename } from 'node:path';
import { readHeadCommit } from '../stages/fetch/clone-state.js';
import type { FetchContext } from '../stages/fetch/context.js';
import { checkCloneIntegrity, type ToleratedAddition } from './clone-integrity.js';
import { nodeWorkingTree, type WorkingTreeReader } from './working-tree.js';

export interface ScreenedRestore {
  /** Restored directories that passed. */
  readonly kept: ReadonlySet<string>;
  /** Restored directories that were removed, with why. */
  readonly discarded: ReadonlyArray<{ readonly dir: string; readonly reason: string }>;
}

const LEFTOVER_DIRECTORY = /(^|\/)(build|\.eggs|[^/]+\.egg-info)$/;

/** Directories an editable install (setuptools, pip) leaves in a project. */
export const isInstallLeftover: ToleratedAddition = (path, kind) =>
  kind === 'directory' && LEFTOVER_DIRECTORY.test(path);

/**
 * Checks each directory against the commit `expectedCommit` gives for it (null: the clone's own HEAD, which is all
 * an offline run can know) and removes the ones that differ. A directory in `existedBefore` whose HEAD is not the
 * expected commit is left alone: the checkout step replaces it (its branch moved), so there is nothing to screen.
 */
export async function screenRestoredClones(
  ctx: FetchContext,
  dirs: readonly string[],
  expectedCommit: (dir: string) => string | null,
  existedBefore: ReadonlySet<string> = new Set(),
  tree: WorkingTreeReader = nodeWorkingTree,
): Promise<ScreenedRestore> {
  const kept = new Set<string>();
  const discarded: Array<{ dir: string; reason: string }> = [];
  const ports = { fs: ctx.fs, exec: ctx.exec, env: ctx.env, git: ctx.git, tree, platform: process.platform };
  for (const dir of dirs) {
    const head = await readHeadCommit(ctx.fs, dir);
    const commit = expectedCommit(dir) ?? head;
    if (existedBefore.has(dir) && commit !== null && head !== commit) continue;
    const verdict = commit
      ? await checkCloneIntegrity(ports, dir, commit, { untracked: 'differs', tolerated: isInstallLeftover })
      : { pristine: false as const, reason: 'no commit checked out' };
    if (verdict.pristine) {
      kept.add(dir);
      continue;
    }
    discarded.push({ dir, reason: verdict.reason });
    await ctx.fs.rm(dir);
  }
  if (discarded.length > 0) {
    const named = discarded.map(({ dir, reason }) => `${basename(dir)} (${reason})`).join('; ');
    ctx.logger.warn(
      `The restored module cache held ${discarded.length} clone(s) that are not exactly their commit; discarded and fetched again: ${named}`,
    );
  }
  return { kept, discarded };
}
