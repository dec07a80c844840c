/**
 * Puts a finished clone at its layout-A path with renames only, so the path holds either the old complete clone
 * or the new complete one, never a half-written directory. Temporary names start with `.` and end in random
 * characters, so nothing that scans the cache for `<repo>-<16 hex>` mistakes them for a clone.
 */
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import type { Clock, FileSystem, Logger } from '../../ports.js';

export const TEMP_PREFIX = '.tmp-';
export const ASIDE_PREFIX = '.old-';
const STALE_AFTER_MS = 60 * 60 * 1000;

/**
 * A fresh empty directory beside `finalDir` (same file system, so the final rename is atomic). Made with a plain
 * mkdir, not mkdtemp, because this directory becomes the clone: it must get the mode a plain `git clone` gives
 * under the user's umask (mkdtemp always makes 0700), as Amplifier's own clones have. The random suffix keeps
 * concurrent runs apart, and a name that exists already is never reused.
 */
export async function makeTempBeside(fs: FileSystem, finalDir: string): Promise<string> {
  const parent = dirname(finalDir);
  await fs.mkdir(parent);
  for (;;) {
    const temp = join(parent, `${TEMP_PREFIX}${basename(finalDir)}-${randomBytes(6).toString('hex')}`);
    try {
      await fs.mkdirTemp(temp);
      return temp;
    } catch (error) {
      if ((error as NodeJS.ErrnoException | undefined)?.code !== 'EEXIST') throw error;
    }
  }
}

/**
 * Moves `tempDir` to `finalDir`. An existing `finalDir` is first renamed aside, then deleted once the new one is in
 * place; if the second rename fails the old clone is put back. Throws the rename error when `finalDir` appeared
 * meanwhile (another process placed it): the caller decides whether that clone is good enough.
 */
export async function placeClone(fs: FileSystem, tempDir: string, finalDir: string, logger: Logger): Promise<void> {
  if (!(await fs.lstat(finalDir))) {
    await fs.rename(tempDir, finalDir);
    return;
  }
  const asideParent = await fs.mkdtemp(join(dirname(finalDir), `${ASIDE_PREFIX}${basename(finalDir)}-`));
  const aside = join(asideParent, basename(finalDir));
  await fs.rename(finalDir, aside);
  try {
    await fs.rename(tempDir, finalDir);
  } catch (error) {
    await fs.rename(aside, finalDir).catch(() => undefined);
    await fs.rm(asideParent).catch(() => undefined);
    throw error;
  }
  await fs.rm(asideParent).catch((error: unknown) => {
    logger.warn(`could not delete the replaced clone ${aside}: ${String(error)}`);
  });
}

/** Deletes temporary and set-aside directories that an interrupted run left behind (older than an hour). */
export async function sweepStaleTemps(fs: FileSystem, cacheRoot: string, clock: Clock, logger: Logger): Promise<void> {
  const names = (await fs.readdir(cacheRoot)) ?? [];
  for (const name of names) {
    if (!name.startsWith(TEMP_PREFIX) && !name.startsWith(ASIDE_PREFIX)) continue;
    const path = join(cacheRoot, name);
    const stat = await fs.lstat(path);
    if (!stat?.isDirectory || clock.now() - stat.mtimeMs < STALE_AFTER_MS) continue;
    await fs.rm(path).catch(() => undefined);
    logger.debug(`removed ${path} left by an interrupted run`);
  }
}
