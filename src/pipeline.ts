/** The flow (docs/architecture.md), one function per command. */

import { doctorCommand } from './commands/doctor/doctor-command.js';
import { type CacheGuard, cacheGuard, unguarded } from './commands/guards/cache-guard.js';
import { checkCacheRoot } from './commands/guards/cache-root-check.js';
import { checkHomeWritable, machineFault } from './commands/guards/machine-fault.js';
import { checkWorkspace } from './commands/guards/workspace-check.js';
import { lockCommand } from './commands/lock/lock-command.js';
import { runModuleCommand } from './commands/module-run/module-command.js';
import { pruneCommand } from './commands/prune/prune-command.js';
import type { CachePlan, PipelineOptions, PipelinePorts } from './pipeline-options.js';
import { fileCacheLock, type LockKind } from './ports/cache-lock.js';
import type { Report } from './report/report.js';

export interface PipelineResult {
  readonly report: Report;
  /** Set by commands that warm the module cache: what the action's post step saves. */
  readonly cachePlan: CachePlan | null;
}

async function runCommand(options: PipelineOptions, ports: PipelinePorts, guard: CacheGuard): Promise<PipelineResult> {
  switch (options.command) {
    case 'resolve':
    case 'warm':
    case 'install':
    case 'verify':
      return runModuleCommand(options.command, options, ports, guard);
    case 'doctor':
      return { report: await doctorCommand(options, ports, guard), cachePlan: null };
    case 'prune':
      return { report: await pruneCommand(options, ports, guard), cachePlan: null };
    case 'lock':
      return { report: await lockCommand(options, ports, guard), cachePlan: null };
  }
}

/** prune deletes, so it holds the cache alone; every other command that uses the cache shares it. */
function lockKind(options: PipelineOptions): LockKind | null {
  if (options.command === 'resolve') return null;
  if (options.command === 'prune' && !options.dryRun) return 'exclusive';
  return 'shared';
}

export async function runPipeline(options: PipelineOptions, ports: PipelinePorts): Promise<PipelineResult> {
  await checkWorkspace(ports.fs, options.workspace);
  const kind = lockKind(options);
  if (!kind) return runCommand(options, ports, unguarded);
  await checkCacheRoot(ports.fs, options.home);
  const locked = cacheGuard(ports.cacheLock ?? fileCacheLock, options.home, kind, ports.logger);
  // Whether the home can be written is asked where the first write would be, once the declarations were read and
  // checked: bad input is refused with nothing written, not even a probe.
  let writable: Promise<void> | null = null;
  const guard: CacheGuard = {
    ...locked,
    hold: async () => {
      writable ??= checkHomeWritable(ports.fs, options.home);
      await writable;
      await locked.hold();
    },
  };
  try {
    return await runCommand(options, ports, guard);
  } catch (error) {
    throw machineFault(error, options.home) ?? error;
  } finally {
    await guard.release();
  }
}
