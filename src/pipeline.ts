/** The flow of DESIGN.md section 1, one function per command. */

import { doctorCommand } from './commands/doctor-command.js';
import { runModuleCommand } from './commands/module-command.js';
import { pruneCommand } from './commands/prune-command.js';
import type { CachePlan, PipelineOptions, PipelinePorts } from './pipeline-options.js';
import type { Report } from './report/report.js';

export interface PipelineResult {
  readonly report: Report;
  /** Set by commands that warm the module cache: what the action's post step saves. */
  readonly cachePlan: CachePlan | null;
}

export async function runPipeline(options: PipelineOptions, ports: PipelinePorts): Promise<PipelineResult> {
  switch (options.command) {
    case 'resolve':
    case 'warm':
    case 'install':
    case 'verify':
      return runModuleCommand(options.command, options, ports);
    case 'doctor':
      return { report: await doctorCommand(options, ports), cachePlan: null };
    case 'prune':
      return { report: await pruneCommand(options, ports), cachePlan: null };
  }
}
