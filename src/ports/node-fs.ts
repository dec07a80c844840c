import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  promises as fsp,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  type Stats,
  statSync,
} from 'node:fs';
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

function orNullSync<T>(work: () => T): T | null {
  try {
    return work();
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
function readRegularFile(path: string): Buffer {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    if (!fstatSync(fd).isFile()) throw new NotRegularFileError(path);
    return readFileSync(fd);
  } finally {
    closeSync(fd);
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

/**
 * The real file system. Reads and metadata calls run synchronously inside the async port: an audit makes thousands
 * of them on small local files, where a synchronous call costs microseconds and a promise call pays a thread-pool
 * round trip, a promise and (for a missing path) an exception each, which made the file system the largest CPU cost
 * of `verify --no-install`. A missing path is answered without an exception (`throwIfNoEntry`).
 */
export const nodeFileSystem: FileSystem = {
  readFile: async (path) => readRegularFile(path),
  stat: async (path) => {
    const s = orNullSync(() => statSync(path, { throwIfNoEntry: false }));
    return s ? toStat(s) : null;
  },
  lstat: async (path) => {
    const s = orNullSync(() => lstatSync(path, { throwIfNoEntry: false }));
    return s ? toStat(s) : null;
  },
  readdir: async (path) => orNullSync(() => readdirSync(path)),
  realpath: async (path) => orNullSync(() => realpathSync.native(path)),
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
