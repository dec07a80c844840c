/**
 * Layout-A clones of one repository sit side by side as `<repo>-<16 hex>` (one per url@ref). An editable that points
 * into one of them while another exists is the rotated cache directory (README, "What a failure looks like"): these
 * helpers find the clone a path lies in and its siblings.
 */
import { dirname, join, relative, sep } from 'node:path';
import type { FileSystem } from '../../ports.js';
import { parseLayoutADirName } from '../../source/cache-layout.js';

export interface CacheClonePath {
  /** The directory that holds the clones (`<home>/cache`). */
  readonly cacheDir: string;
  /** `<repo>-<hash>`. */
  readonly dirName: string;
  readonly repo: string;
  readonly hash: string;
  /** The rest of the path inside the clone (a subdirectory), '' for the clone root. */
  readonly inside: string;
}

/** The innermost path component that parses as a layout-A clone name, or null. */
export function locateClone(path: string): CacheClonePath | null {
  const parts = path.split(sep);
  for (let i = parts.length - 1; i > 0; i -= 1) {
    const name = parts[i] ?? '';
    const parsed = parseLayoutADirName(name);
    if (!parsed) continue;
    const cloneDir = parts.slice(0, i + 1).join(sep);
    return {
      cacheDir: dirname(cloneDir),
      dirName: name,
      repo: parsed.repo,
      hash: parsed.hash,
      inside: relative(cloneDir, path),
    };
  }
  return null;
}

export interface Sibling {
  /** The same position inside the sibling clone as the original path. */
  readonly path: string;
  readonly hash: string;
  readonly mtimeMs: number;
}

/** Existing clones of the same repository other than the given one, newest first. */
export async function findSiblings(fs: FileSystem, clone: CacheClonePath): Promise<Sibling[]> {
  const out: Sibling[] = [];
  for (const name of (await fs.readdir(clone.cacheDir)) ?? []) {
    const parsed = parseLayoutADirName(name);
    if (!parsed || parsed.repo !== clone.repo || parsed.hash === clone.hash) continue;
    const path = clone.inside ? join(clone.cacheDir, name, clone.inside) : join(clone.cacheDir, name);
    const stat = await fs.stat(path);
    if (!stat?.isDirectory) continue;
    out.push({ path, hash: parsed.hash, mtimeMs: stat.mtimeMs });
  }
  return out.sort((a, b) => b.mtimeMs - a.mtimeMs);
}
