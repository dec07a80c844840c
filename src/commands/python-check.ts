/**
 * An interpreter the user named (`--python`) is bad input when it does not exist or is not Python: that is said
 * (exit 2) before anything is fetched, not after every bundle include was cloned. Checked once, when the run is about
 * to fetch for the first time (the declarations are read by then: bad declarations still start no process).
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
