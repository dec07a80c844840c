/**
 * `prune`: removes module-cache clones that nothing in the given environments and no declaration references. The rule
 * that prevents the rotated-cache failure (README, "What a failure looks like") is absolute: a directory any installed
 * file still points into (a `.pth` line, an import-hook mapping, an egg-link, a symlink in site-packages) is never
 * removed, whichever distribution owns that file and whatever state its metadata is in. A clone is deleted by renaming
 * it aside first, so a failure part-way never leaves half a clone at a path `warm` would look at.
 */
import { basename, dirname, join, resolve } from 'node:path';
import { scanSitePackages } from '../audit/site-scan.js';
import type { PythonEnvironment } from '../environment/locate.js';
import { ASIDE_PREFIX } from '../fetch/place-clone.js';
import type { FileSystem, Logger } from '../ports.js';
import { parseLayoutADirName } from '../source/cache-layout.js';
import { spellings } from '../source/path-within.js';

export interface PruneContext {
  readonly fs: FileSystem;
  readonly logger: Logger;
  /** The Amplifier home; the module cache is `<home>/cache`. */
  readonly home: string;
  readonly environments: readonly PythonEnvironment[];
  /** Directories the declarations need: expected module paths and bundle-include clones. */
  readonly referenced: readonly Reference[];
  readonly dryRun: boolean;
}

export interface KeptDir {
  readonly path: string;
  /** What references it: an installed file or `declaration`. */
  readonly by: string;
}

export interface PruneReport {
  /** Removed, or with `dryRun` the ones that would be. */
  readonly removed: readonly string[];
  readonly kept: readonly KeptDir[];
  readonly dryRun: boolean;
}

const LAYOUT_BC_NAME = /^[0-9a-f]{12}$/;

/** Clone directories of layouts A and B in `<home>/cache`, and of layout C in `<home>/cache/modules`. */
async function cacheClones(fs: FileSystem, home: string): Promise<string[]> {
  const out: string[] = [];
  const cache = join(home, 'cache');
  for (const name of (await fs.readdir(cache)) ?? []) {
    if (!parseLayoutADirName(name) && !LAYOUT_BC_NAME.test(name)) continue;
    const path = join(cache, name);
    if ((await fs.lstat(path))?.isDirectory) out.push(path);
  }
  const modules = join(cache, 'modules');
  for (const name of (await fs.readdir(modules)) ?? []) {
    const path = join(modules, name);
    if (LAYOUT_BC_NAME.test(name) && (await fs.lstat(path))?.isDirectory) out.push(path);
  }
  return out.sort();
}

export interface Reference {
  readonly path: string;
  readonly by: string;
}

/** Entries of a site directory that are symbolic links: each is a use of wherever it points. */
async function linkReferences(fs: FileSystem, sitePackages: string): Promise<Reference[]> {
  const refs: Reference[] = [];
  for (const name of (await fs.readdir(sitePackages)) ?? []) {
    const entry = join(sitePackages, name);
    if (!(await fs.lstat(entry))?.isSymbolicLink) continue;
    const target = await fs.realpath(entry);
    if (target) refs.push({ path: target, by: entry });
  }
  return refs;
}

/**
 * Every place any installed file points to. Not only editable installs: a distribution whose direct_url.json is
 * missing or truncated still has its `.pth` imported by Python at every start.
 */
async function installedReferences(fs: FileSystem, environments: readonly PythonEnvironment[]): Promise<Reference[]> {
  const refs: Reference[] = [];
  for (const environment of environments) {
    const scan = await scanSitePackages(fs, environment.sitePackages);
    for (const dist of scan.dists) {
      for (const target of dist.targets) refs.push({ path: target.target, by: target.file });
    }
    for (const orphan of scan.orphans) {
      for (const target of orphan.targets) refs.push({ path: target.target, by: target.file });
    }
    for (const site of environment.sitePackages) refs.push(...(await linkReferences(fs, site)));
  }
  return refs;
}

/** Renames the clone aside (atomic), then deletes the set-aside copy; a failed delete leaves only debris. */
async function removeClone(fs: FileSystem, clone: string, logger: Logger): Promise<void> {
  const asideParent = await fs.mkdtemp(join(dirname(clone), `${ASIDE_PREFIX}${basename(clone)}-`));
  await fs.rename(clone, join(asideParent, basename(clone)));
  await fs.rm(asideParent).catch((error: unknown) => {
    logger.warn(
      `removed ${clone} from the cache, but could not delete its set-aside copy ${asideParent}: ${String(error)}`,
    );
  });
}

export async function prune(ctx: PruneContext): Promise<PruneReport> {
  const { fs } = ctx;
  const refs: Reference[] = [...(await installedReferences(fs, ctx.environments)), ...ctx.referenced];
  // A clone is held when some reference lies inside it, i.e. the clone is an ancestor of (or equal to) a referenced
  // path: index every reference under each of its ancestors once, so each clone is one lookup (linear, not refs x clones).
  const holders = new Map<string, Reference>();
  for (const ref of refs) {
    for (const spelled of await spellings(fs, ref.path)) {
      for (let dir = resolve(spelled); !holders.has(dir); dir = dirname(dir)) {
        holders.set(dir, ref);
        if (dirname(dir) === dir) break;
      }
    }
  }
  const removed: string[] = [];
  const kept: KeptDir[] = [];
  for (const clone of await cacheClones(fs, ctx.home)) {
    const cloneSpellings = await spellings(fs, clone);
    const holder = cloneSpellings.map((c) => holders.get(resolve(c))).find((r) => r !== undefined);
    if (holder) {
      kept.push({ path: clone, by: holder.by });
      continue;
    }
    removed.push(clone);
    if (ctx.dryRun) {
      ctx.logger.info(`would remove ${clone}`);
    } else {
      ctx.logger.info(`removing ${clone}`);
      await removeClone(fs, clone, ctx.logger);
    }
  }
  return { removed, kept, dryRun: ctx.dryRun };
}
