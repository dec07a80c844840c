/**
 * `--locked` / `--frozen` in resolve, warm, install and verify: read the lock once the declaration files are known,
 * give the fetch stage the locked commits (so a moved branch changes nothing), and after resolving, fail every module
 * that differs from the lock with a one-line diff. The action's default (`lockIfPresent`) is `--frozen` when a lock
 * exists beside the declarations, and nothing otherwise.
 */
import type { Diagnostic } from '../../diagnostics.js';
import { type CurrentModule, compareWithLock } from '../../lock/compare-lock.js';
import { lockedModuleFor, moduleKey, repositoryKey } from '../../lock/lock-entries.js';
import type { LockFile } from '../../lock/lock-file.js';
import { lockExists, lockPathFor, readLock } from '../../lock/read-lock.js';
import type { PipelineOptions, PipelinePorts } from '../../pipeline-options.js';
import { withoutUserinfo } from '../../secrets.js';
import type { FetchContext } from '../../stages/fetch/context.js';
import type { GitIncludeLocation } from '../../stages/fetch/git-include.js';
import { failed, type ModuleOutcome } from '../module-run/module-outcome.js';

export type LockOptions = Pick<PipelineOptions, 'locked' | 'frozen' | 'lockFile' | 'lockIfPresent' | 'workspace'>;

export interface LockedRun {
  /** Reads the lock beside the chosen declaration files (LoadOptions.onFiles). */
  readonly onFiles: (files: readonly string[]) => Promise<void>;
  /** The commit the lock holds for a bundle include; every URI asked for is remembered for the comparison. */
  readonly includeCommit: (uri: string) => string | null;
  /**
   * Locates a git include as the lock says: one the lock records as skipped (unreachable when it was written) is
   * skipped again under --frozen; under --locked it is tried, and reachable now it is a lock mismatch.
   */
  readonly locateInclude: (uri: string, locate: () => Promise<GitIncludeLocation>) => Promise<GitIncludeLocation>;
  /** The fetch context with the locked commits (and, for --frozen, no ls-remote). */
  readonly fetchContext: (ctx: FetchContext) => FetchContext;
  /** The lock file in use, once read; null when none is (the action's default without a lock). */
  readonly file: () => string | null;
  /** The modules with those that differ from the lock failed, and the lock entries and includes that came or went. */
  readonly compare: (modules: readonly ModuleOutcome[]) => LockComparison;
}

export interface LockComparison {
  readonly modules: readonly ModuleOutcome[];
  readonly warnings: readonly Diagnostic[];
}

interface Loaded {
  readonly path: string;
  readonly lock: LockFile;
}

export function lockedRun(
  options: LockOptions,
  ports: Pick<PipelinePorts, 'fs' | 'logger' | 'wording'>,
): LockedRun | null {
  const wanted = options.locked || options.frozen || options.lockIfPresent;
  if (!wanted) return null;
  const frozen = Boolean(options.frozen || options.lockIfPresent);
  let loaded: Loaded | null = null;
  const includes = new Set<string>();
  const skippedIncludes = new Set<string>();
  const nowReachable: Diagnostic[] = [];

  return {
    async onFiles(files) {
      const path = lockPathFor(options.lockFile, files, options.workspace);
      if (options.lockIfPresent && !options.locked && !options.frozen && !(await lockExists(ports.fs, path))) {
        ports.logger.debug(`no lock file at ${path}; pins are asked of the remotes`);
        return;
      }
      loaded = { path, lock: await readLock(ports.fs, path, ports.wording) };
      ports.logger.info(`using the lock file ${path}${frozen ? ' (frozen: no ls-remote)' : ''}`);
    },
    file: () => loaded?.path ?? null,
    includeCommit(uri) {
      const key = withoutUserinfo(uri);
      if (!skippedIncludes.has(key)) includes.add(key);
      return loaded?.lock.includes.get(key) ?? null;
    },
    async locateInclude(uri, locate) {
      const key = withoutUserinfo(uri);
      const skipped = loaded?.lock.skippedIncludes?.get(key);
      if (skipped === undefined) return locate();
      skippedIncludes.add(key);
      if (frozen) return { unavailable: `skipped, as the lock records (${skipped})` };
      const located = await locate();
      if (!('unavailable' in located)) {
        nowReachable.push({
          code: 'lock-mismatch',
          message: `include ${key}: skipped in the lock (${skipped}), but reachable now`,
          file: loaded?.path,
          fix: 'run amplifier-modules lock to lock it, and commit the lock',
        });
      }
      return located;
    },
    fetchContext(ctx) {
      const lock = loaded?.lock;
      if (!lock) return ctx;
      return { ...ctx, frozen, lockedCommit: (location) => lock.repositories.get(repositoryKey(location)) ?? null };
    },
    compare(modules) {
      if (!loaded) return { modules, warnings: [] };
      const current: CurrentModule[] = [];
      const declaredKeys = new Set<string>();
      for (const module of modules) {
        const key = moduleKey(module.resolved.declaration);
        declaredKeys.add(key);
        const layer = module.resolved.resolution.layer;
        if (module.status !== 'ok' || layer === null || module.source === null) continue;
        current.push({
          id: module.resolved.declaration.id,
          key,
          entry: lockedModuleFor(layer, module.source, null, options.workspace),
          repository: module.source.type === 'git' ? repositoryKey(module.source) : null,
        });
      }
      const comparison = compareWithLock(loaded.path, loaded.lock, current, declaredKeys, { uris: includes });
      const lockPath = loaded.path;
      return {
        modules: modules.map((module) => {
          const mismatch = comparison.mismatches.get(moduleKey(module.resolved.declaration));
          if (!mismatch) return module;
          const finding = { code: 'lock-mismatch', message: mismatch.message, file: lockPath } as const;
          return failed(module, 'lock-mismatch', [finding], mismatch.fix);
        }),
        warnings: [...comparison.extra, ...nowReachable],
      };
    },
  };
}
