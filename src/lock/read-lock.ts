/** Where the lock file is, and reading it: a missing or unreadable lock is bad input (exit 2) naming the file. */

import { dirname, join } from 'node:path';
import { InputError } from '../errors.js';
import { CLI_WORDING, type Wording } from '../options/option-wording.js';
import type { FileSystem } from '../ports.js';
import { decodeUtf8 } from '../text-file.js';
import { DEFAULT_LOCK_FILE_NAME, LOCK_FIX, type LockFile, parseLockFileYielding } from './lock-file.js';

/** A lock of thousands of modules is a few megabytes; anything far larger is not a lock file. */
const MAX_LOCK_BYTES = 32 * 1024 * 1024;

/** `--lock-file`, else `amplifier-modules.lock` in the directory of the first declaration file (or the workspace). */
export function lockPathFor(lockFile: string | null | undefined, files: readonly string[], workspace: string): string {
  if (lockFile) return lockFile;
  const first = files[0];
  return join(first ? dirname(first) : workspace, DEFAULT_LOCK_FILE_NAME);
}

export async function lockExists(fs: FileSystem, path: string): Promise<boolean> {
  return (await fs.stat(path).catch(() => null)) !== null;
}

/** The lock at `path`; null when there is none (the caller decides whether that is an error). */
export async function readLockIfAny(fs: FileSystem, path: string, w: Wording = CLI_WORDING): Promise<LockFile | null> {
  const stat = await fs.stat(path).catch(() => null);
  if (!stat) return null;
  if (!stat.isFile || stat.size > MAX_LOCK_BYTES)
    throw new InputError('invalid-lock', stat.isFile ? 'the lock file is too large' : 'the lock file is not a file', {
      file: path,
      line: 1,
      fix: `${w.give('lockFile', 'PATH')} of a lock file (${LOCK_FIX} writes one)`,
    });
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(path);
  } catch (error) {
    throw new InputError('invalid-lock', `cannot read the lock file: ${String(error)}`, {
      file: path,
      fix: 'check its permissions',
    });
  }
  return parseLockFileYielding(path, decodeUtf8(bytes, path));
}

/** `--locked` / `--frozen`: the lock must be there. */
export async function readLock(fs: FileSystem, path: string, w: Wording = CLI_WORDING): Promise<LockFile> {
  const lock = await readLockIfAny(fs, path, w);
  if (lock) return lock;
  // The action has no --locked or --frozen: a lock-file it names is the run's lock.
  const needs = w.front === 'cli' ? ' (--locked and --frozen need one)' : '';
  throw new InputError('lock-missing', `there is no lock file to compare with${needs}`, {
    file: path,
    line: 1,
    fix: `${LOCK_FIX} (then commit ${DEFAULT_LOCK_FILE_NAME}), or ${w.give('lockFile', 'PATH')} of it`,
  });
}
