/**
 * Checks shared by the layers that point at a local directory (env, settings, profile file sources, workspace):
 * does it exist, is it a directory, does it hold any Python at all.
 */
import { join } from 'node:path';
import type { Source } from '../../model.js';
import type { FileSystem } from '../../ports.js';

export type DirectoryProblem = 'missing' | 'not-a-directory';

export async function directoryProblem(fs: FileSystem, path: string): Promise<DirectoryProblem | null> {
  const stat = await fs.stat(path);
  if (!stat) return 'missing';
  return stat.isDirectory ? null : 'not-a-directory';
}

/** For a file source: why it cannot be used, or null when it can. Git and package sources are not checked here. */
export async function localSourceProblem(fs: FileSystem, source: Source): Promise<string | null> {
  if (source.type !== 'file') return null;
  const problem = await directoryProblem(fs, source.path);
  return problem ? `${source.path} ${describeDirectoryProblem(problem)}` : null;
}

export function describeDirectoryProblem(problem: DirectoryProblem): string {
  return problem === 'missing' ? 'does not exist' : 'is a file, not a directory';
}

// Directories that never hold a module's own code and can be huge.
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules', '.venv', 'venv', '__pycache__', '.tox', '.mypy_cache']);
// A bound on the walk: a module directory is small; a checkout of something else should not stall resolution.
const MAX_ENTRIES = 20_000;

/** True when `**\/*.py` matches anything under `dir`. Symlinked directories are not followed (no loops). */
export async function containsPython(fs: FileSystem, dir: string): Promise<boolean> {
  const pending = [dir];
  let seen = 0;
  while (pending.length > 0) {
    const current = pending.pop();
    if (current === undefined) break;
    const names = await fs.readdir(current);
    if (!names) continue;
    for (const name of names) {
      seen += 1;
      if (seen > MAX_ENTRIES) return false;
      const path = join(current, name);
      const stat = await fs.lstat(path);
      if (!stat) continue;
      if ((stat.isFile || stat.isSymbolicLink) && name.endsWith('.py')) return true;
      if (stat.isDirectory && !SKIPPED_DIRECTORIES.has(name)) pending.push(path);
    }
  }
  return false;
}
