/**
 * One batched editable install of every module that has a directory (git checkouts and file sources). Several
 * declarations of one directory (the session's and agents') are installed once.
 */
import { installFix } from '../install/install-fix.js';
import { type InstallOutcome, installModules } from '../install/install-modules.js';
import { heartbeatMsFrom } from '../install/installer-progress.js';
import type { PipelineOptions, PipelinePorts } from '../pipeline-options.js';
import { fail, type ModuleState } from './module-state.js';

function installable(state: ModuleState): string | null {
  const type = state.source?.type;
  return state.status === 'ok' && (type === 'git' || type === 'file') ? state.resolved.resolution.path : null;
}

export async function installStage(
  states: readonly ModuleState[],
  options: Pick<PipelineOptions, 'installer' | 'installerArgs'>,
  ports: PipelinePorts,
  python: string,
): Promise<InstallOutcome> {
  const byPath = new Map<string, string>();
  for (const state of states) {
    const path = installable(state);
    if (path && !byPath.has(path)) byPath.set(path, state.resolved.declaration.id);
  }
  const outcome = await installModules(
    [...byPath].map(([path, id]) => ({ id, path })),
    {
      python,
      installer: options.installer,
      extraArgs: options.installerArgs,
      env: ports.env,
      fs: ports.fs,
      exec: ports.exec,
      logger: ports.logger,
      heartbeatMs: heartbeatMsFrom(ports.env.AMPLIFIER_MODULES_HEARTBEAT_SECONDS),
    },
  );
  const failed = new Map(outcome.failed.map((f) => [f.path, f]));
  const skipped = new Map(outcome.skipped.map((s) => [s.path, s]));
  for (const state of states) {
    const path = installable(state);
    if (!path) continue;
    const failure = failed.get(path);
    if (failure) {
      fail(
        state,
        'install-failed',
        [{ code: 'install-failed', message: failure.message, target: path }],
        installFix(failure),
      );
      continue;
    }
    const skip = skipped.get(path);
    if (skip) {
      state.nonPython = true;
      state.findings.push({ code: 'not-python', message: `not installed: ${skip.reason}`, target: path });
    }
  }
  return outcome;
}
