import { promises as fsp, type Stats } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileStat, FileSystem } from '../ports.js';
import { createLimiter } from './fd-limit.js';
import { trackTemporaryDir } from './run-cleanup.js';

/** Well under the common default of 1024 descriptors, leaving room for pipes, sockets and the children's own. */
const limited = createLimiter(64);

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
  // A path longer than the system allows cannot exist: looking it up finds nothing, like a missing path.
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP' || code === 'ENAMETOOLONG';
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
  readFile: (path) => limited(() => fsp.readFile(path)),
  stat: async (path) => {
    const s = await orNull(fsp.stat(path));
    return s ? toStat(s) : null;
  },
  lstat: async (path) => {
    const s = await orNull(fsp.lstat(path));
    return s ? toStat(s) : null;
  },
  readdir: (path) => limited(() => orNull(fsp.readdir(path))),
  realpath: (path) => orNull(fsp.realpath(path)),
  mkdir: async (path) => {
    await fsp.mkdir(path, { recursive: true });
  },
  mkdirTemp: async (path) => {
    await fsp.mkdir(path);
    trackTemporaryDir(path);
  },
  writeFile: (path, data) => limited(() => fsp.writeFile(path, data)),
  rename: (from, to) => fsp.rename(from, to),
  rm: (path) => fsp.rm(path, { recursive: true, force: true }),
  mkdtemp: async (prefix) => {
    const dir = await fsp.mkdtemp(prefix.includes('/') ? prefix : join(tmpdir(), prefix));
    trackTemporaryDir(dir);
    return dir;
  },
};
