/**
 * argv -> CliOptions, built from the option table: the flags parseArgs knows, their checks and defaults, and which
 * commands accept them all come from src/options/option-table.ts. Pure: no file system, no environment.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { InputError } from '../errors.js';
import type { OptionProblem } from '../options/option-kinds.js';
import {
  COMMANDS,
  type CommandName,
  OPTION_KEYS,
  type OPTION_TABLE,
  type OptionKey,
  type OptionValues,
  optionSpec,
} from '../options/option-table.js';
import { rejectUnknownLongFlags } from './unknown-flag.js';

export type { OutputFormat } from '../options/option-table.js';
export { COMMANDS, type CommandName };

/** The options that have a CLI flag (the others belong to the action only). */
export type CliOptionKey = {
  [K in OptionKey]: (typeof OPTION_TABLE)[K]['flag'] extends string ? K : never;
}[OptionKey];

export type CliOptions = {
  readonly command: CommandName;
  /** `lock --update MODULE...`: the module ids named on the command line. */
  readonly moduleIds: readonly string[];
} & Pick<OptionValues, CliOptionKey>;

export type ParsedCommandLine =
  | { readonly kind: 'help'; readonly command: CommandName | null }
  | { readonly kind: 'version' }
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

function usage(flag: string, error: OptionProblem): InputError {
  return new InputError('usage', `--${flag} ${error.problem}`, { fix: `pass --${flag} ${error.example}` });
}

/** One option's value from what parseArgs saw, checked; the default when the flag was not given. */
function flagValue(key: CliOptionKey, raw: FlagValue): unknown {
  const spec = optionSpec(key);
  const flag = spec.flag ?? key;
  if (spec.kind === 'boolean') return raw === true ? !spec.default : spec.default;
  const texts = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(String);
  const checked = texts.map((text) => {
    const result = spec.check(text);
    if (!result.ok) throw usage(flag, result.error);
    return result.value;
  });
  if (spec.kind === 'list') return checked;
  return checked.length > 0 ? checked[checked.length - 1] : spec.default;
}

function commandOf(word: string | undefined): CommandName | null {
  if (word === undefined) return null;
  if ((COMMANDS as readonly string[]).includes(word)) return word as CommandName;
  throw new InputError('usage', `unknown command '${word}'`, { fix: `use one of: ${COMMANDS.join(', ')}` });
}

/** A flag given to a command it means nothing to is a mistake worth saying, not something to ignore. */
function rejectForeignFlags(command: CommandName, values: Record<string, FlagValue>): void {
  for (const key of CLI_OPTION_KEYS) {
    const spec = optionSpec(key);
    if (spec.flag === null || values[spec.flag] === undefined || spec.commands.includes(command)) continue;
    throw new InputError('usage', `--${spec.flag} does not apply to ${command}`, {
      fix: `drop --${spec.flag}; it applies to: ${spec.commands.join(', ')} (${helpFor(command)})`,
    });
  }
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
    const message = error instanceof Error ? error.message : String(error);
    throw new InputError('usage', message.replace(/\. To specify a positional argument.*$/s, ''), { fix: FIX_USAGE });
  }
  const { values, positionals } = parsed;
  if (values.version) return { kind: 'version' };
  const [commandWord, ...extra] = positionals;
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
  rejectForeignFlags(command, values);
  const options: Record<string, unknown> = { command, moduleIds: extra };
  for (const key of CLI_OPTION_KEYS) options[key] = flagValue(key, values[optionSpec(key).flag ?? key]);
  return { kind: 'run', options: options as CliOptions };
}
