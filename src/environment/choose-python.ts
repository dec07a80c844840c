/**
 * Which interpreter's environment the run installs into and audits (docs/architecture.md, "environment"):
 * --python, else $VIRTUAL_ENV, else <workspace>/.venv, else python3 on PATH. `doctor` audits what the Amplifier CLI
 * itself imports from, so it looks at the Amplifier uv tool venv first and never falls back to a bare python3 on PATH
 * (an unrelated interpreter would answer "0 ok, 0 failed" about an environment nobody asked about).
 */

import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { InputError, RuntimeFailure } from '../errors.js';
import { CLI_WORDING, type Wording } from '../options/option-wording.js';
import type { Env, FileSystem } from '../ports.js';

export type EnvironmentPurpose = 'run' | 'doctor';

export interface ChoosePythonInput {
  /** `--python` as given, or null. */
  readonly explicit: string | null;
  readonly env: Env;
  /** The workspace root (absolute). */
  readonly workspace: string;
  readonly fs: FileSystem;
  /** `doctor` prefers the Amplifier uv tool venv. */
  readonly purpose?: EnvironmentPurpose | undefined;
  /** Defaults to the running platform; a parameter so both shapes are testable anywhere. */
  readonly platform?: NodeJS.Platform | undefined;
  /** How errors name the option (`--python PATH` or `python: PATH`); default the CLI's. */
  readonly wording?: Wording | undefined;
}

/** Why an interpreter was chosen: what the report and doctor tell the user. */
export type ChosenBy = '--python' | 'amplifier-tool-venv' | 'VIRTUAL_ENV' | 'workspace-venv' | 'PATH';

export interface ChosenPython {
  readonly python: string;
  readonly chosenBy: ChosenBy;
  /** The places looked at before this one, in order (doctor names them when the Amplifier venv is not there). */
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

export async function chooseInterpreter(input: ChoosePythonInput): Promise<ChosenPython> {
  const { explicit, env, workspace, fs } = input;
  const windows = (input.platform ?? process.platform) === 'win32';
  if (explicit) return explicitPython(explicit, input, windows);
  const candidates: { readonly python: string; readonly chosenBy: ChosenBy }[] = [];
  if (input.purpose === 'doctor') {
    const tool = amplifierToolPython(env, windows);
    if (tool) candidates.push({ python: tool, chosenBy: 'amplifier-tool-venv' });
  }
  if (env.VIRTUAL_ENV) candidates.push({ python: venvPython(env.VIRTUAL_ENV, windows), chosenBy: 'VIRTUAL_ENV' });
  candidates.push({ python: venvPython(join(workspace, '.venv'), windows), chosenBy: 'workspace-venv' });
  const passedOver: string[] = [];
  for (const candidate of candidates) {
    if (await isFile(fs, candidate.python)) return { ...candidate, passedOver };
    passedOver.push(candidate.python);
  }
  if (input.purpose !== 'doctor') {
    const onPath = await findOnPath(windows ? 'python' : 'python3', env, fs, windows);
    if (onPath) return { python: onPath, chosenBy: 'PATH', passedOver };
  }
  const looked = input.purpose === 'doctor' ? passedOver : [...passedOver, 'python3 on PATH'];
  throw new RuntimeFailure(
    'python-failed',
    `no Python interpreter found (looked at ${looked.join(', ')})`,
    undefined,
    input.purpose === 'doctor'
      ? `install the Amplifier CLI with \`uv tool install\`, or ${(input.wording ?? CLI_WORDING).give('python', 'PATH')} of the environment to audit`
      : `${(input.wording ?? CLI_WORDING).give('python', 'PATH')} or activate a virtual environment`,
  );
}

export async function choosePython(input: ChoosePythonInput): Promise<string> {
  return (await chooseInterpreter(input)).python;
}
