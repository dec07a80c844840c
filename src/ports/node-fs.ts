import { promises as fsp, type Stats } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileStat, FileSystem } from '../ports.js';

function toStat(s: Stats): FileStat {
  return {
    isFile: s.isFile(),
    isDirectory: s.isDirectory(),
    isSymbolicLink: s.isSymbolicLink(),
    size: s.size,
    mtimeMs: s.mtimeMs,
  };
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP';
}

async function orNull<T>(work: Promise<T>): Promise<T | null> {
  try {
    return await work;
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

/** The real file system. */
export const nodeFileSystem: FileSystem = {
  readFile: (path) => fsp.readFile(path),
  stat: async (path) => {
    const s = await orNull(fsp.stat(path));
    return s ? toStat(s) : null;
  },
  lstat: async (path) => {
    const s = await orNull(fsp.lstat(path));
    return s ? toStat(s) : null;
  },
  readdir: (path) => orNull(fsp.readdir(path)),
  realpath: (path) => orNull(fsp.realpath(path)),
  mkdir: async (path) => {
    await fsp.mkdir(path, { recursive: true });
  },
  mkdirNew: (path) => fsp.mkdir(path),
  writeFile: (path, data) => fsp.writeFile(path, data),
  rename: (from, to) => fsp.rename(from, to),
  rm: (path) => fsp.rm(path, { recursive: true, force: true }),
  mkdtemp: (prefix) => fsp.mkdtemp(prefix.includes('/') ? prefix : join(tmpdir(), prefix)),
};
