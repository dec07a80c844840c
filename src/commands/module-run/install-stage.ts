/**
 * One batched editable install of the modules that need it (docs/architecture.md): a module whose editable install is
 * intact and whose build metadata is unchanged since this tool installed it is audited as it is, everything else (new,
 * moved to another cache directory, dangling, metadata changed or unknown, `--reinstall`) is installed. Several
 * declarations of one directory (the session's and agents') are installed once.
 */

import type { PipelineOptions, PipelinePorts } from '../../pipeline-options.js';
import type { PythonSession } from '../../python/python-session.js';
import type { ModuleAudit } from '../../stages/audit/audit-modules.js';
import { failureFix, failureMessage } from '../../stages/install/failure-words.js';
import { type Fingerprint, fingerprintOf } from '../../stages/install/fingerprint.js';
import { type InstallContext, type InstallOutcome, installModules } from '../../stages/install/install-modules.js';
import { loadInstallState, recordInstall, saveInstallState } from '../../stages/install/install-records.js';
import { heartbeatMsFrom } from '../../stages/install/installer-progress.js';
import { dryRunOutcomes } from './install-dry-run.js';
import { type InstallReason, installReason } from './install-plan.js';
import { failed, installable, type ModuleOutcome } from './module-outcome.js';

export interface InstallStageResult {
  /** Each module with whether it was installed and why, or failed with the installer's cause. */
  readonly modules: readonly ModuleOutcome[];
  readonly outcome: InstallOutcome;
  /** Module ids installed in this run: their audit from before the install no longer holds. */
  readonly installedIds: ReadonlySet<string>;
}

interface PlannedDir {
  readonly id: string;
  readonly fingerprint: Fingerprint;
  readonly reason: InstallReason;
}

/** What the install stage reads of the run's options. */
export type InstallStageOptions = Pick<
  PipelineOptions,
  'home' | 'reinstall' | 'dryRun' | 'installer' | 'installerArgs'
>;

async function planDirs(
  modules: readonly ModuleOutcome[],
  before: ReadonlyMap<string, ModuleAudit>,
  options: Pick<InstallStageOptions, 'home' | 'reinstall'>,
  ports: PipelinePorts,
  environment: PythonSession['environment'],
): Promise<{ dirs: Map<string, PlannedDir>; record: Awaited<ReturnType<typeof loadInstallState>> }> {
  const record = await loadInstallState(ports.fs, options.home, environment);
  const ids = new Map<string, string>();
  for (const module of modules) {
    const path = installable(module);
    if (path && !ids.has(path)) ids.set(path, module.resolved.declaration.id);
  }
  const planned = await Promise.all(
    [...ids].map(async ([path, id]) => {
      const fingerprint = await fingerprintOf(ports.fs, path);
      const reason = installReason({ path, audit: before.get(id), fingerprint }, record, options.reinstall ?? false);
      return [path, { id, fingerprint, reason }] as const;
    }),
  );
  return { dirs: new Map(planned), record };
}

/** What an installer run needs from the run: the environment, the installer and its flags, the ports. */
export function installContext(
  options: Pick<PipelineOptions, 'installer' | 'installerArgs'>,
  ports: PipelinePorts,
  session: PythonSession,
): InstallContext {
  return {
    session,
    installer: options.installer,
    wording: ports.wording,
    extraArgs: options.installerArgs,
    env: ports.env,
    fs: ports.fs,
    exec: ports.exec,
    logger: ports.logger,
    heartbeatMs: heartbeatMsFrom(ports.env.AMPLIFIER_MODULES_HEARTBEAT_SECONDS),
  };
}

export async function installStage(
  modules: readonly ModuleOutcome[],
  before: ReadonlyMap<string, ModuleAudit>,
  options: InstallStageOptions,
  ports: PipelinePorts,
  session: PythonSession,
): Promise<InstallStageResult> {
  const { dirs, record } = await planDirs(modules, before, options, ports, session.environment);
  const requests = [...dirs].filter(([, plan]) => plan.reason !== null).map(([path, plan]) => ({ id: plan.id, path }));
  const outcome = await installModules(options.dryRun ? [] : requests, installContext(options, ports, session));
  if (options.dryRun) return { modules: dryRunOutcomes(modules, dirs, ports), outcome, installedIds: new Set() };
  const failures = new Map(outcome.failed.map((f) => [f.path, f]));
  const skipped = new Map(outcome.skipped.map((s) => [s.path, s]));
  const installedIds = new Set<string>();
  for (const request of outcome.installed) {
    const plan = dirs.get(request.path);
    if (plan) recordInstall(record, request.path, plan.fingerprint);
  }
  for (const path of failures.keys()) record.modules.delete(path);
  const after = modules.map((module): ModuleOutcome => {
    const path = installable(module);
    const plan = path ? dirs.get(path) : undefined;
    if (!path || !plan) return module;
    const failure = failures.get(path);
    if (failure) {
      const finding = { code: 'install-failed', message: failureMessage(failure), target: path } as const;
      return failed(module, 'install-failed', [finding], failureFix(failure));
    }
    const skip = skipped.get(path);
    if (skip) {
      const finding = { code: 'not-python', message: `not installed: ${skip.reason}`, target: path } as const;
      return { ...module, nonPython: true, findings: [...module.findings, finding] };
    }
    if (plan.reason !== null) installedIds.add(module.resolved.declaration.id);
    return {
      ...module,
      install:
        plan.reason === null ? { installed: false, reason: 'up to date' } : { installed: true, reason: plan.reason },
    };
  });
  if (requests.length > 0 || record.lost !== null) {
    // A record that cannot be written costs a reinstall next time, never a wrong answer now.
    await saveInstallState(ports.fs, record).catch((error: unknown) =>
      ports.logger.warn(`could not write the install record ${record.file}: ${String(error)}; the next run reinstalls`),
    );
  }
  return { modules: after, outcome, installedIds };
}
