/**
 * A long flag the CLI does not know, found before parsing so the message can name the flag the user most likely
 * meant (`--installer-args` -> `--installer-arg`) instead of only saying it is unknown.
 */
import { InputError } from '../errors.js';

/** Edits (insert, delete, substitute) between two words; small words, so the plain table is enough. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The known flag closest to `name`, when it is close enough to be a typo of it. */
export function closestFlag(name: string, known: readonly string[]): string | null {
  let best: { flag: string; distance: number } | null = null;
  for (const flag of known) {
    const distance = editDistance(name, flag);
    if (best === null || distance < best.distance) best = { flag, distance };
  }
  if (best === null) return null;
  const tolerated = Math.max(2, Math.floor(best.flag.length / 4));
  return best.distance <= tolerated ? best.flag : null;
}

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
      const suggestion = closestFlag(name, [...takesValue.keys()]);
      throw new InputError('usage', `unknown option '--${name}'`, {
        fix: suggestion ? `did you mean --${suggestion}? ${fixUsage}` : fixUsage,
      });
    }
    if (known && equals === -1) index += 1;
  }
}
