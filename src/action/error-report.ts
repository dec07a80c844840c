/**
 * A run that stopped before it had modules to report (bad input, a machine failure, a bug), in the action's terms:
 * the error as one diagnostic, which `errorReport` (report/build-report.ts) turns into a Report so the `report`
 * output, the summary and the outputs render it like any other run.
 */
import type { Diagnostic } from '../diagnostics.js';
import { isInputError, isRuntimeFailure } from '../errors.js';
import { annotationPath } from '../report/annotations.js';
import { failureDiagnostic } from '../report/build-report.js';

export function diagnosticFromError(error: unknown): Diagnostic {
  // Bad input keeps its file and line; a machine that could not run the check (no interpreter, an unusable cache
  // root) says what failed, its output and the fix.
  if (isInputError(error) || (isRuntimeFailure(error) && error.code !== 'internal')) return failureDiagnostic(error);
  const message = error instanceof Error ? error.message : String(error);
  return {
    code: 'internal',
    message: `unexpected failure: ${message}`,
    fix: 'this is a bug in amplifier-modules; please report it with the step log',
  };
}

/** One line: `file:line: message. Fix: ...`, the file relative to the workspace (the annotation's title has the code). */
export function formatDiagnostic(diagnostic: Diagnostic, workspace: string): string {
  const file = diagnostic.file ? annotationPath(diagnostic.file, workspace) : null;
  const where = file ? `${file}${diagnostic.line ? `:${diagnostic.line}` : ''}: ` : '';
  const message = diagnostic.message.replace(/\s*\r?\n\s*/g, ' ');
  const fix = diagnostic.fix ? ` Fix: ${diagnostic.fix.replace(/\s*\r?\n\s*/g, ' ')}` : '';
  return `${where}${message.replace(/\.?$/, '.')}${fix}`;
}
