/** Where a reinstall of a module should come from, so the fix command names a directory that exists. */
import type { FileSystem, Logger } from '../ports.js';
import { findSiblings, locateClone } from './cache-siblings.js';
import { type CloneOrigin, originMismatch } from './clone-origin.js';
import type { AuditModuleInput } from './module-audit.js';

async function exists(fs: FileSystem, path: string | null): Promise<boolean> {
  return path !== null && (await fs.stat(path)) !== null;
}

/** Whether `dir` may be reinstalled from: any directory of a non-git source, a clone only when its origin matches. */
async function fromOrigin(fs: FileSystem, dir: string, origin: CloneOrigin | null, logger: Logger): Promise<boolean> {
  if (origin === null) return true;
  const mismatch = await originMismatch(fs, dir, origin);
  if (mismatch) logger.debug(`not reinstalling from ${dir}: ${mismatch}`);
  return mismatch === null;
}

/**
 * Where a reinstall should come from: the expected dir, else the newest sibling clone of the recorded one whose
 * metadata records the declared origin. Without a declared git origin no sibling is trusted: a clone sharing the
 * repository's name may be a fork's.
 */
export async function reinstallSource(
  fs: FileSystem,
  input: AuditModuleInput,
  recorded: readonly string[],
  logger: Logger,
): Promise<string | null> {
  const origin = input.origin ?? null;
  const expected = input.expectedPath;
  if (expected !== null && (await exists(fs, expected)) && (await fromOrigin(fs, expected, origin, logger)))
    return expected;
  if (origin !== null) {
    for (const path of recorded) {
      const clone = locateClone(path);
      if (!clone) continue;
      for (const sibling of await findSiblings(fs, clone)) {
        if (await fromOrigin(fs, sibling.path, origin, logger)) return sibling.path;
      }
    }
  }
  for (const path of recorded) if (await exists(fs, path)) return path;
  return null;
}
