/**
 * The one option normaliser. Every front end reads its own form (the CLI's argv, the action's inputs, a library
 * caller's object) into the option table's keys, in raw form (a boolean, a string, a list of strings), and says how it
 * names an option in a message. The rules live here, the same for all three:
 *  - a key the front end does not offer is refused, naming the closest one it does offer;
 *  - a key the command does not take is refused, naming the commands that take it;
 *  - a value is checked by its table entry (`installer: 'conda'` is refused by the CLI, the action and the library);
 *  - every relative path is taken from one base: the working directory for the CLI and the library, the workspace
 *    for the action (its inputs are documented relative to it).
 * Pure: the environment comes in as a value.
 */
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { InputError } from './errors.js';
import { closestName } from './options/closest-name.js';
import {
  type CommandName,
  defaultOptionValues,
  type OptionKey,
  type OptionValues,
  optionSpec,
} from './options/option-table.js';
import type { CacheMode, PipelineOptions } from './pipeline-options.js';
import type { Env } from './ports.js';

/** What a front end hands over, by option key, before any check: a boolean, a string, or a list of strings. */
export type GivenOptions = Readonly<Record<string, unknown>>;

/** How one front end names its options in messages, and which ones it offers. */
export interface FrontEndWording {
  /** The keys this front end offers; any other key is unknown to it. */
  readonly offered: readonly OptionKey[];
  /** `--installer`, `input 'installer'`, `option 'installer'`. */
  readonly label: (key: OptionKey) => string;
  /** How to give a good value: `pass --installer auto|uv|pip`. */
  readonly fixValue: (key: OptionKey, example: string) => string;
  /** How to drop an option: `drop --fix`. */
  readonly fixDrop: (key: OptionKey) => string;
  /** Said after the list of commands an option applies to (`run amplifier-modules help resolve ...`). */
  readonly commandsHint?: ((command: CommandName) => string) | undefined;
}

function optionError(code: 'invalid-option' | 'usage', message: string, fix: string): InputError {
  return new InputError(code, message, { fix });
}

function refuseUnknown(key: string, wording: FrontEndWording): never {
  const suggestion = closestName(key, wording.offered) as OptionKey | null;
  const label = suggestion ? wording.label(suggestion) : null;
  const known = wording.offered.join(', ');
  throw new InputError('unknown-option', `unknown option '${key}'${label ? `; did you mean ${label}?` : ''}`, {
    fix: label ? `write ${label} instead of '${key}'` : `use one of: ${known}`,
    suggestion: suggestion ?? undefined,
  });
}

function refuseForeign(command: CommandName, key: OptionKey, wording: FrontEndWording): never {
  const commands = optionSpec(key).commands.join(', ');
  const hint = wording.commandsHint ? ` (${wording.commandsHint(command)})` : '';
  throw optionError(
    'usage',
    `${wording.label(key)} does not apply to ${command}`,
    `${wording.fixDrop(key)}; it applies to: ${commands}${hint}`,
  );
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return typeof value === 'string' ? `'${value}'` : `${typeof value} ${String(value)}`;
}

/** One raw value checked by its table entry; throws the front end's wording of the problem. */
function checkValue(key: OptionKey, raw: unknown, wording: FrontEndWording): unknown {
  const spec = optionSpec(key);
  const label = wording.label(key);
  const wrongType = (expected: string, example: string): never => {
    throw optionError(
      'invalid-option',
      `${label} must be ${expected}, not ${describe(raw)}`,
      wording.fixValue(key, example),
    );
  };
  if (spec.kind === 'boolean') return typeof raw === 'boolean' ? raw : wrongType('true or false', 'true');
  const checkText = (text: unknown): unknown => {
    if (typeof text !== 'string') return wrongType(`a string (${spec.valueName})`, spec.valueName);
    const checked = spec.check(text);
    if (!checked.ok)
      throw optionError(
        'invalid-option',
        `${label} ${checked.error.problem}`,
        wording.fixValue(key, checked.error.example),
      );
    return checked.value;
  };
  if (spec.kind === 'list') {
    if (!Array.isArray(raw)) return wrongType(`a list of ${spec.valueName}`, spec.valueName);
    return raw.map(checkText);
  }
  // A text option whose default is "not given" takes null (or undefined) for the default.
  if (raw === null && spec.default === null) return null;
  return checkText(raw);
}

/**
 * Given options -> every option's checked value, the table's default for what was not given. Keys whose value is
 * `undefined` count as not given (a caller spreading an optional value).
 */
export function checkOptions(command: CommandName, given: GivenOptions, wording: FrontEndWording): OptionValues {
  const values: Record<string, unknown> = { ...defaultOptionValues() };
  for (const [key, raw] of Object.entries(given)) {
    if (!(wording.offered as readonly string[]).includes(key)) refuseUnknown(key, wording);
    if (raw === undefined) continue;
    const optionKey = key as OptionKey;
    if (!optionSpec(optionKey).commands.includes(command)) refuseForeign(command, optionKey, wording);
    values[optionKey] = checkValue(optionKey, raw, wording);
  }
  return values as OptionValues;
}

/** `~` and `~/x` mean the user's home, as in a shell (the action's inputs are not expanded by a shell). */
function expandHome(path: string, env: Env): string {
  const home = env.HOME || homedir();
  if (path === '~') return home;
  return path.startsWith('~/') ? join(home, path.slice(2)) : path;
}

/** A path made absolute against the base. */
export function absolutePath(path: string, base: string, env: Env): string {
  const expanded = expandHome(path, env);
  return isAbsolute(expanded) ? resolve(expanded) : resolve(base, expanded);
}

/** `python`: a path is made absolute; a bare name (`python3`) stays a name, looked up on PATH as a shell would. */
export function interpreterPath(value: string | null, base: string, env: Env): string | null {
  if (!value) return null;
  return value.includes('/') || value.includes('\\') ? absolutePath(value, base, env) : value;
}

export interface NormaliseContext {
  /** Base of every relative path: the CLI's and the library's working directory, the action's workspace. */
  readonly base: string;
  /** For $AMPLIFIER_HOME and HOME. */
  readonly env: Env;
  /** `lock --update MODULE...`. */
  readonly moduleIds?: readonly string[] | undefined;
  /** The only host a token is sent to (the action: the server the workflow runs on). */
  readonly tokenHost?: string | undefined;
  /** Whether this front end has a CI cache service (only the action does); without one `cache` is off. */
  readonly ciCache?: boolean | undefined;
  /** The action's default lock: `--frozen` with the lock beside the declarations, only when it exists. */
  readonly lockIfPresent?: boolean | undefined;
}

function cacheModeOf(values: OptionValues): CacheMode {
  if (values.restoreOnly) return 'restore-only';
  if (values.saveOnly) return 'save-only';
  if (values.lookupOnly) return 'lookup-only';
  return 'read-write';
}

/** Checked values -> the options a run takes: paths absolute against the one base, home from the environment. */
export function toPipelineOptions(
  command: CommandName,
  values: OptionValues,
  context: NormaliseContext,
): PipelineOptions {
  const { base, env } = context;
  const path = (value: string): string => absolutePath(value, base, env);
  const homeGiven = values.home ?? env.AMPLIFIER_HOME ?? '';
  return {
    command,
    profiles: values.profiles.map(path),
    workspace: path(values.workspace ?? '.'),
    namespaces: values.namespaces.map((n) => ({ name: n.name, dir: path(n.dir) })),
    strict: values.strict,
    home: homeGiven ? path(homeGiven) : join(env.HOME || homedir(), '.amplifier'),
    python: interpreterPath(values.python, base, env),
    installer: values.installer,
    installerArgs: values.installerArgs,
    install: values.install,
    reinstall: values.reinstall,
    fix: values.fix,
    dryRun: values.dryRun,
    retentionDays: values.retentionDays,
    purge: values.purge,
    pruneIncludes: values.pruneIncludes,
    offline: values.offline,
    importCheck: values.importCheck,
    session: values.session,
    token: values.token ? { host: context.tokenHost ?? 'github.com', value: values.token } : null,
    locked: values.locked,
    frozen: values.frozen,
    lockFile: values.lockFile ? path(values.lockFile) : null,
    lockIfPresent: context.lockIfPresent ?? false,
    update: values.update,
    moduleIds: context.moduleIds ?? [],
    cacheKeyPrefix: values.cacheKeyPrefix,
    cache: context.ciCache === true && values.cache,
    cacheMode: cacheModeOf(values),
    // The action's fail-on-cache-miss: the warm stage asks for an entry before any git call and stops on a miss.
    failOnCacheMiss: context.ciCache === true && values.failOnCacheMiss,
  };
}
