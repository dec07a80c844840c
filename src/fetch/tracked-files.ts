/**
 * Is every file git checked out still there? Read from the clone's index (format versions 2 and 3), without starting
 * git: a clone whose package directory was deleted still has its marker files and HEAD, and must not be reused.
 */
import { join } from 'node:path';
import type { FileSystem } from '../ports.js';

const ENTRY_FIXED_BYTES = 40; // ctime, mtime, dev, ino, mode, uid, gid, size: ten 4-byte fields
const EXTENDED_FLAG = 0x4000;
const SKIP_WORKTREE = 0x4000; // in the second (extended) flags word: sparse checkout, not on disk by design
const MAX_ENTRIES = 200_000;

/** Paths the index lists as checked out, or null when the index is absent or in a form this reader does not know. */
export function trackedPaths(index: Buffer, hashBytes: number): string[] | null {
  if (index.length < 12 || index.toString('latin1', 0, 4) !== 'DIRC') return null;
  const version = index.readUInt32BE(4);
  if (version !== 2 && version !== 3) return null;
  const count = index.readUInt32BE(8);
  if (count > MAX_ENTRIES) return null;
  const paths: string[] = [];
  let at = 12;
  for (let n = 0; n < count; n += 1) {
    const flagsAt = at + ENTRY_FIXED_BYTES + hashBytes;
    if (flagsAt + 2 > index.length) return null;
    const flags = index.readUInt16BE(flagsAt);
    let pathAt = flagsAt + 2;
    let skip = false;
    if (version === 3 && flags & EXTENDED_FLAG) {
      if (pathAt + 2 > index.length) return null;
      skip = (index.readUInt16BE(pathAt) & SKIP_WORKTREE) !== 0;
      pathAt += 2;
    }
    const end = index.indexOf(0, pathAt);
    if (end < 0) return null;
    if (!skip) paths.push(index.toString('utf8', pathAt, end));
    // Entries are padded with 1 to 8 NULs to a multiple of 8 bytes from the entry's start.
    const length = end - at;
    at += (length + 8) & ~7;
  }
  return paths;
}

/** The first tracked file missing from the work tree, or null when all are present (or the index cannot tell). */
export async function firstMissingTrackedFile(fs: FileSystem, dir: string): Promise<string | null> {
  const gitDir = join(dir, '.git');
  if (!(await fs.lstat(gitDir))?.isDirectory) return null;
  const indexFile = join(gitDir, 'index');
  if (!(await fs.lstat(indexFile))?.isFile) return null;
  // Another run may swap the clone while it is read (a rename aside, then in): a file gone meanwhile is read as a
  // clone that is not whole, never as a crash.
  const read = (path: string) => fs.readFile(path).catch(() => null);
  const config = (await fs.lstat(join(gitDir, 'config')))?.isFile
    ? ((await read(join(gitDir, 'config')))?.toString('utf8') ?? '')
    : '';
  const hashBytes = /objectformat\s*=\s*sha256/i.test(config) ? 32 : 20;
  const index = await read(indexFile);
  if (!index) return '.git/index';
  const paths = trackedPaths(index, hashBytes);
  for (const path of paths ?? []) {
    if (!(await fs.lstat(join(dir, path)))) return path;
  }
  return null;
}
