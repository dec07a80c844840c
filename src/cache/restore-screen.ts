/**
 * What a CI cache restore brought is not trusted until checked: a directory that appeared during the restore must
 * be a complete clone that is exactly its commit. One that is not is removed (it is fetched again like any missing
 * clone), so a poisoned or damaged cache entry can never reach an install; one warning names every such clone.
 */
import { basename } from 'node:path';
import { readHeadCommit } from '../fetch/clone-state.js';
import type { FetchContext } from '../fetch/context.js';
import { checkCloneIntegrity } from './clone-integrity.js';
import { nodeWorkingTree, type WorkingTreeReader } from './working-tree.js';

export interface ScreenedRestore {
  /** Restored directories that passed. */
  readonly kept: ReadonlySet<string>;
  /** Restored directories that were removed, with why. */
  readonly discarded: ReadonlyArray<{ readonly dir: string; readonly reason: string }>;
}

/**
 * Checks each restored directory against the commit `expectedCommit` gives for it (null: the clone's own HEAD,
 * which is all an offline run can know) and removes the ones that differ.
 */
export async function screenRestoredClones(
  ctx: FetchContext,
  dirs: readonly string[],
  expectedCommit: (dir: string) => string | null,
  tree: WorkingTreeReader = nodeWorkingTree,
): Promise<ScreenedRestore> {
  const kept = new Set<string>();
  const discarded: Array<{ dir: string; reason: string }> = [];
  const ports = { fs: ctx.fs, exec: ctx.exec, env: ctx.env, git: ctx.git, tree, platform: process.platform };
  for (const dir of dirs) {
    const commit = expectedCommit(dir) ?? (await readHeadCommit(ctx.fs, dir));
    const verdict = commit
      ? await checkCloneIntegrity(ports, dir, commit)
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
