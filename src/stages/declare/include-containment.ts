/**
 * A bundle fetched from git is the repository's text: its path includes may only name files inside its own clone.
 * `../../../..` or an absolute path would make a repository read (and declare modules from) files elsewhere on the
 * machine, the same escape a committed symlink out of the clone is refused for.
 */
import { join, relative, sep } from 'node:path';
import type { FileSystem } from '../../ports.js';
import { isWithin } from '../../source/path-within.js';

/** The module-cache clone holding `file` (`<home>/cache/<dir>`, or `<home>/cache/modules/<key>/<ref>`), or null. */
export function cloneHolding(file: string, home: string): string | null {
  const cacheRoot = join(home, 'cache');
  if (!isWithin(file, cacheRoot) || file === cacheRoot) return null;
  const parts = relative(cacheRoot, file).split(sep);
  const depth = parts[0] === 'modules' ? 3 : 1;
  if (parts.length <= depth) return null;
  return join(cacheRoot, ...parts.slice(0, depth));
}

/** Why `target` (an include's path, and the file found for it) is outside `clone`; null when it stays inside. */
export async function escapeFromClone(fs: FileSystem, target: string, clone: string): Promise<string | null> {
  if (!isWithin(target, clone)) return `it leads outside the clone ${clone}`;
  const real = await fs.realpath(target);
  const realClone = (await fs.realpath(clone)) ?? clone;
  if (real && !isWithin(real, realClone)) return `it is a symlink leading outside the clone ${clone}`;
  return null;
}
