/** Whether a path lies inside a directory, compared as written and through symlinks (a `.pth` holds the resolved path). */
import { isAbsolute, relative } from 'node:path';
import type { FileSystem } from '../ports.js';

export function isWithin(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Both spellings of a path: as written and canonical (the canonical one only when it exists). */
export async function spellings(fs: FileSystem, path: string): Promise<string[]> {
  const real = await fs.realpath(path);
  return real && real !== path ? [path, real] : [path];
}

export async function isWithinAny(fs: FileSystem, path: string, dir: string): Promise<boolean> {
  // The spellings as written are among those compared: when they already agree, no canonical path is needed.
  if (isWithin(path, dir)) return true;
  const paths = await spellings(fs, path);
  const dirs = await spellings(fs, dir);
  return paths.some((p) => dirs.some((d) => isWithin(p, d)));
}
