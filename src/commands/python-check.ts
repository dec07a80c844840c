/**
 * An interpreter the user named (`--python`) is bad input when it does not exist or is not Python: that is said
 * (exit 2) before a bundle's git include is fetched, not after every include was cloned. Asked once, when the first
 * include is about to be fetched (a bad declaration file before it still starts no process). A run without git
 * includes needs no extra process: its interpreter session is chosen (missing: exit 2) before the modules are fetched.
 */
import { locateTarget } from '../environment/target.js';
import type { PipelineOptions, PipelinePorts } from '../pipeline-options.js';
import { runPurpose } from './environment-stage.js';

export type PythonCheck = () => Promise<void>;

export function explicitPythonCheck(
  options: Pick<PipelineOptions, 'python' | 'workspace' | 'session' | 'profiles'>,
  ports: PipelinePorts,
): PythonCheck {
  const explicit = options.python;
  if (explicit === null) return async () => undefined;
  let checked: Promise<void> | null = null;
  return () => {
    checked ??= locateTarget({ explicit, workspace: options.workspace, purpose: runPurpose(options) }, ports).then(
      () => undefined,
    );
    return checked;
  };
}
