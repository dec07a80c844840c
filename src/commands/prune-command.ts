/**
 * `prune`: remove module-cache directories that no editable install of the target environments and no declaration
 * references. The environments are the --python one (or the default) and the Amplifier uv tool venv, when present;
 * each is located once and its scan serves both the references and the declarations' resolution.
 */
import { locateTarget, type TargetEnvironment } from '../environment/target.js';
import type { PipelineOptions, PipelinePorts } from '../pipeline-options.js';
import type { Report } from '../report/report.js';
import { expectedPaths, optionalDeclarations } from './declared-paths.js';
import { prune } from './prune-clones.js';

async function environments(options: PipelineOptions, ports: PipelinePorts): Promise<TargetEnvironment[]> {
  const found = new Map<string, TargetEnvironment>();
  for (const purpose of ['run', 'doctor'] as const) {
    try {
      const environment = await locateTarget(
        { explicit: options.python, workspace: options.workspace, purpose },
        ports,
      );
      if (!found.has(environment.prefix)) found.set(environment.prefix, environment);
    } catch (error) {
      if (options.python) throw error;
    }
    // An interpreter the user named is the one environment: no second choice to make.
    if (options.python) break;
  }
  return [...found.values()];
}

export async function pruneCommand(options: PipelineOptions, ports: PipelinePorts): Promise<Report> {
  const envs = await environments(options, ports);
  const loaded = await optionalDeclarations(options, ports, envs[0] ?? null);
  const result = await prune({
    fs: ports.fs,
    logger: ports.logger,
    home: options.home,
    environments: envs,
    referenced: [...expectedPaths(loaded).values()],
    dryRun: options.dryRun,
  });
  return {
    version: 1,
    command: 'prune',
    ok: true,
    python: envs[0]?.python ?? null,
    installer: null,
    cache: { key: null, matchedKey: null, hit: 'off' },
    modules: [],
    unresolvedIncludes: loaded?.unresolvedIncludes ?? [],
    warnings: loaded?.warnings ?? [],
    prune: { removed: result.removed, kept: result.kept, dryRun: result.dryRun },
  };
}
