/**
 * `install --dry-run`: what the install stage would hand the installer, and why, with nothing installed and no
 * install record written. Each module's report entry says `wouldInstall` and its reason; the log names the batch.
 */
import type { PipelinePorts } from '../pipeline-options.js';
import type { InstallReason } from './install-plan.js';
import type { ModuleState } from './module-state.js';

export interface DryRunDir {
  readonly id: string;
  readonly reason: InstallReason;
}

export function markDryRun(
  states: readonly ModuleState[],
  dirs: ReadonlyMap<string, DryRunDir>,
  installable: (state: ModuleState) => string | null,
  ports: Pick<PipelinePorts, 'logger'>,
): void {
  const wanted = [...dirs].filter(([, plan]) => plan.reason !== null);
  ports.logger.info(
    wanted.length === 0
      ? 'dry run: nothing to install, every module is up to date'
      : `dry run: would install ${wanted.length} module(s): ${wanted.map(([, plan]) => `${plan.id} (${plan.reason})`).join(', ')}`,
  );
  for (const state of states) {
    const path = installable(state);
    const plan = path ? dirs.get(path) : undefined;
    if (!plan) continue;
    state.install =
      plan.reason === null
        ? { installed: false, reason: 'up to date' }
        : { installed: false, wouldInstall: true, reason: plan.reason };
  }
}
