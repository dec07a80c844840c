/**
 * `prune`: moves module-cache clones that nothing in the given environments and no declaration references into the
 * quarantine (`module-cache/quarantine.ts`), and deletes quarantined clones past the retention period. The rule that
 * prevents the rotated-cache failure (README, "What a failure looks like") is absolute: a directory any installed
 * file still points into (a `.pth` line, an import-hook mapping, an egg-link, direct_url.json, a symlink in
 * site-packages) is never moved, whichever distribution owns that file and whatever state its metadata is in. And
 * since no tool can see every environment on a machine, a clone believed unused is only moved (a rename, which an
 * environment prune never saw survives: `doctor --fix` moves it back), never deleted in the same run.
 */
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_RETENTION_DAYS, isExpired, listQuarantine, quarantineClone } from '../../module-cache/quarantine.js';
import type { FileSystem, Logger } from '../../ports.js';
import type { PythonEnvironment } from '../../python/locate.js';
import { parseLayoutADirName } from '../../source/cache-layout.js';
import { spellings } from '../../source/path-within.js';
import { scanSitePackages } from '../../stages/audit/site-scan.js';

export interface PruneContext {
  readonly fs: FileSystem;
  readonly logger: Logger;
  /** The Amplifier home; the module cache is `<home>/cache`. */
  readonly home: string;
  readonly environments: readonly PythonEnvironment[];
  /** Directories the declarations need: expected module paths and bundle-include clones. */
  readonly referenced: readonly Reference[];
  readonly dryRun: boolean;
  /** Quarantined clones older than this many days are deleted; 0 (`--purge`): all of them. Default 14. */
  readonly retentionDays?: number | undefined;
  /** The time of the run (epoch ms; default: now), the date a quarantined clone is recorded with. */
  readonly now?: number | undefined;
  /**
   * Clones no environment uses that may still be needed by a declaration prune cannot see (no declarations were
   * found): kept, each with the reason. Returns null for a clone prune may quarantine.
   */
  readonly keepUnreferenced?: ((clone: string) => Promise<string | null>) | undefined;
}

export interface KeptDir {
  readonly path: string;
  /** What references it: an installed file or `declaration`. */
  readonly by: string;
}

export interface PruneReport {
  /** Moved out of the cache into the quarantine, or with `dryRun` the ones that would be. */
  readonly removed: readonly string[];
  /** Where each removed clone went (empty on a dry run). */
  readonly quarantined: readonly { readonly path: string; readonly to: string }[];
  /** Quarantined clones deleted for good (past the retention period), or that would be. */
  readonly deleted: readonly string[];
  readonly kept: readonly KeptDir[];
  readonly dryRun: boolean;
  readonly retentionDays: number;
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
    for (const dist of scan.dists) {
      if (dist.installedFrom) refs.push({ path: dist.installedFrom, by: join(dist.info.dir, 'direct_url.json') });
    }
    for (const site of environment.sitePackages) refs.push(...(await linkReferences(fs, site)));
  }
  return refs;
}

/** Deletes quarantined clones past the retention period, and entries an interrupted move left unreadable. */
async function expireQuarantine(ctx: PruneContext, now: number, retentionDays: number): Promise<string[]> {
  const { clones, debris } = await listQuarantine(ctx.fs, ctx.home);
  const deleted: string[] = [];
  for (const q of clones) {
    if (!isExpired(q, now, retentionDays)) continue;
    deleted.push(q.clone);
    const moved = new Date(q.movedAt).toISOString();
    ctx.logger.info(`${ctx.dryRun ? 'would delete' : 'deleting'} ${q.clone} (quarantined ${moved}, from ${q.from})`);
    if (!ctx.dryRun) await ctx.fs.rm(q.entry);
  }
  if (!ctx.dryRun) for (const entry of debris) await ctx.fs.rm(entry).catch(() => undefined);
  return deleted;
}

export async function prune(ctx: PruneContext): Promise<PruneReport> {
  const { fs } = ctx;
  const now = ctx.now ?? Date.now();
  const retentionDays = ctx.retentionDays ?? DEFAULT_RETENTION_DAYS;
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
  // Expired first: a clone quarantined by this very run is never deleted by it, whatever the retention.
  const deleted = await expireQuarantine(ctx, now, retentionDays);
  const removed: string[] = [];
  const quarantined: { path: string; to: string }[] = [];
  const kept: KeptDir[] = [];
  for (const clone of await cacheClones(fs, ctx.home)) {
    const cloneSpellings = await spellings(fs, clone);
    const holder = cloneSpellings.map((c) => holders.get(resolve(c))).find((r) => r !== undefined);
    const reason = holder?.by ?? (await ctx.keepUnreferenced?.(clone)) ?? null;
    if (reason !== null) {
      kept.push({ path: clone, by: reason });
      continue;
    }
    removed.push(clone);
    if (ctx.dryRun) {
      ctx.logger.info(`would move ${clone} to the quarantine`);
    } else {
      const to = await quarantineClone(fs, ctx.home, clone, now);
      quarantined.push({ path: clone, to });
      ctx.logger.info(`moved ${clone} to the quarantine: ${to}`);
    }
  }
  return { removed, quarantined, deleted, kept, dryRun: ctx.dryRun, retentionDays };
}
