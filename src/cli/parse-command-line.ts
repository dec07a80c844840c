/**
 * argv -> CliOptions, built from the option table: the flags parseArgs knows, their checks and defaults, and which
 * commands accept them all come from src/options/option-table.ts. Pure: no file system, no environment.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { InputError } from '../errors.js';
import { checkOptions, type FrontEndWording, type GivenOptions } from '../normalise-options.js';
import { closestName } from '../options/closest-name.js';
import {
  COMMANDS,
  type CommandName,
  OPTION_KEYS,
  type OPTION_TABLE,
  type OptionKey,
  type OptionValues,
  optionSpec,
} from '../options/option-table.js';
import { SHELLS, type Shell } from './completion.js';
import { parserError } from './parse-errors.js';
import { rejectUnknownLongFlags } from './unknown-flag.js';

export type { OutputFormat } from '../options/option-table.js';
export { COMMANDS, type CommandName };

/** The options that have a CLI flag (the others belong to the action only). */
export type CliOptionKey = {
  [K in OptionKey]: (typeof OPTION_TABLE)[K]['flag'] extends string ? K : never;
}[OptionKey];

/** What the command line asked for: every option's checked value (the table's default where no flag was given). */
export type CliOptions = {
  readonly command: CommandName;
  /** `lock --update MODULE...`: the module ids named on the command line. */
  readonly moduleIds: readonly string[];
} & Pick<OptionValues, CliOptionKey>;

export type ParsedCommandLine =
  | { readonly kind: 'help'; readonly command: CommandName | null }
  | { readonly kind: 'version' }
  | { readonly kind: 'completion'; readonly shell: Shell }
  | { readonly kind: 'run'; readonly options: CliOptions };

type Flags = NonNullable<ParseArgsConfig['options']>;
type FlagValue = string | boolean | (string | boolean)[] | undefined;

export const CLI_OPTION_KEYS = OPTION_KEYS.filter((key): key is CliOptionKey => optionSpec(key).flag !== null);

function helpFor(command: CommandName | null): string {
  return command ? `run \`amplifier-modules help ${command}\` for its options` : FIX_USAGE;
}

const FIX_USAGE = 'run `amplifier-modules --help` for the commands and options';

function flagsOf(): Flags {
  const flags: Flags = {
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean', short: 'V' },
  };
  for (const key of CLI_OPTION_KEYS) {
    const spec = optionSpec(key);
    if (spec.flag === null) continue;
    flags[spec.flag] = {
      type: spec.kind === 'boolean' ? 'boolean' : 'string',
      multiple: spec.kind === 'list',
      ...(spec.short ? { short: spec.short } : {}),
    };
  }
  return flags;
}

/** How the CLI words an option in the normaliser's messages: by its flag. */
const CLI_WORDING: FrontEndWording = {
  offered: CLI_OPTION_KEYS,
  label: (key) => `--${optionSpec(key).flag ?? key}`,
  fixValue: (key, example) => `pass --${optionSpec(key).flag ?? key} ${example}`,
  fixDrop: (key) => `drop --${optionSpec(key).flag ?? key}`,
  commandsHint: helpFor,
};

/** The flags parseArgs saw, by option key, raw: a boolean flag flips its default (`--no-install`: install false). */
function givenFlags(values: Record<string, FlagValue>): GivenOptions {
  const given: Record<string, unknown> = {};
  for (const key of CLI_OPTION_KEYS) {
    const spec = optionSpec(key);
    const raw = values[spec.flag ?? key];
    if (raw === undefined) continue;
    if (spec.kind === 'boolean') given[key] = !spec.default;
    else if (spec.kind === 'list') given[key] = (Array.isArray(raw) ? raw : [raw]).map(String);
    else given[key] = String(Array.isArray(raw) ? raw[raw.length - 1] : raw);
  }
  return given;
}

function commandOf(word: string | undefined): CommandName | null {
  if (word === undefined) return null;
  if ((COMMANDS as readonly string[]).includes(word)) return word as CommandName;
  const suggestion = closestName(word, COMMANDS);
  throw new InputError(
    'unknown-command',
    `unknown command '${word}'${suggestion ? `; did you mean '${suggestion}'?` : ''}`,
    {
      fix: `use one of: ${COMMANDS.join(', ')}`,
      suggestion: suggestion ?? undefined,
    },
  );
}

function shellOf(words: readonly string[]): Shell {
  const [shell, more] = words;
  if (more !== undefined || !(SHELLS as readonly (string | undefined)[]).includes(shell)) {
    throw new InputError(
      'usage',
      shell === undefined ? 'completion needs a shell' : `no completion for '${words.join(' ')}'`,
      {
        fix: `run amplifier-modules completion ${SHELLS.join('|')}`,
      },
    );
  }
  return shell as Shell;
}

/** Parses argv (without node and the script). */
export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
  let parsed: { values: Record<string, FlagValue>; positionals: string[] };
  const flags = flagsOf();
  rejectUnknownLongFlags(
    argv,
    new Map(Object.entries(flags).map(([name, flag]) => [name, flag.type === 'string'])),
    FIX_USAGE,
  );
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: flags });
  } catch (error) {
    throw parserError(error, argv, CLI_OPTION_KEYS, FIX_USAGE);
  }
  const { values, positionals } = parsed;
  if (values.version) return { kind: 'version' };
  const [commandWord, ...extra] = positionals;
  if (commandWord === 'completion') return { kind: 'completion', shell: shellOf(extra) };
  if (commandWord === 'help') {
    if (extra.length > 1) throw new InputError('usage', `unexpected argument '${extra[1]}'`, { fix: FIX_USAGE });
    return { kind: 'help', command: commandOf(extra[0]) };
  }
  const command = commandOf(commandWord);
  if (values.help || command === null) return { kind: 'help', command };
  if (extra.length > 0 && command !== 'lock') {
    throw new InputError('usage', `unexpected argument '${extra[0]}'`, {
      fix: 'give profile files with --profile FILE (repeatable)',
    });
  }
  if (extra.length > 0 && values.update !== true) {
    throw new InputError('usage', `module ids (${extra.join(', ')}) select what --update re-pins`, {
      fix: `run amplifier-modules lock --update ${extra.join(' ')} (or drop the ids to lock everything)`,
    });
  }
  const checked = checkOptions(command, givenFlags(values), CLI_WORDING);
  if (checked.quiet && checked.verbose) {
    throw new InputError('usage', '--quiet and --verbose ask for opposite things', { fix: 'keep one of them' });
  }
  const options: Record<string, unknown> = { command, moduleIds: extra };
  for (const key of CLI_OPTION_KEYS) options[key] = checked[key];
  return { kind: 'run', options: options as CliOptions };
}
