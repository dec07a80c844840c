/**
 * The environment a run installs into is bad input when there is none (no virtual environment to choose), or when the
 * interpreter the user named (`--python`) does not exist or is not Python: that is said (exit 2) before a bundle's
 * git include is fetched, not after every include was cloned. Checked once, when the first include is about to be
 * fetched (a bad declaration file before it still starts no process): the choice is file checks only; a named
 * interpreter is asked once. A run without git includes needs no extra process: its interpreter session is chosen
 * (none: exit 2) before the modules are fetched.
 */
import { chooseTarget, locateTarget } from '../environment/target.js';
import type { PipelineOptions, PipelinePorts } from '../pipeline-options.js';
import { runPurpose } from './environment-stage.js';

export type PythonCheck = () => Promise<void>;

export function pythonCheckBeforeFetching(
  options: Pick<PipelineOptions, 'python' | 'workspace' | 'session' | 'profiles'>,
  ports: PipelinePorts,
  /** install and verify cannot run without an environment; resolve and warm use one only when there is one. */
  needsEnvironment: boolean,
): PythonCheck {
  const explicit = options.python;
  if (explicit === null && !needsEnvironment) return async () => undefined;
  const request = { explicit, workspace: options.workspace, purpose: runPurpose(options) };
  let checked: Promise<void> | null = null;
  return () => {
    checked ??= (explicit === null ? chooseTarget(request, ports) : locateTarget(request, ports)).then(() => undefined);
    return checked;
  };
}
