/**
 * One pass over an environment's site directories: every distribution with the files that make it importable
 * (its `.pth` files, import hooks, egg-link) and every place those files point to, each checked on disk.
 * Files no distribution owns are kept as orphans: a removed dist-info can leave a `.pth` behind.
 */

import type { FileSystem } from '../../ports.js';
import { normalizeDistName } from '../../python/dist-names.js';
import { type DistInfo, readDistInfo } from './dist-info.js';
import { isEditableHookModule, type ModuleMapping, readHookModule } from './editable-hooks.js';
import { readEggLinks } from './egg-links.js';
import { findBrokenLinks, isLinkTree } from './link-tree.js';
import { distNameFromPthName, type PthFile, readPthFiles } from './pth-files.js';

export type TargetKind =
  | 'direct-url'
  | 'pth-path'
  | 'pth-import'
  | 'finder-mapping'
  | 'editables-mapping'
  | 'egg-link'
  | 'link-tree-entry';

/** One pointer from an installed file to a place on disk. */
export interface EditableTarget {
  readonly kind: TargetKind;
  /** The file that holds the pointer. */
  readonly file: string;
  readonly target: string;
  readonly exists: boolean;
}

export interface InstalledDist {
  readonly info: DistInfo;
  readonly editable: boolean;
  /** A `setup.py develop` install found through its `.egg-link`. */
  readonly legacy: boolean;
  readonly pthFiles: readonly PthFile[];
  readonly mappings: readonly ModuleMapping[];
  readonly targets: readonly EditableTarget[];
  /** Where the editable install says it came from: direct_url.json's directory, or the egg-link's. */
  readonly installedFrom: string | null;
}

export interface Orphan {
  readonly file: string;
  readonly targets: readonly EditableTarget[];
}

export interface SiteScan {
  readonly sitePackages: readonly string[];
  readonly dists: readonly InstalledDist[];
  /** `.pth` files and hook modules no distribution owns. */
  readonly orphans: readonly Orphan[];
}

async function exists(fs: FileSystem, path: string): Promise<boolean> {
  return (await fs.stat(path)) !== null;
}

/** Every target of one `.pth` file: its path lines, the hook modules it imports and their mappings. */
async function pthTargets(
  fs: FileSystem,
  pth: PthFile,
): Promise<{ targets: EditableTarget[]; mappings: ModuleMapping[] }> {
  const targets: EditableTarget[] = [];
  const mappings: ModuleMapping[] = [];
  for (const line of pth.paths) {
    const present = await exists(fs, line.path);
    targets.push({ kind: 'pth-path', file: pth.file, target: line.path, exists: present });
    if (present && isLinkTree(line.path)) {
      for (const broken of await findBrokenLinks(fs, line.path)) {
        targets.push({ kind: 'link-tree-entry', file: pth.file, target: broken, exists: false });
      }
    }
  }
  for (const module of pth.imports) {
    if (!isEditableHookModule(module)) continue;
    const hook = await readHookModule(fs, pth.sitePackages, module);
    if (!hook.exists) {
      targets.push({ kind: 'pth-import', file: pth.file, target: hook.file, exists: false });
      continue;
    }
    for (const mapping of hook.mappings) {
      mappings.push(mapping);
      const kind = mapping.kind === 'setuptools-finder' ? 'finder-mapping' : 'editables-mapping';
      targets.push({ kind, file: mapping.file, target: mapping.path, exists: await exists(fs, mapping.path) });
    }
  }
  return { targets, mappings };
}

interface SiteDir {
  readonly dir: string;
  readonly entries: readonly string[];
}

export async function scanSitePackages(fs: FileSystem, sitePackages: readonly string[]): Promise<SiteScan> {
  const sites: SiteDir[] = [];
  for (const dir of sitePackages) sites.push({ dir, entries: (await fs.readdir(dir)) ?? [] });
  const dists: InstalledDist[] = [];
  const orphans: Orphan[] = [];
  for (const site of sites) {
    const infos = await Promise.all(
      site.entries.filter((e) => e.endsWith('.dist-info')).map((e) => readDistInfo(fs, site.dir, e)),
    );
    const pths = await readPthFiles(fs, site.dir, site.entries);
    const owned = new Set<string>();
    // Indexed once per site directory: owners are looked up per .pth file, and every dist lists many files.
    const byRecordedFile = new Map<string, DistInfo>();
    const byKey = new Map<string, DistInfo>();
    for (const info of infos) {
      for (const file of info.recordedPthFiles) if (!byRecordedFile.has(file)) byRecordedFile.set(file, info);
      if (!byKey.has(info.key)) byKey.set(info.key, info);
    }
    const ownerOf = (pth: PthFile): DistInfo | undefined => {
      const byRecord = byRecordedFile.get(pth.file);
      if (byRecord) return byRecord;
      const named = distNameFromPthName(pth.name);
      return named ? byKey.get(normalizeDistName(named)) : undefined;
    };
    const pthsByDist = new Map<DistInfo, PthFile[]>();
    for (const pth of pths) {
      const owner = ownerOf(pth);
      if (!owner) continue;
      owned.add(pth.file);
      pthsByDist.set(owner, [...(pthsByDist.get(owner) ?? []), pth]);
    }
    for (const info of infos) {
      const mine = pthsByDist.get(info) ?? [];
      const targets: EditableTarget[] = [];
      const mappings: ModuleMapping[] = [];
      const editable = info.directUrl?.editable === true;
      if (editable && info.directUrl?.path) {
        const path = info.directUrl.path;
        targets.push({ kind: 'direct-url', file: info.dir, target: path, exists: await exists(fs, path) });
      }
      for (const pth of mine) {
        const found = await pthTargets(fs, pth);
        targets.push(...found.targets);
        mappings.push(...found.mappings);
      }
      const installedFrom = editable ? (info.directUrl?.path ?? null) : null;
      dists.push({ info, editable, legacy: false, pthFiles: mine, mappings, targets, installedFrom });
    }
    const eggLinks = await readEggLinks(fs, site.dir, site.entries);
    const eggTargets = new Set(eggLinks.map((link) => link.target));
    for (const link of eggLinks) {
      const key = normalizeDistName(link.name);
      const info: DistInfo = link.metadata ?? {
        dir: link.file,
        sitePackages: site.dir,
        name: link.name,
        key,
        version: null,
        installer: null,
        directUrl: null,
        recordedPthFiles: [],
        amplifierEntryPoints: [],
      };
      const present = await exists(fs, link.target);
      dists.push({
        info,
        editable: true,
        legacy: true,
        pthFiles: [],
        mappings: [],
        targets: [{ kind: 'egg-link', file: link.file, target: link.target, exists: present }],
        installedFrom: link.target,
      });
    }
    for (const pth of pths) {
      if (owned.has(pth.file)) continue;
      const found = await pthTargets(fs, pth);
      // easy-install.pth lines that belong to an egg-link are reported with that egg-link.
      const targets = found.targets.filter((t) => !(t.kind === 'pth-path' && eggTargets.has(t.target)));
      if (targets.length > 0) orphans.push({ file: pth.file, targets });
    }
  }
  return { sitePackages, dists, orphans };
}
