/**
 * `--report FILE`: checked before the run, written after it. A regular file (or a new one) is replaced through a temp
 * file and a rename, so a failed write leaves the previous report whole. A special file the user names on purpose
 * (`/dev/null`, `/dev/stdout`, a FIFO another process reads) is written in place: renaming over it would replace the
 * device itself, which as root breaks every later program that writes to /dev/null.
 */
import { randomBytes } from 'node:crypto';
import { constants, promises as fsp } from 'node:fs';
import { dirname, join } from 'node:path';
import { InputError, RuntimeFailure } from '../errors.js';

/** Checked before any work starts, so a typo in --report never costs a whole run. */
export async function checkReportTarget(path: string): Promise<void> {
  const dir = dirname(path);
  const stat = await fsp.stat(dir).catch(() => null);
  if (!stat?.isDirectory()) {
    throw new InputError('usage', `--report ${path}: the directory ${dir} does not exist`, {
      fix: `create ${dir} first, or pass a path in an existing directory`,
    });
  }
  const existing = await fsp.stat(path).catch(() => null);
  if (existing?.isDirectory()) {
    throw new InputError('usage', `--report ${path} is a directory`, {
      fix: 'pass a file path, e.g. --report report.json',
    });
  }
  if (existing?.isSocket()) {
    throw new InputError('usage', `--report ${path} is a socket`, {
      fix: 'pass a file path, e.g. --report report.json',
    });
  }
}

/** Writes into an existing device or FIFO without replacing it; a FIFO nobody reads fails at once (no hang). */
async function writeInPlace(path: string, text: string): Promise<void> {
  const handle = await fsp.open(path, constants.O_WRONLY | constants.O_NONBLOCK);
  try {
    await handle.writeFile(text);
  } finally {
    await handle.close();
  }
}

async function replaceFile(path: string, text: string): Promise<void> {
  const temp = join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await fsp.writeFile(temp, text, { flag: 'wx' });
    await fsp.rename(temp, path);
  } finally {
    await fsp.rm(temp, { force: true }).catch(() => undefined);
  }
}

export async function writeReportFile(path: string, text: string): Promise<void> {
  try {
    const existing = await fsp.stat(path).catch(() => null);
    if (existing && !existing.isFile()) await writeInPlace(path, text);
    else await replaceFile(path, text);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new RuntimeFailure(
      'report-unwritable',
      `could not write the report ${path} (${reason}); the previous report, if any, is unchanged`,
      error instanceof Error ? error.message : undefined,
      reason === 'ENOSPC'
        ? `free space on the disk holding ${dirname(path)}, then run again`
        : reason === 'ENXIO'
          ? `${path} is a FIFO nobody reads: start its reader first, or pass a file path`
          : `make ${path} writable`,
    );
  }
}
