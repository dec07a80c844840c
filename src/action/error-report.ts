/**
 * The report for a run that stopped before it had modules to report (bad input, an unexpected failure). It keeps
 * the stable Report shape so the `report` output, the summary and the outputs render it like any other run; the
 * error itself is the one diagnostic.
 */
import type { Diagnostic } from '../diagnostics.js';
import { isInputError, isRuntimeFailure } from '../errors.js';
import type { Report, ReportCommand } from '../report/report.js';

export function diagnosticFromError(error: unknown): Diagnostic {
  if (isInputError(error)) {
    return { code: error.code, message: error.message, file: error.file, line: error.line, fix: error.fix };
  }
  // The machine could not run the check (no interpreter, an unusable cache root): what failed, its output, the fix.
  if (isRuntimeFailure(error) && error.code !== 'internal') {
    const detail = error.detail?.trim() ? `\n${error.detail.trim()}` : '';
    return { code: error.code, message: `${error.message}${detail}`, fix: error.fix };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    code: 'internal',
    message: `unexpected failure: ${message}`,
    fix: 'this is a bug in amplifier-modules; please report it with the step log',
  };
}

export function errorReport(command: ReportCommand, diagnostic: Diagnostic): Report {
  return {
    version: 1,
    command,
    ok: false,
    python: null,
    installer: null,
    cache: { key: null, matchedKey: null, hit: 'off' },
    modules: [],
    unresolvedIncludes: [],
    warnings: [diagnostic],
  };
}

/** `error[code]: file:line: message` and the fix on its own line, as the CLI prints an input error. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const where = diagnostic.file ? `${diagnostic.file}${diagnostic.line ? `:${diagnostic.line}` : ''}: ` : '';
  const fix = diagnostic.fix ? `\n  fix: ${diagnostic.fix}` : '';
  return `error[${diagnostic.code}]: ${where}${diagnostic.message}${fix}`;
}
