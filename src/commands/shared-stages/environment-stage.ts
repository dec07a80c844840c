/**
 * The environment stage: the run's interpreter is chosen and located once, by one rule, and handed on as the run's
 * Python session. It starts lazily, at the first stage that needs it, so bad input in a declaration file is said
 * before any process starts; that first stage is, in order: composing a session (`--session` reads the CLI's
 * behaviors from the environment), fetching the first git include (a run that cannot install is stopped before it
 * clones anything), a module reaching the package layer, or the command itself once the declarations are read.
 */

import type { PipelineOptions, PipelinePorts } from '../../pipeline-options.js';
import type { EnvironmentPurpose } from '../../python/choose-python.js';
import { type PythonSession, pythonSession } from '../../python/python-session.js';
import { locateTarget, locateTargetIfAny, type TargetEnvironment } from '../../python/target.js';

type EnvironmentOptions = Pick<PipelineOptions, 'python' | 'workspace' | 'session' | 'profiles'>;

/** The run's Python session, located on the first call; every later call gets the same one (or the same error). */
export type EnvironmentStage = () => Promise<PythonSession | null>;

/**
 * A run about what Amplifier loads (`--session`, or no declaration file given: the active bundle or the workspace's
 * own declarations) may use the Amplifier CLI tool venv when no other virtual environment is there.
 */
export function runPurpose(options: Pick<PipelineOptions, 'session' | 'profiles'>): EnvironmentPurpose {
  return options.session || options.profiles.length === 0 ? 'session' : 'run';
}

/**
 * `required` (install, verify): no environment is bad input (exit 2), and an interpreter its files do not place (a
 * shim, a system interpreter) is asked where it really lives. Otherwise (resolve, warm, lock, prune's declarations)
 * the default environment is used when there is one, read from its files alone unless the user named an interpreter
 * (`--python`), which must exist and is asked when its files do not place it.
 */
export function environmentStage(
  options: EnvironmentOptions,
  ports: PipelinePorts,
  required: boolean,
): EnvironmentStage {
  const request = { explicit: options.python, workspace: options.workspace, purpose: runPurpose(options) };
  let located: Promise<PythonSession | null> | null = null;
  const locate = async (): Promise<PythonSession | null> => {
    const found: TargetEnvironment | null =
      required || options.python !== null
        ? await locateTarget(request, ports)
        : await locateTargetIfAny({ ...request, ask: false }, ports);
    return found ? pythonSession(found, ports, options.workspace) : null;
  };
  return () => {
    located ??= locate();
    return located;
  };
}
