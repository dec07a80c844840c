/**
 * `install --dry-run`: what the install stage would hand the installer, and why, with nothing installed and no
 * install record written. Each module's report entry says `wouldInstall` and its reason; the log names the batch.
 */
import type { PipelinePorts } from '../../pipeline-options.js';
import type { InstallReason } from './install-plan.js';
import { installable, type ModuleOutcome } from './module-outcome.js';

export interface DryRunDir {
  readonly id: string;
  readonly reason: InstallReason;
}

/** Each module with what the install would do; the batch is said in the log. */
export function dryRunOutcomes(
  modules: readonly ModuleOutcome[],
  dirs: ReadonlyMap<string, DryRunDir>,
  ports: Pick<PipelinePorts, 'logger'>,
): ModuleOutcome[] {
  const wanted = [...dirs].filter(([, plan]) => plan.reason !== null);
  ports.logger.info(
    wanted.length === 0
      ? 'dry run: nothing to install, every module is up to date'
      : `dry run: would install ${wanted.length} module(s): ${wanted.map(([, plan]) => `${plan.id} (${plan.reason})`).join(', ')}`,
  );
  return modules.map((module) => {
    const path = installable(module);
    const plan = path ? dirs.get(path) : undefined;
    if (!plan) return module;
    return {
      ...module,
      install:
        plan.reason === null
          ? { installed: false, reason: 'up to date' }
          : { installed: false, wouldInstall: true, reason: plan.reason },
    };
  });
}
