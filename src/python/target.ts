/**
 * The environment stage: the target interpreter is chosen and located ONCE per run, and this one value is handed to
 * resolve (installed distributions), install, audit, doctor and prune. A virtual environment's interpreter is placed
 * by its files, by Python's own rule (`pyvenv.cfg` beside it or one directory up names the environment it runs); any
 * other (a pyenv/asdf shim, a system or global interpreter) is asked once where it really lives, so a wrapper script
 * leads to the environment it starts. When it cannot be asked (a broken interpreter) the file layout alone still
 * locates it, because reading an environment must not need it to work. Site directories the layout misses are still
 * found: the audit's probe reports the ones Python has on `sys.path`.
 */
import { InputError } from '../errors.js';
import type { Wording } from '../options/option-wording.js';
import type { Env, Exec, FileSystem } from '../ports.js';
import { type AskResult, askInterpreter } from './ask-interpreter.js';
import { type ChosenBy, type ChosenPython, chooseInterpreter, type EnvironmentPurpose } from './choose-python.js';
import { locateEnvironment, type PythonEnvironment } from './locate.js';

export interface TargetEnvironment extends PythonEnvironment {
  readonly chosenBy: ChosenBy;
  /**
   * The interpreter that really runs: a venv's own interpreter (Python reports the path it was started by), or what an
   * interpreter its files do not place reported as `sys.executable`; null when that one could not be asked.
   */
  readonly executable: string | null;
  /** Why this environment, in words (the report and doctor print it). */
  readonly reason: string;
}

export interface TargetRequest {
  /** `--python` as given (a path or a bare name), or null for the default. */
  readonly explicit: string | null;
  readonly workspace: string;
  readonly purpose: EnvironmentPurpose;
  /**
   * Ask an interpreter its files do not place where it lives (one process). resolve and warm without --python skip
   * it: they only read the default environment when one is there, and start no process but git.
   */
  readonly ask?: boolean | undefined;
}

export interface EnvironmentPorts {
  readonly fs: FileSystem;
  readonly exec: Exec;
  readonly env: Env;
  /** How an error names the interpreter option (`--python` or `python:`); default the CLI's. */
  readonly wording?: Wording | undefined;
}

const WHY: Readonly<Record<ChosenBy, string>> = {
  '--python': 'given with --python',
  VIRTUAL_ENV: 'the active virtual environment ($VIRTUAL_ENV)',
  'workspace-venv': "the workspace's .venv (no $VIRTUAL_ENV)",
  'amplifier-tool-venv': 'the Amplifier CLI tool venv (uv tool install), where Amplifier loads its modules from',
};

async function distinctDirs(fs: FileSystem, dirs: readonly string[]): Promise<string[]> {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const dir of dirs) {
    const real = await fs.realpath(dir);
    if (real === null || seen.has(real) || !(await fs.stat(dir))?.isDirectory) continue;
    seen.add(real);
    out.push(dir);
  }
  return out;
}

export async function locateTarget(request: TargetRequest, ports: EnvironmentPorts): Promise<TargetEnvironment> {
  const chosen = await chooseTarget(request, ports);
  const byLayout = await locateEnvironment(chosen.python, ports.fs);
  // A venv's interpreter finds its environment by this same pyvenv.cfg, and reports the path it was started by as
  // `sys.executable`: nothing to ask.
  if (byLayout.isVenv) return { ...byLayout, ...chosenBy(chosen), executable: chosen.python };
  const asked =
    request.ask === false ? null : await askInterpreter(ports.exec, chosen.python, ports.env, request.workspace);
  return locateChosen(chosen, byLayout, asked, ports.fs);
}

function chosenBy(chosen: ChosenPython): Pick<TargetEnvironment, 'chosenBy' | 'reason'> {
  const passed = chosen.passedOver.length > 0 ? `; not found: ${chosen.passedOver.join(', ')}` : '';
  return { chosenBy: chosen.chosenBy, reason: `${WHY[chosen.chosenBy]}${passed}` };
}

/** The interpreter the request names or the defaults lead to (no process started). */
export function chooseTarget(
  request: Pick<TargetRequest, 'explicit' | 'workspace' | 'purpose'>,
  ports: Pick<EnvironmentPorts, 'fs' | 'env' | 'wording'>,
): Promise<ChosenPython> {
  return chooseInterpreter({
    explicit: request.explicit,
    wording: ports.wording,
    env: ports.env,
    workspace: request.workspace,
    fs: ports.fs,
    purpose: request.purpose,
  });
}

/**
 * Locates an interpreter its files do not place from its own answer (`answered`), or from the file layout alone when
 * it was not asked or could not answer.
 */
async function locateChosen(
  chosen: ChosenPython,
  byLayout: PythonEnvironment,
  answered: AskResult | null,
  fs: FileSystem,
): Promise<TargetEnvironment> {
  if (!answered?.ok) {
    // A broken environment is still read from its files; a file the user named that neither answers as Python nor
    // sits in a Python environment is not an interpreter at all: bad input, said before anything is fetched.
    if (answered && chosen.chosenBy === '--python' && byLayout.sitePackages.length === 0) {
      throw new InputError('not-python', `--python ${chosen.python} is not a Python interpreter: ${answered.error}`, {
        fix: 'pass the interpreter of the environment to use, e.g. --python .venv/bin/python',
      });
    }
    return { ...byLayout, ...chosenBy(chosen), executable: null };
  }
  const answer = answered.value;
  // The interpreter's own answer leads: for a shim the file layout points at the shim's directory, not an environment.
  const real = answer.executable === chosen.python ? byLayout : await locateEnvironment(answer.executable, fs);
  return {
    python: chosen.python,
    prefix: answer.prefix,
    sitePackages: await distinctDirs(fs, [...real.sitePackages, ...answer.sitePackages]),
    isVenv: answer.isVenv || real.isVenv,
    ...chosenBy(chosen),
    executable: answer.executable,
  };
}

/** resolve and warm use the default environment when there is one and never fail for lack of it. */
export async function locateTargetIfAny(
  request: TargetRequest,
  ports: EnvironmentPorts,
): Promise<TargetEnvironment | null> {
  try {
    return await locateTarget(request, ports);
  } catch {
    return null;
  }
}
