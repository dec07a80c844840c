/** The CLI's own output options (the action and the library have their own outputs): part of the option table. */
import { booleanOption, COMMANDS, oneOf, optionalText, textOption } from './option-kinds.js';

export type OutputFormat = 'text' | 'json';
export type ColorChoice = 'auto' | 'always' | 'never';

export const OUTPUT_OPTIONS = {
  format: textOption({
    flag: 'format',
    input: null,
    valueName: 'text|json',
    default: 'text',
    commands: COMMANDS,
    help: 'json: every outcome as one JSON document on stdout, logs on stderr',
    check: oneOf<OutputFormat>(['text', 'json']),
  }),
  report: textOption({
    flag: 'report',
    input: null,
    valueName: 'FILE',
    default: null,
    commands: COMMANDS,
    help: 'also write the JSON report to FILE',
    check: optionalText,
  }),
  verbose: booleanOption({
    flag: 'verbose',
    short: 'v',
    input: null,
    default: false,
    commands: COMMANDS,
    help: "debug output, including the installer's own output as it runs",
  }),
  quiet: booleanOption({
    flag: 'quiet',
    short: 'q',
    input: null,
    default: false,
    commands: COMMANDS,
    help: 'print only errors and the closing line',
  }),
  color: textOption({
    flag: 'color',
    input: null,
    valueName: 'auto|always|never',
    default: 'auto',
    commands: COMMANDS,
    help: 'colour status words: auto (a terminal, unless NO_COLOR is set or FORCE_COLOR asks), always or never',
    check: oneOf<ColorChoice>(['auto', 'always', 'never']),
  }),
} as const;
