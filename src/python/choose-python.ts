/**
 * Which interpreter's environment the run installs into and audits: one rule for every command
 * (docs/architecture.md, "environment"). `--python` wins; else `$VIRTUAL_ENV`; else `<workspace>/.venv`; else, when
 * the run is about what Amplifier loads (doctor, `--session`, or no declaration file given), the Amplifier CLI's uv
 * tool venv. Nothing else: a `python3` on PATH is a system or global interpreter (a pyenv shim, /usr/bin/python3) and
 * is never editable-installed into unless `--python` names it, so with none of these the run stops (exit 2) naming
 * every choice, as uv refuses to install without a virtual environment.
 */

import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { CLI_WORDING, type Wording } from '../options/option-wording.js';
import type { Env, FileSystem } from '../ports.js';

/**
 * `run`: a run about declaration files the user gave; `session` and `doctor`: a run about what the Amplifier CLI loads,
 * which may fall back to the CLI's own tool venv.
 */
export type EnvironmentPurpose = 'run' | 'session' | 'doctor';

export interface ChoosePythonInput {
  /** `--python` as given, or null. */
  readonly explicit: string | null;
  readonly env: Env;
  /** The workspace root (absolute). */
  readonly workspace: string;
  readonly fs: FileSystem;
  /** `session` and `doctor` fall back to the Amplifier uv tool venv. */
  readonly purpose?: EnvironmentPurpose | undefined;
  /** Defaults to the running platform; a parameter so both shapes are testable anywhere. */
  readonly platform?: NodeJS.Platform | undefined;
  /** How errors name the option (`--python PATH` or `python: PATH`); default the CLI's. */
  readonly wording?: Wording | undefined;
}

/** Why an interpreter was chosen: what the report and doctor tell the user. */
export type ChosenBy = '--python' | 'VIRTUAL_ENV' | 'workspace-venv' | 'amplifier-tool-venv';

export interface ChosenPython {
  readonly python: string;
  readonly chosenBy: ChosenBy;
  /** The places looked at before this one, in order (the report says them with the reason). */
  readonly passedOver: readonly string[];
}

function venvPython(dir: string, windows: boolean): string {
  return windows ? join(dir, 'Scripts', 'python.exe') : join(dir, 'bin', 'python');
}

async function isFile(fs: FileSystem, path: string): Promise<boolean> {
  return (await fs.stat(path))?.isFile === true;
}

/** The first `name` on PATH, as an absolute path; null when none is found. */
export async function findOnPath(name: string, env: Env, fs: FileSystem, windows: boolean): Promise<string | null> {
  const pathVar = env.PATH ?? env.Path ?? '';
  const names = windows && !/\.exe$/i.test(name) ? [`${name}.exe`, name] : [name];
  for (const dir of pathVar.split(windows ? ';' : delimiter)) {
    if (!dir) continue;
    for (const candidate of names) {
      const full = join(dir, candidate);
      if (await isFile(fs, full)) return full;
    }
  }
  return null;
}

/** `$UV_TOOL_DIR`, else `$XDG_DATA_HOME/uv/tools`, else `~/.local/share/uv/tools` (Windows `%APPDATA%\uv\tools`). */
export function uvToolDir(env: Env, windows: boolean): string | null {
  if (env.UV_TOOL_DIR) return env.UV_TOOL_DIR;
  if (windows) return env.APPDATA ? join(env.APPDATA, 'uv', 'tools') : null;
  if (env.XDG_DATA_HOME) return join(env.XDG_DATA_HOME, 'uv', 'tools');
  return env.HOME ? join(env.HOME, '.local', 'share', 'uv', 'tools') : null;
}

/** The interpreter of the Amplifier CLI's own environment, when it was installed with `uv tool install`. */
export function amplifierToolPython(env: Env, windows: boolean): string | null {
  const tools = uvToolDir(env, windows);
  return tools ? venvPython(join(tools, 'amplifier'), windows) : null;
}

/**
 * A value with a slash is a path (relative to the workspace); a bare name (`python3`) is looked up on PATH from the
 * environment the run was given, as a shell would.
 */
async function explicitPython(explicit: string, input: ChoosePythonInput, windows: boolean): Promise<ChosenPython> {
  const looksLikePath = explicit.includes('/') || explicit.includes('\\');
  const path = looksLikePath
    ? isAbsolute(explicit)
      ? explicit
      : resolve(input.workspace, explicit)
    : await findOnPath(explicit, input.env, input.fs, windows);
  if (path && (await isFile(input.fs, path))) return { python: path, chosenBy: '--python', passedOver: [] };
  const where = looksLikePath ? '' : ' on PATH';
  const w = input.wording ?? CLI_WORDING;
  throw new InputError('usage', `${w.set('python', explicit)}: no such interpreter${where}`, {
    fix: `give the path of an existing interpreter, e.g. ${w.set('python', '.venv/bin/python')}`,
  });
}

/** Whether the run may fall back to the Amplifier CLI's tool venv. */
export function usesAmplifierVenv(purpose: EnvironmentPurpose | undefined): boolean {
  return purpose === 'session' || purpose === 'doctor';
}

export async function chooseInterpreter(input: ChoosePythonInput): Promise<ChosenPython> {
  const { explicit, env, workspace, fs } = input;
  const windows = (input.platform ?? process.platform) === 'win32';
  if (explicit) return explicitPython(explicit, input, windows);
  const candidates: { readonly python: string; readonly chosenBy: ChosenBy }[] = [];
  if (env.VIRTUAL_ENV) candidates.push({ python: venvPython(env.VIRTUAL_ENV, windows), chosenBy: 'VIRTUAL_ENV' });
  candidates.push({ python: venvPython(join(workspace, '.venv'), windows), chosenBy: 'workspace-venv' });
  const tool = usesAmplifierVenv(input.purpose) ? amplifierToolPython(env, windows) : null;
  if (tool) candidates.push({ python: tool, chosenBy: 'amplifier-tool-venv' });
  const passedOver: string[] = [];
  for (const candidate of candidates) {
    if (await isFile(fs, candidate.python)) return { ...candidate, passedOver };
    passedOver.push(candidate.python);
  }
  const w = input.wording ?? CLI_WORDING;
  const choices = [
    `${w.give('python', 'PATH')} (any interpreter, named on purpose)`,
    env.VIRTUAL_ENV
      ? `$VIRTUAL_ENV (${env.VIRTUAL_ENV}: no interpreter there)`
      : 'an active virtual environment ($VIRTUAL_ENV)',
    `${join(workspace, '.venv')} (python -m venv .venv)`,
    ...(tool ? [`the Amplifier CLI tool venv (${tool}: uv tool install amplifier)`] : []),
  ];
  const why = usesAmplifierVenv(input.purpose)
    ? ''
    : '; the Amplifier CLI tool venv is a choice only for doctor, --session or a run without -p';
  throw new InputError(
    'no-environment',
    `no Python environment to use: looked at ${passedOver.join(', ')}; a python3 on PATH is a system or global interpreter and is never installed into unless --python names it${why}`,
    { fix: `choose one of: ${choices.join('; ')}` },
  );
}

export async function choosePython(input: ChoosePythonInput): Promise<string> {
  return (await chooseInterpreter(input)).python;
}
