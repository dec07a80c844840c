/**
 * The declaration's own `source`, parsed against the file that wrote it. A malformed one is bad input at the declaring
 * line whichever layer wins: the commands check every declaration before the environment stage starts a process.
 */
import type { Declaration, Source } from '../../model.js';
import { parseSource } from '../../source/parse-source.js';

/** null when the declaration gives no source; throws InputError (at the declaring line) for a malformed one. */
export function declaredSource(declaration: Declaration): Source | null {
  if (declaration.source === null) return null;
  return parseSource(declaration.source, {
    id: declaration.id,
    baseDir: declaration.sourceBaseDir,
    file: declaration.declaredAt.file,
    line: declaration.declaredAt.line,
  });
}

/** Every declared source parsed once up front, so bad input stops the run before anything is started. */
export function checkDeclaredSources(declarations: readonly Declaration[]): void {
  for (const declaration of declarations) declaredSource(declaration);
}
