/**
 * With `--format json` every outcome is one JSON document on stdout (schema/report.schema.json): the report when the
 * command ran, an error document when it could not. The format is read from argv before parsing, so even a usage
 * error in the command line itself is answered in JSON.
 */
import type { InputError, RuntimeFailure } from '../errors.js';
import type { CommandName } from '../options/option-table.js';
import { COMMANDS } from '../options/option-table.js';

export interface ErrorDocument {
  readonly version: 1;
  readonly command: CommandName | null;
  readonly ok: false;
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly file: string | null;
    readonly line: number | null;
    readonly fix: string | null;
  };
}

/** Whether the last `--format` on the command line says json (`--format json` or `--format=json`). */
export function wantsJson(argv: readonly string[]): boolean {
  let json = false;
  argv.forEach((arg, index) => {
    if (arg === '--format') json = argv[index + 1] === 'json';
    else if (arg.startsWith('--format=')) json = arg === '--format=json';
  });
  return json;
}

/** The first word that names a command, so an error document says which command it was for. */
export function commandWord(argv: readonly string[]): CommandName | null {
  const word = argv.find((arg) => (COMMANDS as readonly string[]).includes(arg));
  return (word as CommandName | undefined) ?? null;
}

export function inputErrorDocument(error: InputError, command: CommandName | null): ErrorDocument {
  return {
    version: 1,
    command,
    ok: false,
    error: {
      code: error.code,
      message: error.message,
      file: error.file ?? null,
      line: error.line ?? null,
      fix: error.fix ?? null,
    },
  };
}

export function internalErrorDocument(message: string, command: CommandName | null): ErrorDocument {
  return {
    version: 1,
    command,
    ok: false,
    error: {
      code: 'internal',
      message: `internal error: ${message}`,
      file: null,
      line: null,
      fix: 'this is a bug in amplifier-modules; rerun with AMPLIFIER_MODULES_DEBUG=1 and report the output',
    },
  };
}

/** The machine could not run the check (no interpreter, cache locked, disk full): what failed and how to fix it. */
export function runtimeFailureDocument(error: RuntimeFailure, command: CommandName | null): ErrorDocument {
  const detail = error.detail?.trim() ? `\n${error.detail.trim()}` : '';
  return {
    version: 1,
    command,
    ok: false,
    error: { code: error.code, message: `${error.message}${detail}`, file: null, line: null, fix: error.fix ?? null },
  };
}
