/**
 * Error annotations for failed modules (docs/formats.md, "What it writes"): one per failed declaration, placed at the
 * line that declared the module so the pull-request diff shows it where the fix goes. Pure: the action turns each one
 * into `core.error(message, {title, file, startLine})`.
 */
import { isAbsolute, relative, sep } from 'node:path';
import type { ModuleStatus } from '../model.js';
import type { Redactor } from '../secrets.js';
import { isWithin } from '../source/path-within.js';
import type { Report, ReportModule } from './report.js';

export interface Annotation {
  readonly title: string;
  readonly message: string;
  /** Path relative to the workspace (GitHub matches annotations to repository paths), or null when unknown. */
  readonly file: string | null;
  readonly line: number | null;
}

export const STATUS_PHRASE: Readonly<Record<ModuleStatus, string>> = {
  ok: 'is ok',
  unresolved: 'could not be resolved by any layer',
  'fetch-failed': 'could not be fetched',
  'install-failed': 'failed to install',
  'not-installed': 'is not installed in the target environment',
  dangling: 'has an editable install whose target is gone',
  stale: 'has an editable install pointing at a stale cache directory',
  'import-error': 'fails to import',
  'entry-point-mismatch': 'does not provide the expected entry point',
  'lock-mismatch': 'does not match the lock file',
};

/**
 * A declaring file as GitHub wants it: relative to the workspace with `/` separators. A file outside the workspace
 * cannot be annotated in the diff; it is kept absolute so the message still says where it is.
 */
export function annotationPath(file: string, workspace: string): string {
  if (!isAbsolute(file)) return file.split(sep).join('/');
  const inside = relative(workspace, file);
  if (inside === '' || !isWithin(file, workspace)) return file;
  return inside.split(sep).join('/');
}

/** Paths inside the workspace as the reader's repository names them. */
function relativeToWorkspace(text: string, workspace: string): string {
  const root = workspace.endsWith(sep) ? workspace : `${workspace}${sep}`;
  return text.split(root).join('');
}

/** The cause in one phrase: the first finding, else what the layers that looked said. */
function cause(module: ReportModule): string | null {
  const [finding] = module.findings;
  if (finding)
    return module.findings.length > 1 ? `${finding.message} (and ${module.findings.length - 1} more)` : finding.message;
  const said = module.resolution.trail.filter((entry) => entry.outcome === 'rejected');
  return said.length > 0 ? said.map((entry) => entry.detail).join('; ') : null;
}

/** One line: what failed and why, then the fix; the layer trail is in the job summary. */
function describe(module: ReportModule): string {
  const owner = module.agent ? ` (agent ${module.agent})` : '';
  const why = cause(module);
  const what = `${module.id}${owner} ${STATUS_PHRASE[module.status]}${why ? `: ${why}` : ''}.`;
  const text = module.fix ? `${what} Fix: ${module.fix}` : `${what} See the job summary for what each layer found.`;
  return text.replace(/\s*\r?\n\s*/g, ' ');
}

/** One annotation per failed module entry, in report order; credentials are redacted. */
export function failureAnnotations(report: Report, workspace: string, redactor: Redactor): Annotation[] {
  return report.modules
    .filter((module) => module.status !== 'ok')
    .map((module) => ({
      title: redactor.redact(`amplifier-modules: ${module.id} ${module.status}`),
      message: redactor.redact(relativeToWorkspace(describe(module), workspace)),
      file: module.declaredAt ? redactor.redact(annotationPath(module.declaredAt.file, workspace)) : null,
      line: module.declaredAt?.line ?? null,
    }));
}
