/**
 * With `--format json` every outcome is one JSON document on stdout (schema/report.schema.json): the report when the
 * command ran, an error document when it could not. The format is read from argv before parsing, so even a usage
 * error in the command line itself is answered in JSON.
 */
import type { InputError, RuntimeFailure } from '../errors.js';
import type { CommandName } from '../options/option-table.js';
import { COMMANDS } from '../options/option-table.js';
import { type ErrorDocument, errorDocument, failureDiagnostic } from '../report/build-report.js';

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

/** Bad input (exit 2) or a machine that could not run the check (exit 3): what failed, where, and the fix. */
export function failureDocument(error: InputError | RuntimeFailure, command: CommandName | null): ErrorDocument {
  return errorDocument(command, failureDiagnostic(error));
}

export function internalErrorDocument(message: string, command: CommandName | null): ErrorDocument {
  return errorDocument(command, {
    code: 'internal',
    message: `internal error: ${message}`,
    fix: 'this is a bug in amplifier-modules; rerun with AMPLIFIER_MODULES_DEBUG=1 and report the output',
  });
}
