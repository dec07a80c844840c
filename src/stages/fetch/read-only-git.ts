/**
 * git run on a clone this run did not just make (restored from a CI cache, left by another run, edited by hand), to
 * read it. The clone's own `.git/config`, and any file it includes, may ask git to run a program (an fsmonitor hook,
 * a hook) or to look at another tree (`core.worktree`). Settings given on the command line outrank every config file,
 * so each of those is overridden there; the system config is not read, replacement objects are not honoured, and the
 * safe environment every git child gets (git-environment.ts) drops an inherited GIT_DIR or GIT_INDEX_FILE.
 */
import type { Env, Exec, ExecResult, FileSystem } from '../../ports.js';
import { gitEnvironment } from './git-environment.js';

export interface GitReader {
  readonly exec: Exec;
  readonly env: Env;
  /** The git program (default `git`). */
  readonly git?: string | undefined;
}

/** What looking at a cached clone takes: its files, and git for what only git can answer. */
export interface CloneReader extends GitReader {
  readonly fs: FileSystem;
  /**
   * false: a clone is judged by its files alone (marker, HEAD), without asking git whether every tracked file is
   * there. For `verify --no-install`, which only looks at clones and leaves the verdict to the audit of the import
   * targets: a clone found incomplete would be left alone there all the same, so the question would cost a git process
   * per clone and change nothing.
   */
  readonly checkTrackedFiles?: boolean | undefined;
}

/**
 * `core.fsmonitor` names a program git runs when it reads the index; the untracked cache is written back by a read
 * that lists untracked files. (Hooks are off for every git child: `core.hooksPath` in git-environment.ts.)
 */
const NEUTRAL_CONFIG: readonly string[] = ['core.fsmonitor=false', 'core.untrackedCache=false'];

/** Reading a clone is local: a git that has not answered in this long is stuck (a hung file system), not slow. */
const READ_TIMEOUT_MS = 2 * 60 * 1000;

function readerEnv(env: Env): Env {
  return {
    ...gitEnvironment(env),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_NO_REPLACE_OBJECTS: '1',
    // No index refresh written back behind a read (git status would, another run may be reading the same clone).
    GIT_OPTIONAL_LOCKS: '0',
  };
}

/** Runs `git <args>` in `dir` with the clone's configuration neutralised; the caller names the repository in `args`. */
export function runReadOnlyGit(reader: GitReader, dir: string, args: readonly string[]): Promise<ExecResult> {
  const overrides = NEUTRAL_CONFIG.flatMap((setting) => ['-c', setting]);
  return reader.exec.run(reader.git ?? 'git', [...overrides, ...args], {
    cwd: dir,
    env: readerEnv(reader.env),
    timeoutMs: READ_TIMEOUT_MS,
  });
}
