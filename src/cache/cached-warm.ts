/**
 * warm with the CI cache around it: pin, compute the key from the pinned set, restore the layout-A clone
 * directories (an exact hit means nothing to clone), fetch whatever is still missing or moved, and say whether the
 * post step should save. The cached paths are computed once here; save must be given the very same strings
 * (`@actions/cache` hashes them into the entry's version).
 */
import type { FetchContext, GitLocation, PinMap, RepoOutcome } from '../fetch/context.js';
import { isPinned, pinKey } from '../fetch/context.js';
import { ensureCheckouts } from '../fetch/ensure-checkouts.js';
import { pinRefs } from '../fetch/pin.js';
import type { CacheOutcome } from '../model.js';
import type { Logger } from '../ports.js';
import { layoutARepoDir } from '../source/cache-layout.js';
import { cacheKey, cacheRestoreKey } from './cache-key.js';
import type { CachePlan } from './cache-plan.js';
import type { CacheStore } from './cache-store.js';

export interface GitModule extends GitLocation {
  readonly id: string;
  readonly subdirectory: string | null;
}

export interface CacheSettings {
  readonly store: CacheStore;
  /** The `cache` input; false skips restore and save (`hit: off`). */
  readonly enabled: boolean;
  readonly prefix: string;
  /** Runner OS and architecture as they should appear in the key (e.g. `Linux`, `X64`). */
  readonly os: string;
  readonly arch: string;
}

export interface CachedWarmResult {
  readonly pins: PinMap;
  readonly repos: readonly RepoOutcome[];
  readonly cache: CacheOutcome;
  /** Sorted distinct layout-A clone directories: the cached paths. */
  readonly paths: readonly string[];
  /** The key the post step should save under, or null when no save is due (exact hit, failure, cache off). */
  readonly saveKey: string | null;
  /** What the action hands to its post step; null when the cache was off or unavailable. */
  readonly plan: CachePlan | null;
}

export function cachePathsFor(home: string, modules: readonly GitLocation[]): string[] {
  return [...new Set(modules.map((module) => layoutARepoDir(home, module)))].sort();
}

export function keyFor(modules: readonly GitModule[], pins: PinMap, settings: CacheSettings): string {
  return cacheKey(
    settings.prefix,
    settings.os,
    settings.arch,
    modules.map((module) => {
      const pin = pins.get(pinKey(module));
      return {
        id: module.id,
        type: 'git' as const,
        url: module.url,
        commit: isPinned(pin) ? pin.commit : null,
        subdirectory: module.subdirectory,
      };
    }),
  );
}

async function existing(ctx: FetchContext, paths: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const path of paths) if (await ctx.fs.lstat(path)) found.add(path);
  return found;
}

export async function warmWithCache(
  modules: readonly GitModule[],
  ctx: FetchContext,
  settings: CacheSettings,
): Promise<CachedWarmResult> {
  const pins = await pinRefs(modules, ctx);
  const paths = cachePathsFor(ctx.home, modules);
  const useCache = settings.enabled && !ctx.offline && paths.length > 0;
  if (!useCache || !settings.store.available) {
    const repos = await ensureCheckouts(modules, pins, ctx);
    const key = useCache ? keyFor(modules, pins, settings) : null;
    return {
      pins,
      repos,
      cache: { key, matchedKey: null, hit: useCache ? 'unavailable' : 'off' },
      paths,
      saveKey: null,
      plan: null,
    };
  }

  const key = keyFor(modules, pins, settings);
  const restoreKeys = [cacheRestoreKey(settings.prefix, settings.os, settings.arch)];
  const before = await existing(ctx, paths);
  const restored = await settings.store.restore(paths, key, restoreKeys);
  const hit = restored === null ? 'miss' : restored.matchedKey === key ? 'exact' : 'partial';
  const after = await existing(ctx, paths);
  const appeared = [...after].filter((path) => !before.has(path));
  if (restored === null && appeared.length > 0) {
    // A restore that failed part-way (truncated or corrupt archive) can leave half-extracted clones behind that
    // would look valid to the reuse check; remove them so they are fetched fresh.
    ctx.logger.warn(`the CI cache restore failed part-way; discarding ${appeared.length} partly restored clone(s)`);
    await Promise.all(appeared.map((path) => ctx.fs.rm(path)));
  }
  const restoredDirs = new Set(restored ? appeared : []);
  if (restored) ctx.logger.info(`module cache restored from ${restored.matchedKey} (${hit} hit)`);

  const repos = await ensureCheckouts(modules, pins, ctx, { restoredDirs });
  const allGood = repos.every((repo) => repo.error === null);
  return {
    pins,
    repos,
    cache: { key, matchedKey: restored?.matchedKey ?? null, hit },
    paths,
    saveKey: hit !== 'exact' && allGood ? key : null,
    plan: { key, restoreKeys, paths, exactHit: hit === 'exact' },
  };
}

/** The post step's half: save the paths under the key main chose, when main said a save is due. */
export async function saveWarmCache(
  store: CacheStore,
  planned: { readonly paths: readonly string[]; readonly saveKey: string | null },
  logger: Logger,
): Promise<boolean> {
  if (planned.saveKey === null || !store.available || planned.paths.length === 0) return false;
  const saved = await store.save(planned.paths, planned.saveKey);
  if (saved) logger.info(`module cache saved as ${planned.saveKey}`);
  return saved;
}
