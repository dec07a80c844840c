/**
 * `prune`: remove module-cache directories that no editable install of the target environments and no declaration
 * references. The environments are the --python one (or the default) and the Amplifier uv tool venv, when present.
 */
import { choosePython, locateEnvironment, type PythonEnvironment } from '../audit/environment.js';
import { prune } from '../audit/prune.js';
import type { PipelineOptions, PipelinePorts } from '../pipeline-options.js';
import type { Report } from '../report/report.js';
import { expectedPaths, optionalDeclarations } from './declared-paths.js';

async function environments(options: PipelineOptions, ports: PipelinePorts): Promise<PythonEnvironment[]> {
  const found = new Map<string, PythonEnvironment>();
  for (const purpose of ['run', 'doctor'] as const) {
    try {
      const python = await choosePython({
        explicit: options.python,
        env: ports.env,
        workspace: options.workspace,
        fs: ports.fs,
        purpose,
      });
      const environment = await locateEnvironment(python, ports.fs);
      found.set(environment.prefix, environment);
    } catch (error) {
      if (options.python) throw error;
    }
  }
  return [...found.values()];
}

export async function pruneCommand(options: PipelineOptions, ports: PipelinePorts): Promise<Report> {
  const envs = await environments(options, ports);
  const loaded = await optionalDeclarations(options, ports);
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
