/**
 * The shapes an entry of the option table can take, and the pure checks they share. A check never throws and never
 * names a front end: it returns the value or the problem, and the CLI or the action words the problem for its user
 * (`--installer ...` or `input 'installer' ...`).
 */
import { COMMANDS, type CommandName } from '../model.js';
import { err, ok, type Result } from '../result.js';

export { COMMANDS, type CommandName };

/** What is wrong with a value, and an example of a good one (`auto|uv|pip`, `foundation=./vendor/foundation`). */
export interface OptionProblem {
  readonly problem: string;
  readonly example: string;
}

export type Checked<T> = Result<T, OptionProblem>;

export interface OptionBase {
  /** Long CLI flag without the dashes; null when only the action has it. */
  readonly flag: string | null;
  readonly short?: string | undefined;
  /** The action's `with:` input; null when only the CLI has it. */
  readonly input: string | null;
  /** The commands this option means something to; the CLI rejects it on any other. */
  readonly commands: readonly CommandName[];
  /** One line for `--help`. */
  readonly help: string;
}

/** A switch. On the CLI, giving the flag flips the default (`--no-install` turns `install` off). */
export interface BooleanOption extends OptionBase {
  readonly kind: 'boolean';
  readonly default: boolean;
}

/** One value; `null` default means "not given" and the front end picks the fallback (it may read the environment). */
export interface TextOption<T> extends OptionBase {
  readonly kind: 'text';
  readonly valueName: string;
  readonly default: NoInfer<T>;
  readonly check: (raw: string) => Checked<T>;
}

/** Repeatable on the CLI; one item per line in the action input. */
export interface ListOption<T> extends OptionBase {
  readonly kind: 'list';
  readonly valueName: string;
  readonly check: (raw: string) => Checked<T>;
}

export type AnyOption = BooleanOption | TextOption<unknown> | ListOption<unknown>;

export type OptionValue<O> = O extends BooleanOption
  ? boolean
  : O extends TextOption<infer T>
    ? T
    : O extends ListOption<infer T>
      ? readonly T[]
      : never;

/**
 * Keeps the literal flag and input names and the command list in the type, so the front ends can derive their option
 * sets (the CLI's flags, the action's inputs, the library's option types per command) from them.
 */
type Named<F extends string | null, I extends string | null, C extends readonly CommandName[]> = {
  readonly flag: F;
  readonly input: I;
  readonly commands: C;
};
type Literal = 'kind' | 'flag' | 'input' | 'commands';

export function booleanOption<
  const F extends string | null,
  const I extends string | null,
  const C extends readonly CommandName[],
>(spec: Omit<BooleanOption, Literal> & Named<F, I, C>): BooleanOption & Named<F, I, C> {
  return { kind: 'boolean', ...spec };
}

export function textOption<
  T,
  const F extends string | null,
  const I extends string | null,
  const C extends readonly CommandName[],
>(spec: Omit<TextOption<T>, Literal> & Named<F, I, C>): TextOption<T> & Named<F, I, C> {
  return { kind: 'text', ...spec };
}

export function listOption<
  T,
  const F extends string | null,
  const I extends string | null,
  const C extends readonly CommandName[],
>(spec: Omit<ListOption<T>, Literal> & Named<F, I, C>): ListOption<T> & Named<F, I, C> {
  return { kind: 'list', ...spec };
}

export function accept<T>(value: T): Checked<T> {
  return ok(value);
}

export function reject<T>(problem: string, example: string): Checked<T> {
  return err({ problem, example });
}

/** Any text at all (a path, a file name); the front end makes it absolute against its own base. */
export function anyText(raw: string): Checked<string> {
  return accept(raw);
}

/** Any text, for an option whose default is "not given" (null). */
export function optionalText(raw: string): Checked<string | null> {
  return accept(raw);
}

export function oneOf<T extends string>(allowed: readonly T[]): (raw: string) => Checked<T> {
  return (raw) =>
    (allowed as readonly string[]).includes(raw)
      ? accept(raw as T)
      : reject(`must be one of ${allowed.join(', ')}, not '${raw}'`, allowed.join('|'));
}

/** `--namespace N=DIR`: a bundle namespace or profile collection mapped to a local directory. */
export interface NamespaceMapping {
  readonly name: string;
  readonly dir: string;
}

/** `--namespace NAME=DIR`. */
export function namespaceMapping(raw: string): Checked<NamespaceMapping> {
  const eq = raw.indexOf('=');
  const name = eq > 0 ? raw.slice(0, eq) : '';
  const dir = eq > 0 ? raw.slice(eq + 1) : '';
  if (!/^[A-Za-z0-9_.-]+$/.test(name) || dir === '') {
    return reject(`expects NAME=DIR, got '${raw}'`, 'foundation=./vendor/amplifier-foundation');
  }
  return accept({ name, dir });
}
