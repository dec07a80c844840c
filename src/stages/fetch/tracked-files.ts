/**
 * Is every file git checked out still there? A clone whose package directory was deleted still has its marker files
 * and HEAD, and must not be reused. git answers from its own index (`ls-files --deleted`: each entry's path is only
 * looked up, never read or filtered); entries a sparse checkout leaves out (skip-worktree) are not on disk by design
 * and git does not list them.
 */
import { join } from 'node:path';
import { type CloneReader, runReadOnlyGit } from './read-only-git.js';

const STDERR_CHARS = 300;

/** Why the work tree of the clone at `dir` is not whole, or null when every tracked file is present. */
export async function trackedFilesProblem(reader: CloneReader, dir: string): Promise<string | null> {
  const gitDir = join(dir, '.git');
  // Only a `.git` directory is asked about: a `.git` file (`gitdir: <path>`) could send git to any repository on the
  // machine. No index is a clone with nothing checked out, as git itself would list nothing; neither costs a process.
  if (!(await reader.fs.lstat(gitDir))?.isDirectory) return null;
  if (!(await reader.fs.lstat(join(gitDir, 'index')))?.isFile) return null;
  // The repository and its work tree are named outright: no discovery, and the clone's `core.worktree` is overruled.
  const result = await runReadOnlyGit(reader, dir, [
    `--git-dir=${gitDir}`,
    `--work-tree=${dir}`,
    'ls-files',
    '--deleted',
    '-z',
  ]);
  // Another run may swap the clone while git reads it (a rename aside, then in): a failure is a clone that is not
  // whole, fetched again, never a crash.
  if (result.spawnError !== null) return `git could not be started to list its files (${result.spawnError})`;
  if (result.code !== 0) {
    const said = result.stderr.trim().slice(0, STDERR_CHARS) || `exit ${result.code ?? result.signal}`;
    return `git could not list its files (${said})`;
  }
  const missing = result.stdout.split('\0').find((path) => path !== '');
  return missing === undefined ? null : `the tracked file ${missing} is missing`;
}
