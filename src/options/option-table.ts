/**
 * The one declaration of every option: its CLI flag, its action input, its default, its check and the commands it
 * applies to. The CLI's parser and help and the action's input reader are built from this table; a new option is
 * one entry here (plus its line in action.yml when the action offers it, which a test compares).
 */
import { MODULE_COMMANDS } from '../model.js';
import {
  type AnyOption,
  accept,
  anyText,
  booleanOption,
  type Checked,
  COMMANDS,
  type CommandName,
  listOption,
  namespaceMapping,
  type OptionValue,
  oneOf,
  optionalText,
  reject,
  textOption,
} from './option-kinds.js';
import { OUTPUT_OPTIONS } from './output-options.js';
import { PRUNE_OPTIONS } from './prune-options.js';

const FETCHING_COMMANDS = ['warm', 'install', 'verify'] as const satisfies readonly CommandName[];
const INSTALLING_COMMANDS = ['install', 'verify', 'doctor'] as const satisfies readonly CommandName[];

/** The installer choices (stages/install/installer-choice.ts names the same three); the table stays below every stage. */
export const INSTALLERS = ['auto', 'uv', 'pip'] as const;
export type { ColorChoice, OutputFormat } from './output-options.js';
export const DEFAULT_CACHE_KEY_PREFIX = 'amplifier-modules';
/** The lock file's name beside the declarations (lock/lock-file.ts re-exports it): the table stays below every stage. */
export const DEFAULT_LOCK_FILE_NAME = 'amplifier-modules.lock';

/** The cache service rejects commas in keys and keys over 512 characters; the hash and platform need ~90 of them. */
function cacheKeyPrefix(raw: string): Checked<string> {
  if (raw.includes(',') || /\s/.test(raw) || raw.length > 400 || raw === '') {
    return reject(
      `must be at most 400 characters without commas or spaces, not '${raw}'`,
      `${DEFAULT_CACHE_KEY_PREFIX} (or another short word)`,
    );
  }
  return accept(raw);
}

export const OPTION_TABLE = {
  profiles: listOption({
    flag: 'profile',
    short: 'p',
    input: 'profile',
    valueName: 'PATH',
    commands: COMMANDS,
    help: 'a profile or bundle file; repeatable (default: auto-detect under <workspace>/.amplifier/)',
    check: anyText,
  }),
  workspace: textOption({
    flag: 'workspace',
    short: 'w',
    input: 'workspace',
    valueName: 'DIR',
    default: null,
    commands: COMMANDS,
    help: 'project root holding .amplifier/ (default: the current directory)',
    check: optionalText,
  }),
  namespaces: listOption({
    flag: 'namespace',
    input: null,
    valueName: 'N=DIR',
    commands: COMMANDS,
    help: 'map a bundle namespace or profile collection N to a local directory; repeatable',
    check: namespaceMapping,
  }),
  strict: booleanOption({
    flag: 'strict',
    input: 'strict',
    default: false,
    commands: [...MODULE_COMMANDS, 'lock', 'doctor'],
    help: 'unresolvable includes and warnings fail the run',
  }),
  home: textOption({
    flag: 'home',
    input: 'amplifier-home',
    valueName: 'DIR',
    default: null,
    commands: COMMANDS,
    help: 'Amplifier home (default: $AMPLIFIER_HOME or ~/.amplifier); module cache is <home>/cache',
    check: optionalText,
  }),
  python: textOption({
    flag: 'python',
    input: 'python',
    valueName: 'PATH',
    default: null,
    commands: COMMANDS,
    help: 'interpreter of the target environment (default: $VIRTUAL_ENV, <workspace>/.venv, python3)',
    check: optionalText,
  }),
  installer: textOption({
    flag: 'installer',
    input: 'installer',
    valueName: INSTALLERS.join('|'),
    default: 'auto',
    commands: INSTALLING_COMMANDS,
    help: 'installer for the editable installs (default: auto, uv when on PATH, else pip)',
    check: oneOf(INSTALLERS),
  }),
  installerArgs: listOption({
    flag: 'installer-arg',
    input: null,
    valueName: 'ARG',
    commands: INSTALLING_COMMANDS,
    help: 'extra argument for the installer; repeatable (write --installer-arg=--flag)',
    check: anyText,
  }),
  install: booleanOption({
    flag: 'no-install',
    input: null,
    default: true,
    commands: ['verify'],
    help: 'audit the environment as it is, without installing first',
  }),
  reinstall: booleanOption({
    flag: 'reinstall',
    input: null,
    default: false,
    commands: ['install', 'verify'],
    help: 'reinstall every module (default: only new, moved, broken or changed ones)',
  }),
  fix: booleanOption({
    flag: 'fix',
    input: null,
    default: false,
    commands: ['doctor'],
    help: 'reinstall dangling editables; drop stale Amplifier install-state entries',
  }),
  dryRun: booleanOption({
    flag: 'dry-run',
    input: null,
    default: false,
    commands: ['install', 'prune'],
    help: 'install: say what would be installed and why, install nothing; prune: only list what would be quarantined or deleted',
  }),
  ...PRUNE_OPTIONS,
  offline: booleanOption({
    flag: 'offline',
    input: 'offline',
    default: false,
    // resolve never fetches; it takes the flag so one command line works for resolve and warm alike.
    commands: MODULE_COMMANDS,
    help: 'no network: a module not already in the cache is an error',
  }),
  session: booleanOption({
    flag: 'session',
    input: 'session',
    default: false,
    commands: [...MODULE_COMMANDS, 'lock', 'doctor'],
    help: 'what the Amplifier CLI loads for a session: the bundle plus the behaviors, app bundles and settings providers it adds, in its order',
  }),
  importCheck: booleanOption({
    flag: 'import',
    input: 'import-check',
    default: false,
    commands: ['verify', 'doctor'],
    help: 'also import each module in an isolated interpreter',
  }),
  cache: booleanOption({
    flag: null,
    input: 'cache',
    default: true,
    commands: FETCHING_COMMANDS,
    help: 'restore the module cache from the CI cache and save it in the post step',
  }),
  cacheKeyPrefix: textOption({
    flag: null,
    input: 'cache-key-prefix',
    valueName: 'PREFIX',
    default: DEFAULT_CACHE_KEY_PREFIX,
    commands: FETCHING_COMMANDS,
    help: 'first part of the CI cache key',
    check: cacheKeyPrefix,
  }),
  restoreOnly: booleanOption({
    flag: null,
    input: 'restore-only',
    default: false,
    commands: FETCHING_COMMANDS,
    help: 'restore the module cache but never save it (pull-request jobs)',
  }),
  saveOnly: booleanOption({
    flag: null,
    input: 'save-only',
    default: false,
    commands: FETCHING_COMMANDS,
    help: 'never restore; fetch from git and save the module cache in the post step',
  }),
  lookupOnly: booleanOption({
    flag: null,
    input: 'lookup-only',
    default: false,
    commands: ['warm'],
    help: 'only check whether a cache entry exists for the pinned set, without downloading it',
  }),
  failOnCacheMiss: booleanOption({
    flag: null,
    input: 'fail-on-cache-miss',
    default: false,
    commands: FETCHING_COMMANDS,
    help: 'fail the step when no cache entry matches the key exactly',
  }),
  token: textOption({
    flag: null,
    input: 'github-token',
    valueName: 'TOKEN',
    default: null,
    // lock pins private repositories too (the library passes the token; the action does not run lock).
    commands: [...FETCHING_COMMANDS, 'lock'],
    help: 'token for private module repositories, sent only to the GitHub server the workflow runs on',
    check: optionalText,
  }),
  locked: booleanOption({
    flag: 'locked',
    input: null,
    default: false,
    commands: MODULE_COMMANDS,
    help: 'fail (exit 1) when the resolution differs from the lock file; use its commits (no ls-remote for them)',
  }),
  frozen: booleanOption({
    flag: 'frozen',
    input: null,
    default: false,
    commands: MODULE_COMMANDS,
    help: '--locked, and never ask a remote for a ref (no git ls-remote): pins come from the lock file only',
  }),
  lockFile: textOption({
    flag: 'lock-file',
    input: 'lock-file',
    valueName: 'PATH',
    default: null,
    commands: [...MODULE_COMMANDS, 'lock'],
    help: `the lock file (default: ${DEFAULT_LOCK_FILE_NAME} beside the first profile or bundle)`,
    check: optionalText,
  }),
  update: booleanOption({
    flag: 'update',
    input: null,
    default: false,
    commands: ['lock'],
    help: 're-pin every git source (or only the MODULE ids given) instead of keeping the locked commits',
  }),
  ...OUTPUT_OPTIONS,
} as const satisfies Record<string, AnyOption>;

export type OptionKey = keyof typeof OPTION_TABLE;
export type OptionValues = { readonly [K in OptionKey]: OptionValue<(typeof OPTION_TABLE)[K]> };

export const OPTION_KEYS = Object.keys(OPTION_TABLE) as OptionKey[];

/** The table entry for a key, widened to the union every front end switches on. */
export function optionSpec(key: OptionKey): AnyOption {
  return OPTION_TABLE[key];
}

/** Every option's default: what a caller gets for an option it does not give. */
export function defaultOptionValues(): OptionValues {
  const entries = OPTION_KEYS.map((key) => {
    const spec = optionSpec(key);
    return [key, spec.kind === 'list' ? [] : spec.default] as const;
  });
  return Object.fromEntries(entries) as OptionValues;
}

export { COMMANDS, type CommandName };

/** The options that mean something to `command`, as a type: what the library's option types per command are made of. */
export type OptionKeyFor<C extends CommandName> = {
  [K in OptionKey]: C extends (typeof OPTION_TABLE)[K]['commands'][number] ? K : never;
}[OptionKey];
