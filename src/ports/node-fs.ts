import { randomBytes } from 'node:crypto';
import { constants, promises as fsp, type Stats } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
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

/** Thrown for a FIFO, socket or device where a file was expected: opening one could block or do something. */
export class NotRegularFileError extends Error {
  readonly code = 'ENOTREGULAR';
  constructor(readonly path: string) {
    super(`${path} is not a regular file (a FIFO, socket or device); it is never opened`);
  }
}

/**
 * Reads a regular file. Opened non-blocking, so a FIFO (which a hostile repository or a tampered cache can hold)
 * returns at once instead of waiting for a writer, and refused before a byte is read.
 */
async function readRegularFile(path: string): Promise<Buffer> {
  const handle = await fsp.open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    if (!(await handle.stat()).isFile()) throw new NotRegularFileError(path);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/**
 * Writes by replacing: the data goes into a new temporary file beside `path` (created exclusively, so never through
 * a link), which is then renamed over `path`. A symlink or FIFO at `path` is replaced, never written through, and a
 * reader sees the old content or the new, never half of it.
 */
async function replaceFile(path: string, data: string | Buffer): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await fsp.writeFile(temp, data, { flag: 'wx' });
    await fsp.rename(temp, path);
  } catch (error) {
    await fsp.rm(temp, { force: true });
    throw error;
  }
}

/** The real file system. */
export const nodeFileSystem: FileSystem = {
  readFile: (path) => limited(() => readRegularFile(path)),
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
  writeFile: (path, data) => limited(() => replaceFile(path, data)),
  rename: (from, to) => fsp.rename(from, to),
  rm: (path) => fsp.rm(path, { recursive: true, force: true }),
  mkdtemp: async (prefix) => {
    const dir = await fsp.mkdtemp(prefix.includes('/') ? prefix : join(tmpdir(), prefix));
    trackTemporaryDir(dir);
    return dir;
  },
};
