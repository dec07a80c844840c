/**
 * The step's `with:` inputs, read once into a typed, validated object and mapped to PipelineOptions.
 * Reading goes through a function (core.getInput in the action, a map in tests) and the environment is passed in.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import type { ModuleCommand } from '../model.js';
import { absolutePath, interpreterPath, toPipelineOptions as normalisedOptions } from '../normalise-options.js';
import {
  DEFAULT_CACHE_KEY_PREFIX,
  defaultOptionValues,
  OPTION_KEYS,
  type OPTION_TABLE,
  type OptionKey,
  type OptionValues,
  optionSpec,
} from '../options/option-table.js';
import type { CacheMode, InstallerChoice, PipelineOptions } from '../pipeline-options.js';
import type { Env } from '../ports.js';
import { expandProfilePatterns } from './profile-patterns.js';

/** The action's inputs: `command`, then every option of the table that has an input. */
export type InputName = 'command' | NonNullable<(typeof OPTION_TABLE)[OptionKey]['input']>;
export const INPUT_NAMES: readonly InputName[] = [
  'command',
  ...OPTION_KEYS.flatMap((key) => (optionSpec(key).input as InputName | null) ?? []),
];

/** Returns the input's value, trimmed, or '' when not given (what core.getInput does). */
export type InputReader = (name: InputName) => string;

/** The commands the action runs (the module pipeline's), in the order its messages list them. */
export const ACTION_COMMANDS: readonly ModuleCommand[] = ['verify', 'install', 'warm', 'resolve'];

export { DEFAULT_CACHE_KEY_PREFIX };

export interface ActionInputs {
  readonly command: ModuleCommand;
  /** Absolute profile files; empty means auto-detect under <workspace>/.amplifier/. */
  readonly profiles: readonly string[];
  readonly workspace: string;
  readonly home: string;
  readonly python: string | null;
  readonly installer: InstallerChoice;
  readonly cache: boolean;
  readonly cacheKeyPrefix: string;
  /** From restore-only, save-only and lookup-only (at most one of them). */
  readonly cacheMode: CacheMode;
  readonly failOnCacheMiss: boolean;
  readonly offline: boolean;
  /** Verify what the Amplifier CLI loads for a session (the CLI's `--session`). */
  readonly session: boolean;
  /** Skipped includes and warnings fail the step. */
  readonly strict: boolean;
  readonly importCheck: boolean;
  /** The token and the only host it is sent to (the GitHub server this workflow runs on). */
  readonly token: { readonly host: string; readonly value: string } | null;
  /** `lock-file`: a lock makes the run `--frozen`; by default the one beside the declarations, when present. */
  readonly lock: Pick<PipelineOptions, 'frozen' | 'lockFile' | 'lockIfPresent'>;
}

/** '' = the default lock when it exists; `none` = no lock; a path = that lock, required. */
function lockInput(value: string, workspace: string, env: Env): ActionInputs['lock'] {
  if (value === '') return { frozen: false, lockFile: null, lockIfPresent: true };
  if (value === 'none') return { frozen: false, lockFile: null, lockIfPresent: false };
  return { frozen: true, lockFile: absolutePath(value, workspace, env), lockIfPresent: false };
}

function inputError(name: InputName, problem: string, fix: string): InputError {
  return new InputError('usage', `input '${name}' ${problem}`, { fix: `in the step's \`with:\`, ${fix}` });
}

function actionCommand(value: string): ModuleCommand {
  if (value === '') return 'verify';
  if ((ACTION_COMMANDS as readonly string[]).includes(value)) return value as ModuleCommand;
  const allowed = ACTION_COMMANDS.join('|');
  throw inputError(
    'command',
    `must be one of ${ACTION_COMMANDS.join(', ')}, not '${value}'`,
    `set command: ${allowed}`,
  );
}

/** YAML 1.2 core-schema booleans, as core.getBooleanInput accepts them. */
function flag(name: InputName, value: string, fallback: boolean): boolean {
  if (value === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw inputError(name, `must be true or false, not '${value}'`, `set ${name}: true or ${name}: false`);
}

/** One input read through its table entry: '' is the default, anything else must pass the entry's check. */
function input<
  K extends
    | 'installer'
    | 'cacheKeyPrefix'
    | 'offline'
    | 'session'
    | 'strict'
    | 'importCheck'
    | 'cache'
    | 'restoreOnly'
    | 'saveOnly'
    | 'lookupOnly'
    | 'failOnCacheMiss',
>(key: K, reader: InputReader): OptionValues[K] {
  const spec = optionSpec(key);
  const name = (spec.input ?? key) as InputName;
  const raw = reader(name);
  if (spec.kind === 'boolean') return flag(name, raw, spec.default) as OptionValues[K];
  if (spec.kind !== 'text' || raw === '') return (spec.kind === 'text' ? spec.default : []) as OptionValues[K];
  const checked = spec.check(raw);
  if (!checked.ok) throw inputError(name, checked.error.problem, `set ${name}: ${checked.error.example}`);
  return checked.value as OptionValues[K];
}

const MODE_INPUTS = [
  ['restoreOnly', 'restore-only'],
  ['saveOnly', 'save-only'],
  ['lookupOnly', 'lookup-only'],
] as const;

/** The cache mode the flags ask for; they follow actions/cache and exclude each other. */
function cacheModeOf(read: InputReader, command: ModuleCommand, cache: boolean, failOnMiss: boolean): CacheMode {
  const set = MODE_INPUTS.filter(([key]) => input(key, read)).map(([, name]) => name);
  const [mode, second] = set;
  if (mode && second) {
    throw inputError(mode, `cannot be combined with ${second}`, `keep only one of ${set.join(', ')}`);
  }
  if (mode === 'lookup-only' && command !== 'warm') {
    throw inputError(
      'lookup-only',
      `needs command: warm, not ${command} (a ${command} needs the clones, which lookup-only does not download)`,
      'set command: warm, or remove lookup-only',
    );
  }
  if (failOnMiss && (!cache || mode === 'save-only')) {
    throw inputError(
      'fail-on-cache-miss',
      `has nothing to check when ${cache ? 'save-only is true' : 'cache is false'}`,
      'remove fail-on-cache-miss, or restore from the cache',
    );
  }
  return mode ?? 'read-write';
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
  const command = actionCommand(read('command'));
  const runnerWorkspace = env.GITHUB_WORKSPACE || cwd;
  const workspace = read('workspace')
    ? absolutePath(read('workspace'), runnerWorkspace, env)
    : resolve(runnerWorkspace);
  const homeInput = read('amplifier-home') || env.AMPLIFIER_HOME || '';
  const home = homeInput ? absolutePath(homeInput, workspace, env) : join(env.HOME || homedir(), '.amplifier');
  const python = interpreterPath(read('python'), workspace, env);
  const installer = input('installer', read);
  const cache = input('cache', read);
  const prefix = input('cacheKeyPrefix', read);
  const failOnCacheMiss = input('failOnCacheMiss', read);
  const cacheMode = cacheModeOf(read, command, cache, failOnCacheMiss);
  const offline = input('offline', read);
  const session = input('session', read);
  const strict = input('strict', read);
  const importCheck = input('importCheck', read);
  const tokenValue = read('github-token');
  const token = tokenValue ? { host: tokenHost(env), value: tokenValue } : null;
  const profiles = await expandProfilePatterns(profileLines(read('profile')), workspace);
  const lock = lockInput(read('lock-file'), workspace, env);
  return {
    command,
    profiles,
    workspace,
    home,
    python,
    installer,
    cache,
    cacheKeyPrefix: prefix,
    cacheMode,
    failOnCacheMiss,
    offline,
    session,
    strict,
    importCheck,
    token,
    lock,
  };
}

/**
 * The pipeline's options for these inputs, through the one normaliser (src/normalise-options.ts); what the
 * action has no input for keeps the table's default. Relative paths were taken from the workspace when read.
 */
export function toPipelineOptions(inputs: ActionInputs): PipelineOptions {
  const values: OptionValues = {
    ...defaultOptionValues(),
    profiles: inputs.profiles,
    workspace: inputs.workspace,
    strict: inputs.strict,
    home: inputs.home,
    python: inputs.python,
    installer: inputs.installer,
    offline: inputs.offline,
    session: inputs.session,
    importCheck: inputs.importCheck,
    token: inputs.token?.value ?? null,
    frozen: inputs.lock.frozen ?? false,
    lockFile: inputs.lock.lockFile ?? null,
    cache: inputs.cache,
    cacheKeyPrefix: inputs.cacheKeyPrefix,
    restoreOnly: inputs.cacheMode === 'restore-only',
    saveOnly: inputs.cacheMode === 'save-only',
    lookupOnly: inputs.cacheMode === 'lookup-only',
    failOnCacheMiss: inputs.failOnCacheMiss,
  };
  return normalisedOptions(inputs.command, values, {
    base: inputs.workspace,
    env: {},
    tokenHost: inputs.token?.host,
    ciCache: true,
    lockIfPresent: inputs.lock.lockIfPresent,
  });
}
