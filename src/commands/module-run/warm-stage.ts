/**
 * Pin every git source, restore the CI cache, fetch what is missing, and record per module the pinned commit,
 * where its checkout came from and how long that took. Non-git modules pass through untouched.
 */

import { join } from 'node:path';
import { type CachedWarmResult, type GitModule, warmWithCache } from '../../ci-cache/cached-warm.js';
import type { Diagnostic } from '../../diagnostics.js';
import type { CacheOutcome, GitSource } from '../../model.js';
import { CLI_WORDING } from '../../options/option-wording.js';
import type { CachePlan, PipelineOptions, PipelinePorts } from '../../pipeline-options.js';
import { maskUserinfo } from '../../secrets.js';
import { commandText } from '../../shell-words.js';
import { layoutARepoDir } from '../../source/cache-layout.js';
import { isWithin } from '../../source/path-within.js';
import type { FetchContext } from '../../stages/fetch/context.js';
import { isStandIn, pinKey, type RepoOutcome } from '../../stages/fetch/context.js';
import { failed, type ModuleOutcome } from './module-outcome.js';
import { remoteUnreachableWarning } from './unreachable-warning.js';

export interface WarmStageResult {
  /** Each module with its pinned commit and where its checkout came from, or failed with why it could not be had. */
  readonly modules: readonly ModuleOutcome[];
  readonly cache: CacheOutcome;
  readonly cachePlan: CachePlan | null;
  /** A remote that could not be reached, where the module cache's clone stood in for its answer. */
  readonly warnings: readonly Diagnostic[];
}

function gitSourceOf(module: ModuleOutcome): GitSource | null {
  return module.status === 'ok' && module.source?.type === 'git' ? module.source : null;
}

/** What to do next; for a git failure, the command that repeats it exactly as git ran here. */
function fetchFix(source: GitSource, ctx: FetchContext, reproduce: string | null): string {
  const url = maskUserinfo(source.url);
  const w = ctx.wording ?? CLI_WORDING;
  if (ctx.offline) {
    return `run \`${w.command('warm')}\` once ${w.runWith('offline', false)} so ${url}@${source.ref} is fetched into the module cache`;
  }
  const check = 'check that the repository is reachable and the ref exists';
  return reproduce
    ? `${check}; this repeats what failed, in the environment git had: ${reproduce}`
    : `${check}: ${commandText(['git', 'ls-remote', '--', url, source.ref])}`;
}

/** Where `path` really leads when a symlink in the repository takes it outside the clone; null when it stays in. */
async function leavesClone(ctx: FetchContext, cloneDir: string, path: string): Promise<string | null> {
  const real = await ctx.fs.realpath(path);
  const realClone = (await ctx.fs.realpath(cloneDir)) ?? cloneDir;
  return real !== null && !isWithin(real, realClone) ? real : null;
}

/**
 * A locked commit the ref's clone does not hold was checked out in the cache directory of url@<commit>: the module
 * is installed and audited from there (the ref's own clone is left to whoever installed from it).
 */
function movedToCommitDir(module: ModuleOutcome, source: GitSource, repo: RepoOutcome, home: string): ModuleOutcome {
  if (repo.dir === layoutARepoDir(home, source)) return module;
  const { resolution } = module.resolved;
  const path = source.subdirectory ? join(repo.dir, source.subdirectory) : repo.dir;
  return { ...module, resolved: { ...module.resolved, resolution: { ...resolution, path } } };
}

export interface WarmStageOptions {
  /** Inspecting only (`verify --no-install`): a repository the module cache lacks is left for the audit to judge. */
  readonly missingIsFine?: boolean;
}

async function applyOutcome(
  module: ModuleOutcome,
  source: GitSource,
  warmed: CachedWarmResult,
  repos: ReadonlyMap<string, RepoOutcome>,
  ctx: FetchContext,
  options: WarmStageOptions,
): Promise<ModuleOutcome> {
  const key = pinKey(source);
  const repo: RepoOutcome | undefined = repos.get(key);
  const pin = warmed.pins.get(key);
  const pinFailure = pin && 'error' in pin ? pin : null;
  const error = repo?.error ?? pinFailure?.error ?? null;
  if (error !== null || !repo) {
    const code = repo?.code ?? pinFailure?.code ?? 'git-failed';
    if (code === 'offline-miss' && options.missingIsFine) return module;
    // A locked commit the declared ref never held is the lock's fault, not the network's.
    const lockFault = code === 'lock-mismatch';
    return failed(
      module,
      lockFault ? 'lock-mismatch' : 'fetch-failed',
      [{ code, message: error ?? `no checkout was made for ${maskUserinfo(source.url)}@${source.ref}` }],
      lockFault
        ? `amplifier-modules lock --update ${module.resolved.declaration.id}`
        : fetchFix(source, ctx, repo?.reproduce ?? pinFailure?.reproduce ?? null),
    );
  }
  const fetched: ModuleOutcome = {
    ...module,
    source: { ...source, commit: repo.commit },
    fetch: { origin: repo.origin, ms: Math.round(repo.ms) },
  };
  // lookup-only found the entry: the clone is in the CI cache, not here, so there is no directory to look into.
  if (warmed.lookedUpOnly) return fetched;
  const placed = movedToCommitDir(fetched, source, repo, ctx.home);
  const path = placed.resolved.resolution.path;
  const { declaredAt } = placed.resolved.declaration;
  const escapedTo = source.subdirectory && path ? await leavesClone(ctx, repo.dir, path) : null;
  if (source.subdirectory && escapedTo) {
    return failed(
      placed,
      'fetch-failed',
      [
        {
          code: 'subdirectory-escapes',
          message: `#subdirectory=${source.subdirectory} of ${maskUserinfo(source.url)}@${source.ref} is a symlink to ${escapedTo}, outside the clone ${repo.dir}; refusing to use it`,
          target: path ?? undefined,
        },
      ],
      `point #subdirectory= at a real directory inside the repository (declared at ${declaredAt.file}:${declaredAt.line})`,
    );
  }
  if (source.subdirectory && path && !(await ctx.fs.stat(path))?.isDirectory) {
    return failed(
      placed,
      'fetch-failed',
      [
        {
          code: 'subdirectory-missing',
          message: `${maskUserinfo(source.url)}@${source.ref} (${repo.commit}) has no directory '${source.subdirectory}'`,
          target: path,
        },
      ],
      `correct #subdirectory=${source.subdirectory} in the source declared at ${declaredAt.file}:${declaredAt.line}`,
    );
  }
  return placed;
}

export async function warmStage(
  modules: readonly ModuleOutcome[],
  options: Pick<PipelineOptions, 'cache' | 'cacheKeyPrefix' | 'cacheMode' | 'failOnCacheMiss'>,
  ports: PipelinePorts,
  ctx: FetchContext,
  stageOptions: WarmStageOptions = {},
): Promise<WarmStageResult> {
  const gitModules: GitModule[] = [];
  for (const module of modules) {
    const source = gitSourceOf(module);
    if (source)
      gitModules.push({
        id: module.resolved.declaration.id,
        url: source.url,
        ref: source.ref,
        subdirectory: source.subdirectory,
      });
  }
  const warmed = await warmWithCache(gitModules, ctx, {
    store: ports.cacheStore,
    enabled: options.cache ?? true,
    prefix: options.cacheKeyPrefix,
    os: ports.platform.os,
    mode: options.cacheMode,
    failOnMiss: options.failOnCacheMiss ?? false,
  });
  // One lookup per module, not a scan of every repository per module.
  const repos = new Map(warmed.repos.map((repo) => [pinKey(repo), repo]));
  const warnings: Diagnostic[] = [];
  const after: ModuleOutcome[] = [];
  for (const module of modules) {
    const source = gitSourceOf(module);
    const next = source ? await applyOutcome(module, source, warmed, repos, ctx, stageOptions) : module;
    const unreachable = source && next.status === 'ok' ? unreachableWarning(next, source, warmed) : null;
    if (unreachable) warnings.push(unreachable);
    after.push(next);
  }
  return { modules: after, cache: warmed.cache, cachePlan: warmed.plan, warnings };
}

/** The module stands on its cached clone because its remote could not be reached: a warning at its declaration. */
function unreachableWarning(module: ModuleOutcome, source: GitSource, warmed: CachedWarmResult): Diagnostic | null {
  const pin = warmed.pins.get(pinKey(source));
  if (!isStandIn(pin)) return null;
  const { declaration } = module.resolved;
  const cached = { commit: pin.commit, ref: source.ref };
  return remoteUnreachableWarning(declaration.id, pin.unreachable, cached, declaration.declaredAt);
}
