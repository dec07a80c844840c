/**
 * Where a module-cache clone came from, as its `.amplifier_cache_meta.json` records it, compared with the source a
 * module declares. `doctor --fix` reinstalls only from a clone whose recorded URL and ref are the module's: a clone
 * of a fork, or of another repository that happens to share the name, is never installed in its place.
 */
import { join } from 'node:path';
import type { FileSystem } from '../../ports.js';
import { maskUserinfo } from '../../secrets.js';
import { readCacheMeta } from '../fetch/cache-meta.js';
import { locateClone } from './cache-siblings.js';

/** A git module's declared origin. */
export interface CloneOrigin {
  readonly url: string;
  readonly ref: string;
}

/** The URL as a comparable key: no userinfo, scheme and host in lower case, no trailing `/` or `.git`. */
export function originKey(url: string): string {
  const bare = maskUserinfo(url).replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/]*@/i, '$1');
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/]*)(.*)$/i.exec(bare);
  const normal = match ? `${match[1]?.toLowerCase()}${match[2]?.toLowerCase()}${match[3]}` : bare;
  return normal.replace(/\/+$/, '').replace(/\.git$/, '');
}

/** Why the clone holding `dir` is not from `origin`, or null when its metadata says it is. */
export async function originMismatch(fs: FileSystem, dir: string, origin: CloneOrigin): Promise<string | null> {
  const clone = locateClone(dir);
  if (!clone) return `${dir} is not in a module-cache clone, so its origin cannot be checked`;
  const root = join(clone.cacheDir, clone.dirName);
  const meta = await readCacheMeta(fs, root);
  if (!meta) return `${root} has no readable .amplifier_cache_meta.json recording its origin`;
  if (originKey(meta.git_url) !== originKey(origin.url))
    return `${root} is a clone of ${meta.git_url}, not of ${maskUserinfo(origin.url)}`;
  if (meta.ref !== origin.ref) return `${root} is a clone of ref ${meta.ref}, not ${origin.ref}`;
  return null;
}
