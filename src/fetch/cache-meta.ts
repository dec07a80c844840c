/**
 * `.amplifier_cache_meta.json`, the file amplifier-foundation writes into every clone it makes
 * (REFERENCE.md section 5). Read leniently: a missing or broken file is simply "no metadata".
 */
import { join } from 'node:path';
import type { FileSystem } from '../ports.js';

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
  try {
    const data: unknown = JSON.parse((await fs.readFile(file)).toString('utf8'));
    if (typeof data !== 'object' || data === null) return null;
    const record = data as Record<string, unknown>;
    const text = (value: unknown): string => (typeof value === 'string' ? value : '');
    return {
      cached_at: text(record.cached_at),
      ref: text(record.ref),
      commit: typeof record.commit === 'string' && /^[0-9a-f]{40,64}$/.test(record.commit) ? record.commit : null,
      git_url: text(record.git_url),
    };
  } catch {
    return null;
  }
}

/** Replaces the file (never writes through a symlink or into a FIFO a repository may have committed under its name). */
export async function writeCacheMeta(fs: FileSystem, repoDir: string, meta: CacheMeta): Promise<void> {
  await fs.writeFile(join(repoDir, CACHE_META_FILE), `${JSON.stringify(meta, null, 2)}\n`);
}
