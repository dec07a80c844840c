import type { Logger } from '../ports.js';
import { printable, withoutWorkflowCommands } from '../printable.js';
import { type Paint, plain } from '../report/colour.js';
import type { Redactor } from '../secrets.js';

export interface StreamLoggerOptions {
  readonly write: (line: string) => void;
  readonly redactor: Redactor;
  readonly verbose?: boolean;
  /** `--quiet`: progress and warnings dropped; errors still shown. */
  readonly quiet?: boolean;
  /** Colours the `warning:` and `error:` prefixes (the CLI passes one only when the stream is a terminal). */
  readonly paint?: Paint;
}

/** A logger for the CLI: every line is redacted and printable; with `--format json` it writes to stderr so stdout stays JSON. */
export function createStreamLogger(options: StreamLoggerOptions): Logger {
  const paint = options.paint ?? plain;
  // Control characters from file names, git or pip are shown escaped; a line break inside a message starts an
  // indented line, so nothing a message carries can pass for a line of its own (`error: ...`), nor for a workflow
  // command when a CI step runs the CLI.
  const emit = (prefix: string, message: string): void =>
    options.write(
      `${prefix}${withoutWorkflowCommands(printable(options.redactor.redact(message), true).replace(/\n/g, '\n  '))}\n`,
    );
  return {
    debug: (message) => {
      if (options.verbose) emit('debug: ', message);
    },
    info: (message) => {
      if (!options.quiet) emit('', message);
    },
    warn: (message) => {
      if (!options.quiet) emit(`${paint('warning', 'warn')}: `, message);
    },
    error: (message) => emit(`${paint('error', 'bad')}: `, message),
  };
}

/** A logger that drops everything (library use without output). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
