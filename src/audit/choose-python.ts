/**
 * Which interpreter's environment the run installs into and audits (DESIGN 2, `--python`):
 * --python, else $VIRTUAL_ENV, else <workspace>/.venv, else python3 on PATH; `doctor` looks at the Amplifier
 * uv tool venv first because that is the environment the Amplifier CLI itself imports modules from.
 */
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { InputError, RuntimeFailure } from '../errors.js';
import type { Env, FileSystem } from '../ports.js';

export interface ChoosePythonInput {
  /** `--python` as given, or null. */
  readonly explicit: string | null;
  readonly env: Env;
  /** The workspace root (absolute). */
  readonly workspace: string;
  readonly fs: FileSystem;
  /** `doctor` prefers the Amplifier uv tool venv. */
  readonly purpose?: 'run' | 'doctor' | undefined;
  /** Defaults to the running platform; a parameter so both shapes are testable anywhere. */
  readonly platform?: NodeJS.Platform | undefined;
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

export async function choosePython(input: ChoosePythonInput): Promise<string> {
  const { explicit, env, workspace, fs } = input;
  const windows = (input.platform ?? process.platform) === 'win32';
  if (explicit) {
    const looksLikePath = explicit.includes('/') || explicit.includes('\\');
    const path = looksLikePath
      ? isAbsolute(explicit)
        ? explicit
        : resolve(workspace, explicit)
      : await findOnPath(explicit, env, fs, windows);
    if (path && (await isFile(fs, path))) return path;
    throw new InputError('usage', `--python ${explicit}: no such interpreter`, {
      fix: 'pass the path of an existing interpreter, e.g. --python .venv/bin/python',
    });
  }
  const candidates: string[] = [];
  if (input.purpose === 'doctor') {
    const tool = amplifierToolPython(env, windows);
    if (tool) candidates.push(tool);
  }
  if (env.VIRTUAL_ENV) candidates.push(venvPython(env.VIRTUAL_ENV, windows));
  candidates.push(venvPython(join(workspace, '.venv'), windows));
  for (const candidate of candidates) if (await isFile(fs, candidate)) return candidate;
  const onPath = await findOnPath(windows ? 'python' : 'python3', env, fs, windows);
  if (onPath) return onPath;
  throw new RuntimeFailure(
    'python-failed',
    `no Python interpreter found (looked at ${[...candidates, 'python3 on PATH'].join(', ')})`,
    undefined,
    'pass --python PATH or activate a virtual environment',
  );
}
