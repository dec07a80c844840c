/**
 * The step's `with:` inputs, read once into a typed, validated object and mapped to PipelineOptions.
 * Reading goes through a function (core.getInput in the action, a map in tests) and the environment is passed in.
 */
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import type { InstallerChoice, PipelineOptions } from '../pipeline-options.js';
import type { Env } from '../ports.js';
import { expandProfilePatterns } from './profile-patterns.js';

export const INPUT_NAMES = [
  'profile',
  'command',
  'python',
  'workspace',
  'amplifier-home',
  'installer',
  'cache',
  'cache-key-prefix',
  'offline',
  'session',
  'import-check',
  'github-token',
] as const;
export type InputName = (typeof INPUT_NAMES)[number];

/** Returns the input's value, trimmed, or '' when not given (what core.getInput does). */
export type InputReader = (name: InputName) => string;

export type ActionCommand = 'verify' | 'install' | 'warm' | 'resolve';
export const ACTION_COMMANDS: readonly ActionCommand[] = ['verify', 'install', 'warm', 'resolve'];
const INSTALLERS: readonly InstallerChoice[] = ['auto', 'uv', 'pip'];

export const DEFAULT_CACHE_KEY_PREFIX = 'amplifier-modules';

export interface ActionInputs {
  readonly command: ActionCommand;
  /** Absolute profile files; empty means auto-detect under <workspace>/.amplifier/. */
  readonly profiles: readonly string[];
  readonly workspace: string;
  readonly home: string;
  readonly python: string | null;
  readonly installer: InstallerChoice;
  readonly cache: boolean;
  readonly cacheKeyPrefix: string;
  readonly offline: boolean;
  /** Verify what the Amplifier CLI loads for a session (the CLI's `--session`). */
  readonly session: boolean;
  readonly importCheck: boolean;
  /** The token and the only host it is sent to (the GitHub server this workflow runs on). */
  readonly token: { readonly host: string; readonly value: string } | null;
}

function inputError(name: InputName, problem: string, fix: string): InputError {
  return new InputError('usage', `input '${name}' ${problem}`, { fix: `in the step's \`with:\`, ${fix}` });
}

function oneOf<T extends string>(name: InputName, value: string, allowed: readonly T[], fallback: T): T {
  if (value === '') return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw inputError(name, `must be one of ${allowed.join(', ')}, not '${value}'`, `set ${name}: ${allowed.join('|')}`);
}

/** YAML 1.2 core-schema booleans, as core.getBooleanInput accepts them. */
function flag(name: InputName, value: string, fallback: boolean): boolean {
  if (value === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw inputError(name, `must be true or false, not '${value}'`, `set ${name}: true or ${name}: false`);
}

/** `~` and `~/x` mean the runner user's home, as they would in a shell step. */
function expandHome(path: string, env: Env): string {
  const home = env.HOME || homedir();
  if (path === '~') return home;
  return path.startsWith('~/') ? join(home, path.slice(2)) : path;
}

function absolute(path: string, base: string, env: Env): string {
  const expanded = expandHome(path, env);
  return isAbsolute(expanded) ? resolve(expanded) : resolve(base, expanded);
}

function cacheKeyPrefix(value: string): string {
  const prefix = value === '' ? DEFAULT_CACHE_KEY_PREFIX : value;
  // The cache service rejects commas in keys and keys over 512 characters; the hash and platform need ~90 of them.
  if (prefix.includes(',') || /\s/.test(prefix) || prefix.length > 400) {
    throw inputError(
      'cache-key-prefix',
      `must be at most 400 characters without commas or spaces, not '${prefix}'`,
      `set cache-key-prefix: ${DEFAULT_CACHE_KEY_PREFIX} (or another short word)`,
    );
  }
  return prefix;
}

/** The host of the GitHub server the workflow runs on: the only host the token may be sent to. */
export function tokenHost(env: Env): string {
  const server = env.GITHUB_SERVER_URL;
  if (!server) return 'github.com';
  try {
    return new URL(server).host || 'github.com';
  } catch {
    return 'github.com';
  }
}

function profileLines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** Reads and validates every input; throws InputError naming the input, what is wrong and the fix. */
export async function readActionInputs(read: InputReader, env: Env, cwd: string): Promise<ActionInputs> {
  const command = oneOf('command', read('command'), ACTION_COMMANDS, 'verify');
  const runnerWorkspace = env.GITHUB_WORKSPACE || cwd;
  const workspace = read('workspace') ? absolute(read('workspace'), runnerWorkspace, env) : resolve(runnerWorkspace);
  const homeInput = read('amplifier-home') || env.AMPLIFIER_HOME || '';
  const home = homeInput ? absolute(homeInput, workspace, env) : join(env.HOME || homedir(), '.amplifier');
  const python = read('python') ? absolute(read('python'), workspace, env) : null;
  const installer = oneOf('installer', read('installer'), INSTALLERS, 'auto');
  const cache = flag('cache', read('cache'), true);
  const prefix = cacheKeyPrefix(read('cache-key-prefix'));
  const offline = flag('offline', read('offline'), false);
  const session = flag('session', read('session'), false);
  const importCheck = flag('import-check', read('import-check'), false);
  const tokenValue = read('github-token');
  const token = tokenValue ? { host: tokenHost(env), value: tokenValue } : null;
  const profiles = await expandProfilePatterns(profileLines(read('profile')), workspace);
  return {
    command,
    profiles,
    workspace,
    home,
    python,
    installer,
    cache,
    cacheKeyPrefix: prefix,
    offline,
    session,
    importCheck,
    token,
  };
}

/** The pipeline's options for these inputs; the action has no namespaces, strict mode, doctor or prune. */
export function toPipelineOptions(inputs: ActionInputs): PipelineOptions {
  return {
    command: inputs.command,
    profiles: inputs.profiles,
    workspace: inputs.workspace,
    namespaces: [],
    strict: false,
    home: inputs.home,
    python: inputs.python,
    installer: inputs.installer,
    installerArgs: [],
    install: true,
    fix: false,
    dryRun: false,
    offline: inputs.offline,
    session: inputs.session,
    importCheck: inputs.importCheck,
    token: inputs.token,
    cacheKeyPrefix: inputs.cacheKeyPrefix,
    cache: inputs.cache,
  };
}
