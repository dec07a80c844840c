/** Where a reinstall of a module should come from, so the fix command names a directory that exists. */
import type { FileSystem } from '../ports.js';
import { findSiblings, locateClone } from './cache-siblings.js';

async function exists(fs: FileSystem, path: string | null): Promise<boolean> {
  return path !== null && (await fs.stat(path)) !== null;
}

/** Where a reinstall should come from: the expected dir, else the newest sibling clone of the recorded one. */
export async function reinstallSource(
  fs: FileSystem,
  expectedPath: string | null,
  recorded: readonly string[],
): Promise<string | null> {
  if (await exists(fs, expectedPath)) return expectedPath;
  for (const path of recorded) {
    const clone = locateClone(path);
    if (!clone) continue;
    const sibling = (await findSiblings(fs, clone))[0];
    if (sibling) return sibling.path;
  }
  for (const path of recorded) if (await exists(fs, path)) return path;
  return null;
}
