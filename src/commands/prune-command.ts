/**
 * `prune`: remove module-cache directories that nothing uses. "Uses" is checked against every environment known to
 * use the cache: the --python one (or the default), the Amplifier uv tool venv, and every environment recorded in
 * the registry by install, verify and doctor --fix. Declarations (with their bundle includes) keep their clones too.
 */

import { readRegistry } from '../cache/environment-registry.js';
import { amplifierToolPython, choosePython } from '../environment/choose-python.js';
import { locateEnvironment, type PythonEnvironment } from '../environment/locate.js';
import type { PipelineOptions, PipelinePorts } from '../pipeline-options.js';
import type { FileSystem } from '../ports.js';
import { buildReport } from '../report/build-report.js';
import type { Report } from '../report/report.js';
import type { CacheGuard } from './cache-guard.js';
import { expectedPaths, optionalDeclarations } from './declared-paths.js';
import { prune } from './prune-clones.js';

async function addEnvironment(found: Map<string, PythonEnvironment>, python: string, fs: FileSystem): Promise<void> {
  if (!(await fs.stat(python))) return;
  const environment = await locateEnvironment(python, fs);
  if (!found.has(environment.prefix)) found.set(environment.prefix, environment);
}

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
      await addEnvironment(found, python, ports.fs);
    } catch (error) {
      if (options.python) throw error;
    }
  }
  // Always checked, even when --python names another environment: the Amplifier CLI imports modules from it.
  const tool = amplifierToolPython(ports.env, process.platform === 'win32');
  if (tool) await addEnvironment(found, tool, ports.fs);
  const registry = await readRegistry(ports.fs, options.home, options.dryRun);
  for (const gone of registry.dropped) ports.logger.info(`forgetting ${gone}: that environment no longer exists`);
  for (const recorded of registry.live) await addEnvironment(found, recorded.python, ports.fs);
  return [...found.values()];
}

export async function pruneCommand(options: PipelineOptions, ports: PipelinePorts, guard: CacheGuard): Promise<Report> {
  const includeClones: string[] = [];
  const loaded = await optionalDeclarations(options, ports, undefined, (dir) => includeClones.push(dir));
  // Held before the environments are read: an install or warm finishing meanwhile is waited for, not raced.
  await guard.hold();
  const envs = await environments(options, ports);
  const result = await prune({
    fs: ports.fs,
    logger: ports.logger,
    home: options.home,
    environments: envs,
    referenced: [
      ...[...expectedPaths(loaded).values()].map((path) => ({ path, by: 'declaration' })),
      ...includeClones.map((path) => ({ path, by: 'bundle include' })),
    ],
    dryRun: options.dryRun,
  });
  return buildReport({
    command: 'prune',
    ok: true,
    python: envs[0]?.python,
    unresolvedIncludes: loaded?.unresolvedIncludes,
    warnings: loaded?.warnings,
    prune: { removed: result.removed, kept: result.kept, dryRun: result.dryRun },
  });
}
