/**
 * The environments prune checks before moving a clone: the --python one (or the defaults of run and doctor), the
 * Amplifier uv tool venv, every environment in the registry, and the interpreter Amplifier's own install-state.json
 * names. An environment counts while its site-packages exist, even when its interpreter is gone (a Python upgrade
 * breaks a venv's `bin/python` symlink, yet the venv's `.pth` files still point into the cache).
 */

import { readRegistry } from '../../module-cache/environment-registry.js';
import type { PipelineOptions, PipelinePorts } from '../../pipeline-options.js';
import type { FileSystem } from '../../ports.js';
import { amplifierToolPython, choosePython } from '../../python/choose-python.js';
import { locateEnvironment, type PythonEnvironment } from '../../python/locate.js';
import { installStatePath, readInstallState } from '../../stages/audit/amplifier-install-state.js';
import type { Reference } from './prune-clones.js';

async function addEnvironment(found: Map<string, PythonEnvironment>, python: string, fs: FileSystem): Promise<void> {
  const environment = await locateEnvironment(python, fs);
  // Found from the file layout alone: a broken interpreter link does not hide an environment that still has files.
  if (environment.sitePackages.length === 0 && !(await fs.stat(python))) return;
  if (!found.has(environment.prefix)) found.set(environment.prefix, environment);
}

export interface PruneUsers {
  readonly environments: readonly PythonEnvironment[];
  /** Directories Amplifier's install-state.json records as installed. */
  readonly installState: readonly Reference[];
}

export async function pruneUsers(options: PipelineOptions, ports: PipelinePorts): Promise<PruneUsers> {
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
  const installState: Reference[] = [];
  const file = installStatePath(options.home);
  const state = await readInstallState(ports.fs, file);
  if (state.kind === 'state') {
    if (state.state.python) await addEnvironment(found, state.state.python, ports.fs);
    for (const entry of state.state.entries) installState.push({ path: entry.dir, by: file });
  }
  return { environments: [...found.values()], installState };
}
