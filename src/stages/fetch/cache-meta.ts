/**
 * `.amplifier_cache_meta.json`, the file amplifier-foundation writes into every clone it makes
 * (docs/formats.md, "The module cache"). Read leniently: a missing or broken file is simply "no metadata".
 * Written byte for byte the way foundation writes it (Python `json.dumps(meta, indent=2)`, no final newline), with
 * `cached_at` in the form of Python's `datetime.now().isoformat()`: local time without a zone. Amplifier subtracts
 * it from a naive `datetime.now()`; a zone suffix such as `Z` makes that subtraction fail and the age read as 0.
 */
import { join } from 'node:path';
import { parseJsonObject } from '../../json-object.js';
import type { FileSystem } from '../../ports.js';

export const CACHE_META_FILE = '.amplifier_cache_meta.json';

export interface CacheMeta {
  readonly cached_at: string;
  readonly ref: string;
  readonly commit: string | null;
  readonly git_url: string;
}

export async function readCacheMeta(fs: FileSystem, repoDir: string): Promise<CacheMeta | null> {
  const file = join(repoDir, CACHE_META_FILE);
  // lstat: a metadata file committed as a symlink (or a FIFO) is not ours; it is never followed or opened.
  if (!(await fs.lstat(file))?.isFile) return null;
  const record = parseJsonObject(
    await fs.readFile(file).then(
      (data) => data.toString('utf8'),
      () => '',
    ),
  );
  if (!record) return null;
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  return {
    cached_at: text(record.cached_at),
    ref: text(record.ref),
    commit: typeof record.commit === 'string' && /^[0-9a-f]{40,64}$/.test(record.commit) ? record.commit : null,
    git_url: text(record.git_url),
  };
}

const two = (n: number): string => String(n).padStart(2, '0');

/** Python's `datetime.fromtimestamp(ms / 1000).isoformat()`: local, no zone, microseconds only when not zero. */
export function formatCachedAt(epochMs: number): string {
  const at = new Date(epochMs);
  const date = `${String(at.getFullYear()).padStart(4, '0')}-${two(at.getMonth() + 1)}-${two(at.getDate())}`;
  const time = `${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}`;
  const millis = at.getMilliseconds();
  return `${date}T${time}${millis === 0 ? '' : `.${String(millis * 1000).padStart(6, '0')}`}`;
}

/** True for a value Amplifier's age check can subtract from a naive `datetime.now()` (no zone, no `Z`). */
export function isNaiveCachedAt(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?$/.test(value);
}

/** Python's `json.dumps(meta, indent=2)`: same layout as JSON.stringify, but every non-ASCII character escaped. */
export function serializeCacheMeta(meta: CacheMeta): string {
  const ordered = { cached_at: meta.cached_at, ref: meta.ref, commit: meta.commit, git_url: meta.git_url };
  return JSON.stringify(ordered, null, 2).replace(
    /[\u007f-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Replaces the file (never writes through a symlink or into a FIFO a repository may have committed under its name). */
export async function writeCacheMeta(fs: FileSystem, repoDir: string, meta: CacheMeta): Promise<void> {
  await fs.writeFile(join(repoDir, CACHE_META_FILE), serializeCacheMeta(meta));
}
