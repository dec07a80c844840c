/**
 * warm with the CI cache around it: pin, compute the key from the pinned clones, restore the layout-A clone
 * directories (an exact hit means nothing to clone), screen every clone after the restore, fetch whatever is still
 * missing or moved, and plan whether the post step saves (cache-plan.ts). The cached paths are computed once here;
 * save must be given the very same strings (`@actions/cache` hashes them into the entry's version).
 */

import { RuntimeFailure } from '../errors.js';
import type { CacheHit, CacheOutcome } from '../model.js';
import { CLI_WORDING, type Wording } from '../options/option-wording.js';
import { layoutADirName, layoutARepoDir } from '../source/cache-layout.js';
import type { FetchContext, GitLocation, PinMap, RepoOutcome } from '../stages/fetch/context.js';
import { isPinned, pinKey } from '../stages/fetch/context.js';
import { distinctLocations, ensureCheckouts } from '../stages/fetch/ensure-checkouts.js';
import { pinRefs } from '../stages/fetch/pin.js';
import { cacheKey, cacheRestoreKey } from './cache-key.js';
import { type CacheMode, type CachePlan, planSave } from './cache-plan.js';
import type { CacheStore } from './cache-store.js';
import { screenRestoredClones } from './restore-screen.js';

export interface GitModule extends GitLocation {
  readonly id: string;
  readonly subdirectory: string | null;
}

export interface CacheSettings {
  readonly store: CacheStore;
  /** The `cache` input; false skips restore and save (`hit: off`). */
  readonly enabled: boolean;
  readonly prefix: string;
  /** Runner OS as it should appear in the key (e.g. `Linux`). */
  readonly os: string;
  /** Which halves run; default read-write. The post step reads the mode from the plan. */
  readonly mode?: CacheMode | undefined;
  /** fail-on-cache-miss: stop before any git call when no entry matches the key's prefix, as actions/cache does. */
  readonly failOnMiss?: boolean | undefined;
}

export interface CachedWarmResult {
  readonly pins: PinMap;
  readonly repos: readonly RepoOutcome[];
  readonly cache: CacheOutcome;
  /** Sorted distinct layout-A clone directories: the cached paths. */
  readonly paths: readonly string[];
  /** What the action hands to its post step, with whether it saves; null when the cache was off or unavailable. */
  readonly plan: CachePlan | null;
  /** lookup-only found the entry: nothing was downloaded or fetched, the clones are not on this machine. */
  readonly lookedUpOnly: boolean;
}

export function cachePathsFor(home: string, modules: readonly GitLocation[]): string[] {
  return [...new Set(modules.map((module) => layoutARepoDir(home, module)))].sort();
}

export function keyFor(modules: readonly GitLocation[], pins: PinMap, settings: CacheSettings): string {
  return cacheKey(
    settings.prefix,
    settings.os,
    modules.map((module) => {
      const pin = pins.get(pinKey(module));
      return { dir: layoutADirName(module), commit: isPinned(pin) ? pin.commit : null };
    }),
  );
}

/** Each clone directory and the commit it must be at, for the post step's check before saving. */
function commitsByDir(home: string, modules: readonly GitLocation[], pins: PinMap): Record<string, string> {
  const commits: Record<string, string> = {};
  for (const location of distinctLocations(modules)) {
    const pin = pins.get(pinKey(location));
    if (isPinned(pin)) commits[layoutARepoDir(home, location)] = pin.commit;
  }
  return commits;
}

async function existing(ctx: FetchContext, paths: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const path of paths) if (await ctx.fs.lstat(path)) found.add(path);
  return found;
}

/** The outcome of lookup-only when the entry exists: every pinned repository is accounted for by the cache. */
function lookedUpRepos(ctx: FetchContext, modules: readonly GitLocation[], pins: PinMap): RepoOutcome[] {
  return distinctLocations(modules).map((location) => {
    const pin = pins.get(pinKey(location));
    const base = { url: location.url, ref: location.ref, dir: layoutARepoDir(ctx.home, location), ms: 0 };
    if (isPinned(pin)) {
      return { ...base, commit: pin.commit, origin: 'ci-cache', error: null, code: null, reproduce: null };
    }
    const failure = pin && 'error' in pin ? pin : { error: 'never pinned', code: 'git-failed' as const };
    return {
      ...base,
      commit: null,
      origin: null,
      error: failure.error,
      code: failure.code,
      reproduce: ('reproduce' in failure ? failure.reproduce : undefined) ?? null,
    };
  });
}

/** fail-on-cache-miss, raised before anything is fetched. */
function cacheMiss(restoreKey: string, why: string, w: Wording = CLI_WORDING): RuntimeFailure {
  return new RuntimeFailure(
    'cache-miss',
    `fail-on-cache-miss: ${why}; stopped before fetching anything`,
    undefined,
    `run a job with ${w.command('warm')} and the same profile first (the README's matrix recipe) so an entry ${restoreKey}… exists, or remove fail-on-cache-miss`,
  );
}

/** With fail-on-cache-miss, a store that can look up by prefix is asked before pinning, so a miss calls no git. */
async function requireSomeEntry(paths: readonly string[], settings: CacheSettings, w?: Wording): Promise<void> {
  const restoreKey = cacheRestoreKey(settings.prefix, settings.os);
  if (!settings.store.available) throw cacheMiss(restoreKey, 'the Actions cache service is not available', w);
  if (!settings.store.find) return;
  const found = await settings.store.find(paths, restoreKey);
  if (found === null) throw cacheMiss(restoreKey, `no cache entry matches ${restoreKey}…`, w);
  if ('unavailable' in found)
    throw cacheMiss(restoreKey, `the cache service could not be asked (${found.unavailable})`, w);
}

function restoreTrouble(restored: { unavailable: string } | { damaged: string }): string {
  return 'unavailable' in restored ? restored.unavailable : `the entry is damaged: ${restored.damaged}`;
}

interface Restored {
  readonly matchedKey: string | null;
  readonly restoredDirs: Set<string>;
  readonly discarded: number;
  /** The service failed (said once here); nothing is saved by this job. */
  readonly serviceFailed: boolean;
}

/** Restores (online: by key, offline: by prefix only, since nothing can be pinned before), then screens. */
async function restoreAndScreen(
  modules: readonly GitModule[],
  ctx: FetchContext,
  settings: CacheSettings,
  paths: readonly string[],
  pins: PinMap | null,
  key: string | null,
): Promise<Restored> {
  const restoreKey = cacheRestoreKey(settings.prefix, settings.os);
  const commits = pins ? commitsByDir(ctx.home, modules, pins) : {};
  const before = await existing(ctx, paths);
  const restored = await settings.store.restore(paths, key ?? `${restoreKey}offline`, [restoreKey]);
  const after = [...(await existing(ctx, paths))];
  const appeared = after.filter((path) => !before.has(path));
  if (restored === null || !('matchedKey' in restored)) {
    // A restore that failed part-way (truncated or corrupt archive) can leave half-extracted clones behind that
    // would look valid to the reuse check; remove them so they are fetched fresh.
    await Promise.all(appeared.map((path) => ctx.fs.rm(path)));
    const serviceFailed = restored !== null && 'unavailable' in restored;
    if (restored !== null || appeared.length > 0) {
      const why = restored === null ? 'the restore stopped part-way' : restoreTrouble(restored);
      const partly = appeared.length > 0 ? `; ${appeared.length} partly restored clone(s) discarded` : '';
      const after = serviceFailed ? ', and this job saves no cache' : '';
      ctx.logger.warn(
        `The module cache could not be restored (${why})${partly}: modules are fetched from git${after}.`,
      );
    }
    // A miss and a failure look the same here, and a failure may have written into the clones that were here.
    await screenRestoredClones(ctx, [...before], (dir) => commits[dir] ?? null, before);
    return { matchedKey: null, restoredDirs: new Set(), discarded: 0, serviceFailed };
  }
  ctx.logger.info(`module cache restored from ${restored.matchedKey}`);
  // Every clone is screened: the entry may have been extracted over one that was here before.
  const screened = await screenRestoredClones(ctx, after, (dir) => commits[dir] ?? null, before);
  return {
    matchedKey: restored.matchedKey,
    restoredDirs: new Set(appeared.filter((dir) => screened.kept.has(dir))),
    discarded: screened.discarded.length,
    serviceFailed: false,
  };
}

export async function warmWithCache(
  modules: readonly GitModule[],
  ctx: FetchContext,
  settings: CacheSettings,
): Promise<CachedWarmResult> {
  const mode = settings.mode ?? 'read-write';
  const paths = cachePathsFor(ctx.home, modules);
  const useCache = settings.enabled && paths.length > 0;
  const failOnMiss = useCache && (settings.failOnMiss ?? false) && mode !== 'save-only';
  if (failOnMiss && !ctx.offline) await requireSomeEntry(paths, settings, ctx.wording);
  if (!useCache || !settings.store.available) {
    const pins = await pinRefs(modules, ctx);
    const repos = await ensureCheckouts(modules, pins, ctx);
    const key = useCache ? keyFor(modules, pins, settings) : null;
    const cache: CacheOutcome = { key, matchedKey: null, hit: useCache ? 'unavailable' : 'off' };
    return { pins, repos, cache, paths, plan: null, lookedUpOnly: false };
  }

  const restores = mode === 'read-write' || mode === 'restore-only';
  let pins: PinMap;
  let key: string;
  let matchedKey: string | null = null;
  let restoredDirs = new Set<string>();
  let discarded = 0;
  let serviceFailed = false;
  if (ctx.offline) {
    // Offline pins are read from the clones, so the clones come first.
    if (restores)
      ({ matchedKey, restoredDirs, discarded, serviceFailed } = await restoreAndScreen(
        modules,
        ctx,
        settings,
        paths,
        null,
        null,
      ));
    if (failOnMiss && matchedKey === null)
      throw cacheMiss(cacheRestoreKey(settings.prefix, settings.os), 'no cache entry matched', ctx.wording);
    pins = await pinRefs(modules, ctx);
    key = keyFor(modules, pins, settings);
  } else {
    pins = await pinRefs(modules, ctx);
    key = keyFor(modules, pins, settings);
    if (mode === 'lookup-only' && (await settings.store.lookup(paths, key))) matchedKey = key;
    else if (restores)
      ({ matchedKey, restoredDirs, discarded, serviceFailed } = await restoreAndScreen(
        modules,
        ctx,
        settings,
        paths,
        pins,
        key,
      ));
    if (failOnMiss && matchedKey === null && mode !== 'lookup-only') {
      throw cacheMiss(
        cacheRestoreKey(settings.prefix, settings.os),
        `no cache entry matched ${key} or its prefix`,
        ctx.wording,
      );
    }
  }
  const hit: CacheHit = serviceFailed
    ? 'unavailable'
    : matchedKey === null
      ? 'miss'
      : matchedKey === key
        ? 'exact'
        : 'partial';
  const lookedUpOnly = mode === 'lookup-only' && hit === 'exact';
  const repos = lookedUpOnly
    ? lookedUpRepos(ctx, modules, pins)
    : await ensureCheckouts(modules, pins, ctx, { restoredDirs });
  const allFetched = repos.every((repo) => repo.error === null);
  // A discarded clone means the entry under this key is not what it should be: it is not an exact hit.
  const exactHit = hit === 'exact' && discarded === 0;
  return {
    pins,
    repos,
    cache: { key, matchedKey, hit },
    paths,
    plan: {
      key,
      restoreKeys: [cacheRestoreKey(settings.prefix, settings.os)],
      paths,
      commits: commitsByDir(ctx.home, modules, pins),
      mode,
      save: planSave({ key, mode, exactHit, allFetched, serviceFailed }),
    },
    lookedUpOnly,
  };
}
