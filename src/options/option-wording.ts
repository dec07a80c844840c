/**
 * How a message names an option, for the front end the reader uses. The stages write their fixes through a Wording
 * (`${w.set('python', 'PATH')}`) instead of spelling a CLI flag, and each front end's Wording is built from the
 * option table: the CLI says `--python PATH`, the action says `python: PATH`, so a fix always names what the reader
 * can change. An option the front end does not have (the action has no `--namespace`) is `null`, and the message
 * leaves that remedy out.
 */
import type { CommandName } from '../model.js';
import { type OptionKey, optionSpec } from './option-table.js';

export type FrontEnd = 'cli' | 'action';

export interface Wording {
  readonly front: FrontEnd;
  /** A value for an option: `--python PATH` / `python: PATH`; null when this front end has no such option. */
  set(key: OptionKey, value: string): string | null;
  /** The same as an instruction: `pass --python PATH` / `set python: PATH`. */
  give(key: OptionKey, value: string): string | null;
  /** A switch in a state, as a noun: `--offline` / `offline: true`. */
  turn(key: OptionKey, value: boolean): string | null;
  /** How to run with a switch in a state: `without --offline` / `with offline: false`. */
  runWith(key: OptionKey, value: boolean): string | null;
  /** Running a command: `amplifier-modules warm` / `command: warm`. */
  command(name: CommandName): string;
}

/** On the CLI a boolean flag flips the default (`--no-install` sets install to false). */
function cliRunWith(key: OptionKey, value: boolean): string | null {
  const spec = optionSpec(key);
  if (spec.kind !== 'boolean' || spec.flag === null) return null;
  return value === spec.default ? `without --${spec.flag}` : `with --${spec.flag}`;
}

function actionSwitch(key: OptionKey, value: boolean): string | null {
  const spec = optionSpec(key);
  return spec.kind === 'boolean' && spec.input !== null ? `${spec.input}: ${value}` : null;
}

const CLI: Wording = {
  front: 'cli',
  set: (key, value) => {
    const flag = optionSpec(key).flag;
    return flag === null ? null : `--${flag} ${value}`;
  },
  give: (key, value) => {
    const flag = optionSpec(key).flag;
    return flag === null ? null : `pass --${flag} ${value}`;
  },
  turn: (key, value) => cliRunWith(key, value)?.replace(/^with /, '') ?? null,
  runWith: cliRunWith,
  command: (name) => `amplifier-modules ${name}`,
};

const ACTION: Wording = {
  front: 'action',
  set: (key, value) => {
    const input = optionSpec(key).input;
    return input === null ? null : `${input}: ${value}`;
  },
  give: (key, value) => {
    const input = optionSpec(key).input;
    return input === null ? null : `set ${input}: ${value}`;
  },
  turn: actionSwitch,
  runWith: (key, value) => {
    const setting = actionSwitch(key, value);
    return setting === null ? null : `with ${setting}`;
  },
  command: (name) => `command: ${name}`,
};

export function wordingFor(front: FrontEnd): Wording {
  return front === 'cli' ? CLI : ACTION;
}

/** What every stage uses when no front end said otherwise (the library and the CLI). */
export const CLI_WORDING: Wording = CLI;

/** The remedies a front end can offer, joined as `a, b or c` (the ones it lacks left out). */
export function either(remedies: ReadonlyArray<string | null>): string {
  const kept = remedies.filter((remedy): remedy is string => remedy !== null && remedy !== '');
  if (kept.length <= 1) return kept[0] ?? '';
  return `${kept.slice(0, -1).join(', ')} or ${kept.at(-1)}`;
}
