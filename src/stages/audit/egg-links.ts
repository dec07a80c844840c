/**
 * Legacy `setup.py develop` installs: `<name>.egg-link` names the project directory and `easy-install.pth` puts it
 * on `sys.path`; the metadata (`<name>.egg-info`) lives in the project, so when the project is gone the
 * distribution vanishes from `importlib.metadata` and only this file scan still sees it.
 */
import { join, resolve } from 'node:path';
import type { FileSystem } from '../../ports.js';
import { normalizeDistName } from '../../python/dist-names.js';
import { type DistInfo, readDistInfo } from './dist-info.js';

export interface EggLink {
  readonly file: string;
  readonly name: string;
  /** The project directory the link names. */
  readonly target: string;
  /** The metadata found in the project, or null when the project (or its egg-info) is gone. */
  readonly metadata: DistInfo | null;
}

async function findEggInfo(fs: FileSystem, project: string, key: string): Promise<DistInfo | null> {
  for (const dir of [project, join(project, 'src')]) {
    for (const entry of (await fs.readdir(dir)) ?? []) {
      if (!entry.endsWith('.egg-info')) continue;
      if (normalizeDistName(entry.replace(/\.egg-info$/, '').replace(/-.*$/, '')) !== key) continue;
      return readDistInfo(fs, dir, entry);
    }
  }
  return null;
}

export async function readEggLinks(
  fs: FileSystem,
  sitePackages: string,
  entries: readonly string[],
): Promise<EggLink[]> {
  const out: EggLink[] = [];
  for (const entry of entries) {
    if (!entry.endsWith('.egg-link')) continue;
    const file = join(sitePackages, entry);
    const stat = await fs.stat(file);
    if (!stat?.isFile) continue;
    const first = (await fs.readFile(file)).toString('utf8').split(/\r?\n/)[0]?.trim() ?? '';
    if (first === '') continue;
    const target = resolve(sitePackages, first);
    const name = entry.replace(/\.egg-link$/, '');
    out.push({ file, name, target, metadata: await findEggInfo(fs, target, normalizeDistName(name)) });
  }
  return out;
}
