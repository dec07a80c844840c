/**
 * `--locked` / `--frozen` in resolve, warm, install and verify: read the lock once the declaration files are known,
 * give the fetch stage the locked commits (so a moved branch changes nothing), and after resolving, fail every module
 * that differs from the lock with a one-line diff. The action's default (`lockIfPresent`) is `--frozen` when a lock
 * exists beside the declarations, and nothing otherwise.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { FetchContext } from '../fetch/context.js';
import type { GitIncludeLocation } from '../fetch/git-include.js';
import { type CurrentModule, compareWithLock } from '../lock/compare-lock.js';
import { lockedModuleFor, moduleKey, repositoryKey } from '../lock/lock-entries.js';
import type { LockFile } from '../lock/lock-file.js';
import { lockExists, lockPathFor, readLock } from '../lock/read-lock.js';
import type { PipelineOptions, PipelinePorts } from '../pipeline-options.js';
import { withoutUserinfo } from '../secrets.js';
import { fail, type ModuleState } from './module-state.js';

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
  /** Fails the modules that differ from the lock; returns the lock entries and includes that came or went. */
  readonly compare: (states: readonly ModuleState[]) => Diagnostic[];
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
    compare(states) {
      if (!loaded) return [];
      const current: CurrentModule[] = [];
      const declaredKeys = new Set<string>();
      for (const state of states) {
        const key = moduleKey(state.resolved.declaration);
        declaredKeys.add(key);
        const layer = state.resolved.resolution.layer;
        if (state.status !== 'ok' || layer === null || state.source === null) continue;
        current.push({
          id: state.resolved.declaration.id,
          key,
          entry: lockedModuleFor(layer, state.source, null, options.workspace),
          repository: state.source.type === 'git' ? repositoryKey(state.source) : null,
        });
      }
      const comparison = compareWithLock(loaded.path, loaded.lock, current, declaredKeys, { uris: includes });
      for (const state of states) {
        const mismatch = comparison.mismatches.get(moduleKey(state.resolved.declaration));
        if (!mismatch) continue;
        fail(
          state,
          'lock-mismatch',
          [{ code: 'lock-mismatch', message: mismatch.message, file: loaded.path }],
          mismatch.fix,
        );
      }
      return [...comparison.extra, ...nowReachable];
    },
  };
}
