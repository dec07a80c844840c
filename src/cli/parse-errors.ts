/**
 * node:util's parseArgs errors, said in the product's own words: `Option '-p, --profile <value>' argument missing`
 * becomes `--profile needs a value: --profile PATH`. Anything not recognised keeps parseArgs' own first sentence.
 */
import { InputError } from '../errors.js';
import { type OptionKey, optionSpec } from '../options/option-table.js';

/** The long flag a parseArgs message is about (`'-p, --profile <value>'`, `'-p'`, `'--strict'`). */
function flagIn(message: string, keys: readonly OptionKey[]): { flag: string; valueName: string | null } | null {
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  const long = /--([A-Za-z0-9-]+)/.exec(quoted)?.[1];
  const short = /^-([A-Za-z])\b/.exec(quoted)?.[1];
  for (const key of keys) {
    const spec = optionSpec(key);
    if (spec.flag === null) continue;
    if (spec.flag === long || (short !== undefined && spec.short === short)) {
      return { flag: spec.flag, valueName: spec.kind === 'boolean' ? null : spec.valueName };
    }
  }
  return long ? { flag: long, valueName: null } : null;
}

/** The value after a flag in argv (for the "looks like an option" case). */
function valueAfter(argv: readonly string[], flag: string, short: string | undefined): string {
  const index = argv.findIndex((arg) => arg === `--${flag}` || (short !== undefined && arg === `-${short}`));
  return argv[index + 1] ?? '';
}

export function parserError(
  error: unknown,
  argv: readonly string[],
  keys: readonly OptionKey[],
  fixUsage: string,
): InputError {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const about = flagIn(message, keys);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = /'([^']+)'/.exec(message)?.[1] ?? message;
    return new InputError('unknown-option', `unknown option '${option}'`, { fix: fixUsage });
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && about) {
    const { flag, valueName } = about;
    if (/argument missing/.test(message)) {
      return new InputError('usage', `--${flag} needs a value`, { fix: `pass --${flag} ${valueName ?? 'VALUE'}` });
    }
    if (/does not take an argument/.test(message)) {
      return new InputError('usage', `--${flag} takes no value`, { fix: `write --${flag} alone` });
    }
    if (/ambiguous/.test(message)) {
      const short = keys.map(optionSpec).find((spec) => spec.flag === flag)?.short;
      const value = valueAfter(argv, flag, short);
      return new InputError('usage', `--${flag} needs a value, and '${value}' looks like an option`, {
        fix: `a value starting with a dash is written with '=': --${flag}=${value}`,
      });
    }
  }
  return new InputError('usage', message.split(/\.\s|\n/)[0] ?? message, { fix: fixUsage });
}
