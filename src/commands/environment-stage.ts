/**
 * How each command runs the environment stage: which purpose, whether a missing interpreter stops the run, and, for
 * install and verify, the one interpreter session of the run.
 */
import type { ScanAhead } from '../audit/module-audit.js';
import { scanSitePackages } from '../audit/site-scan.js';
import type { EnvironmentPurpose } from '../environment/choose-python.js';
import { locateEnvironment, type PythonEnvironment } from '../environment/locate.js';
import {
  chooseTarget,
  locateChosen,
  locateTarget,
  locateTargetIfAny,
  type TargetEnvironment,
} from '../environment/target.js';
import type { Declaration } from '../model.js';
import type { PipelineOptions, PipelinePorts } from '../pipeline-options.js';
import { type InterpreterSession, startInterpreterSession } from './interpreter-session.js';

type EnvironmentOptions = Pick<PipelineOptions, 'python' | 'workspace' | 'session' | 'profiles'>;

/**
 * A run about what Amplifier loads (`--session`, or no declaration file given: the active bundle or the workspace's
 * own declarations) may use the Amplifier CLI tool venv when no other virtual environment is there.
 */
export function runPurpose(options: Pick<PipelineOptions, 'session' | 'profiles'>): EnvironmentPurpose {
  return options.session || options.profiles.length === 0 ? 'session' : 'run';
}

/**
 * The default environment when there is one (resolve, warm, lock, doctor and prune's declarations); an interpreter
 * the user named (`--python`) must exist and is asked where it lives.
 */
export function environmentStage(
  options: EnvironmentOptions,
  ports: PipelinePorts,
): () => Promise<TargetEnvironment | null> {
  const request = { explicit: options.python, workspace: options.workspace, purpose: runPurpose(options) };
  if (options.python === null) return () => locateTargetIfAny({ ...request, ask: false }, ports);
  return () => locateTarget(request, ports);
}

export interface EnvironmentStarter {
  /**
   * Starts locating the environment once the declarations are read and checked (bad input starts no process): for
   * install and verify, the interpreter is chosen and one interpreter session started, asked the import names
   * `question` picks. The caller need not await it at once: resolving waits only when a module reaches the package
   * layer, so checking the module cache overlaps Python's start-up.
   */
  locate(declarations: readonly Declaration[]): Promise<TargetEnvironment | null>;
  /** Settles once the interpreter is chosen (or located, without a session); rejects with why none could be. */
  ready(): Promise<void>;
  /** The session `locate` started; null before, without one, or when no interpreter could be chosen. */
  session(): InterpreterSession | null;
  /**
   * Starts the audit's site scan on the site directories the file layout shows, while the session still runs: the
   * audit uses it only when the interpreter's answer leads to exactly those directories. Null without a session.
   * Only for an environment nothing changes before the audit reads the scan.
   */
  scanAhead(): ScanAhead | null;
}

/**
 * The environment stage of one command. `withSession` false (resolve, warm): the default environment when there is
 * one, asked nothing unless `--python` names one. `question` gives the import names the session asks about (null:
 * none, the command cannot use the answers).
 */
export function environmentStarter(
  options: EnvironmentOptions,
  ports: PipelinePorts,
  withSession: boolean,
  question: (declarations: readonly Declaration[]) => readonly string[] | null,
): EnvironmentStarter {
  let located: Promise<TargetEnvironment | null> | null = null;
  let chosen: Promise<unknown> | null = null;
  // The session and the chosen interpreter's file layout, looked up once for locating and for the scan ahead.
  let started: { readonly session: InterpreterSession; readonly layout: Promise<PythonEnvironment> } | null = null;
  const locateWithSession = async (declarations: readonly Declaration[]): Promise<TargetEnvironment> => {
    const pick = chooseTarget(
      { explicit: options.python, workspace: options.workspace, purpose: runPurpose(options) },
      ports,
    );
    chosen = pick;
    const interpreter = await pick;
    const session = startInterpreterSession(
      ports.exec,
      interpreter.python,
      ports.env,
      options.workspace,
      question(declarations),
      ports.wording,
    );
    started = { session, layout: locateEnvironment(interpreter.python, ports.fs) };
    return locateChosen(interpreter, session.interpreter, ports.fs, started.layout);
  };
  return {
    locate(declarations) {
      located = withSession ? locateWithSession(declarations) : environmentStage(options, ports)();
      return located;
    },
    async ready() {
      await (chosen ?? located);
    },
    session: () => started?.session ?? null,
    scanAhead: () =>
      // A scan that fails is no scan: the audit then scans the located environment itself and reports from there.
      started?.layout.then((found) => scanSitePackages(ports.fs, found.sitePackages)).catch(() => null) ?? null,
  };
}
