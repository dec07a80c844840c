/**
 * `amplifier-modules lock [--update [MODULE...]]`: resolve like `resolve`, pin every git source (`ls-remote`; bundle
 * includes are fetched, since their content declares more modules) and write the lock file atomically. Without
 * `--update`, whatever the lock already holds for an unchanged declaration keeps its commit; new entries are pinned,
 * entries nothing declares any more are dropped. Nothing is written unless every pin succeeded.
 */
import { InputError, isInputError, RuntimeFailure } from '../../errors.js';
import { lockedModuleFor, moduleKey, repositoryKey } from '../../lock/lock-entries.js';
import { type LockFile, renderLockFile } from '../../lock/lock-file.js';
import { lockPathFor, readLockIfAny } from '../../lock/read-lock.js';
import { buildLock, keptCommits, lockChanges, type ModuleToLock } from '../../lock/relock.js';
import type { GitSource } from '../../model.js';
import type { PipelineOptions, PipelinePorts } from '../../pipeline-options.js';
import { buildReport } from '../../report/build-report.js';
import type { Report, ReportLock } from '../../report/report.js';
import { maskUserinfo, withoutUserinfo } from '../../secrets.js';
import { isPinned, type PinResult } from '../../stages/fetch/context.js';
import { fetchGitInclude } from '../../stages/fetch/git-include.js';
import { pinRefs } from '../../stages/fetch/pin.js';
import type { CacheGuard } from '../guards/cache-guard.js';
import { initialOutcomes, type ModuleOutcome, toReportModules } from '../module-run/module-outcome.js';
import { environmentStage } from '../shared-stages/environment-stage.js';
import { fetchContextFor } from '../shared-stages/fetch-context.js';
import { loadAndResolve } from '../shared-stages/load-and-resolve.js';
import { runVerdict } from '../shared-stages/verdict.js';

type PinFailure = Exclude<PinResult, { commit: string }>;

/** With `--update` and no ids the old lock is only needed for the change list: a broken one is replaced. */
async function oldLock(options: PipelineOptions, ports: PipelinePorts, path: string): Promise<LockFile | null> {
  try {
    return await readLockIfAny(ports.fs, path);
  } catch (error) {
    if (!(isInputError(error) && options.update && (options.moduleIds ?? []).length === 0)) throw error;
    ports.logger.warn(`${path} cannot be read (${error.message}); --update writes it anew`);
    return null;
  }
}

function unknownIds(ids: readonly string[], modules: readonly ModuleOutcome[]): void {
  const declared = new Set(modules.map((module) => module.resolved.declaration.id));
  const unknown = ids.filter((id) => !declared.has(id));
  if (unknown.length === 0) return;
  throw new InputError('usage', `lock --update: no declared module is named ${unknown.join(', ')}`, {
    fix: `name declared modules (${[...declared].sort().join(', ') || 'none declared'})`,
  });
}

/** A ref that does not exist is the declaration's mistake (exit 2); anything else is the network's (exit 3). */
function pinFailure(failed: readonly [GitSource, ModuleOutcome, PinFailure][]): Error {
  const [first] = failed;
  if (first && failed.every(([, , pin]) => pin.code === 'ref-not-found')) {
    const at = first[1].resolved.declaration.declaredAt;
    return new InputError('invalid-source', first[2].error, {
      file: at.file,
      line: at.line,
      fix: 'declare a branch or tag that exists, or a full 40-hex commit; nothing was written',
    });
  }
  return new RuntimeFailure(
    'git-failed',
    `could not pin ${failed.length} git source(s); the lock file was not written`,
    failed.map(([, , pin]) => pin.error).join('\n'),
    'check that the repositories are reachable (and the token, for private ones), then run amplifier-modules lock again',
  );
}

async function writeLock(ports: PipelinePorts, path: string, text: string): Promise<void> {
  try {
    await ports.fs.writeFile(path, text);
  } catch (error) {
    throw new RuntimeFailure(
      'lock-unwritable',
      `could not write the lock file ${path}; the previous one, if any, is unchanged`,
      error instanceof Error ? error.message : String(error),
      `make ${path} and its directory writable`,
    );
  }
}

export async function lockCommand(options: PipelineOptions, ports: PipelinePorts, guard: CacheGuard): Promise<Report> {
  const ids = options.moduleIds ?? [];
  const update = { all: Boolean(options.update) && ids.length === 0, ids: new Set(options.update ? ids : []) };
  const ctx = fetchContextFor({ ...options, offline: false }, ports);
  // Filled in once the declaration files are known (the lock lives beside the first).
  const found: { path: string; old: LockFile | null } = { path: '', old: null };
  const includeCommits = new Map<string, string>();
  const includeFailures: string[] = [];
  const skippedIncludes = new Map<string, string>();
  const environment = environmentStage(options, ports, false);

  const loaded = await loadAndResolve(options, ports, {
    onFiles: async (files) => {
      found.path = lockPathFor(options.lockFile, files, options.workspace);
      found.old = await oldLock(options, ports, found.path);
    },
    locateGitInclude: async (uri) => {
      await guard.hold();
      const key = withoutUserinfo(uri);
      const kept = update.all ? null : (found.old?.includes.get(key) ?? null);
      const located = await fetchGitInclude(ctx, () => kept)(uri);
      if ('unavailable' in located) {
        includeFailures.push(`${maskUserinfo(uri)}: ${located.unavailable}`);
        skippedIncludes.set(key, ports.redactor.redact(located.unavailable));
      } else if (located.commit) includeCommits.set(key, located.commit);
      return located;
    },
    environment,
  });
  const modules = initialOutcomes(loaded.resolved);
  unknownIds(ids, modules);
  // verify and Amplifier skip an include they cannot fetch; the lock records it as skipped (--strict: an error).
  if (includeFailures.length > 0 && options.strict)
    throw new RuntimeFailure(
      'fetch-failed',
      `could not pin ${includeFailures.length} bundle include(s); the lock file was not written (--strict)`,
      includeFailures.join('\n'),
      'check that the included repositories are reachable, then run amplifier-modules lock again (or drop --strict to record them as skipped)',
    );
  for (const failure of includeFailures) {
    ports.logger.warn(
      `skipped include ${failure}; the lock records it as skipped, as verify skips it (--strict: an error)`,
    );
  }

  const toLock: (ModuleToLock & { id: string })[] = [];
  const gitModules: [GitSource, ModuleOutcome][] = [];
  for (const module of modules) {
    const layer = module.resolved.resolution.layer;
    if (module.status !== 'ok' || layer === null || module.source === null) continue;
    const git = module.source.type === 'git' ? module.source : null;
    if (git) gitModules.push([git, module]);
    toLock.push({
      id: module.resolved.declaration.id,
      key: moduleKey(module.resolved.declaration),
      entry: lockedModuleFor(layer, module.source, null, options.workspace),
      repository: git ? repositoryKey(git) : null,
    });
  }
  const { path, old } = found;
  const lockFile: ReportLock = { file: path, written: false, changes: [] };
  const python = (await environment())?.environment.python ?? null;
  const report = (ok: boolean, lock: ReportLock, reported: readonly ModuleOutcome[] = modules): Report =>
    buildReport({
      command: 'lock',
      ok,
      python,
      modules: toReportModules(reported),
      unresolvedIncludes: loaded.unresolvedIncludes,
      warnings: loaded.warnings,
      lock,
    });
  // A module no layer resolves cannot be locked: writing the rest would pass off an incomplete lock as whole. With
  // --strict, a skipped include or a warning stops it too.
  if (!runVerdict(toReportModules(modules), loaded, options.strict)) return report(false, lockFile);

  const kept = keptCommits(old, toLock, update);
  const pins = await pinRefs(
    gitModules.map(([source]) => source),
    { ...ctx, lockedCommit: (location) => kept.get(repositoryKey(location)) ?? null },
  );
  const repositoryCommits = new Map<string, string>();
  const failed: [GitSource, ModuleOutcome, PinFailure][] = [];
  const pinned = new Map<ModuleOutcome, ModuleOutcome>();
  for (const [source, module] of gitModules) {
    const pin = pins.get(`${source.url}@${source.ref}`);
    if (isPinned(pin)) {
      repositoryCommits.set(repositoryKey(source), pin.commit);
      pinned.set(module, { ...module, source: { ...source, commit: pin.commit } });
    } else if (pin && 'error' in pin) failed.push([source, module, pin]);
  }
  if (failed.length > 0) throw pinFailure(failed);

  const next = buildLock(toLock, repositoryCommits, includeCommits, skippedIncludes);
  const text = renderLockFile(next);
  const previous = await ports.fs.readFile(path).then(
    (bytes) => bytes.toString('utf8'),
    () => null,
  );
  const written = previous !== text;
  if (written) await writeLock(ports, path, text);
  const withPins = modules.map((module) => pinned.get(module) ?? module);
  return report(true, { file: path, written, changes: lockChanges(old, next) }, withPins);
}
