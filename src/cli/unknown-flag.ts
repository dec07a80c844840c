/**
 * A long flag the CLI does not know, found before parsing so the message can name the flag the user most likely
 * meant (`--installer-args` -> `--installer-arg`) instead of only saying it is unknown.
 */
import { InputError } from '../errors.js';
import { closestName } from '../options/closest-name.js';

/**
 * Throws for the first `--name` in `argv` that is not a known flag. `takesValue` tells which flags consume the next
 * argument (so a value that starts with `--` is not mistaken for a flag); `--` ends the flags.
 */
export function rejectUnknownLongFlags(
  argv: readonly string[],
  takesValue: ReadonlyMap<string, boolean>,
  fixUsage: string,
): void {
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    if (arg === '--') return;
    if (!arg.startsWith('--')) continue;
    const equals = arg.indexOf('=');
    const name = arg.slice(2, equals === -1 ? undefined : equals);
    const known = takesValue.get(name);
    if (known === undefined) {
      const suggestion = closestName(name, [...takesValue.keys()]);
      throw new InputError('unknown-option', `unknown option '--${name}'`, {
        fix: suggestion ? `did you mean --${suggestion}? ${fixUsage}` : fixUsage,
        suggestion: suggestion ?? undefined,
      });
    }
    if (known && equals === -1) index += 1;
  }
}
