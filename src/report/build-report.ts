/**
 * The one place a Report or an error document is put together, so every command and both front ends write the
 * same versioned shape (schema/report.schema.json): a command gives what it found and everything it did not touch
 * takes its empty value (no python, no installer, the CI cache off, no modules, no warnings).
 */
import type { Diagnostic } from '../diagnostics.js';
import { type InputError, isInputError, type RuntimeFailure } from '../errors.js';
import type { CacheOutcome, CommandName, UnresolvedInclude } from '../model.js';
import type { Report, ReportModule } from './report.js';

/** The report format's version; a change that breaks readers of the JSON raises it. */
export const REPORT_VERSION: Report['version'] = 1;

/** The cache outcome of a run that did not use the CI cache. */
export const CACHE_OFF: CacheOutcome = { key: null, matchedKey: null, hit: 'off' };

/** What a command found; any field left out is reported as its empty value. */
export interface ReportParts {
  readonly command: CommandName;
  readonly ok: boolean;
  readonly python?: string | null;
  readonly environment?: Report['environment'];
  readonly declarations?: Report['declarations'];
  readonly installer?: Report['installer'];
  readonly cache?: CacheOutcome;
  readonly modules?: readonly ReportModule[];
  readonly unresolvedIncludes?: readonly UnresolvedInclude[];
  readonly warnings?: readonly Diagnostic[];
  readonly environmentFindings?: Report['environmentFindings'];
  readonly bundlePackages?: Report['bundlePackages'];
  readonly prune?: Report['prune'];
  readonly lock?: Report['lock'];
  readonly lockedBy?: string | null;
}

export function buildReport(parts: ReportParts): Report {
  return {
    version: REPORT_VERSION,
    command: parts.command,
    ok: parts.ok,
    python: parts.python ?? null,
    ...(parts.environment ? { environment: parts.environment } : {}),
    ...(parts.declarations ? { declarations: parts.declarations } : {}),
    installer: parts.installer ?? null,
    cache: parts.cache ?? CACHE_OFF,
    modules: parts.modules ?? [],
    unresolvedIncludes: parts.unresolvedIncludes ?? [],
    warnings: parts.warnings ?? [],
    ...(parts.environmentFindings && parts.environmentFindings.length > 0
      ? { environmentFindings: parts.environmentFindings }
      : {}),
    ...(parts.bundlePackages && parts.bundlePackages.length > 0 ? { bundlePackages: parts.bundlePackages } : {}),
    ...(parts.prune ? { prune: parts.prune } : {}),
    ...(parts.lock ? { lock: parts.lock } : {}),
    ...(parts.lockedBy ? { lockedBy: parts.lockedBy } : {}),
  };
}

/** The report of a run that stopped before it had modules to report: the error is its one warning. */
export function errorReport(command: CommandName, diagnostic: Diagnostic): Report {
  return buildReport({ command, ok: false, warnings: [diagnostic] });
}

/** `--format json` when the command could not run at all (bad input, no interpreter, a bug): the error alone. */
export interface ErrorDocument {
  readonly version: typeof REPORT_VERSION;
  /** null when the command line did not get as far as naming a command. */
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

export function errorDocument(command: CommandName | null, diagnostic: Diagnostic): ErrorDocument {
  return {
    version: REPORT_VERSION,
    command,
    ok: false,
    error: {
      code: diagnostic.code,
      message: diagnostic.message,
      file: diagnostic.file ?? null,
      line: diagnostic.line ?? null,
      fix: diagnostic.fix ?? null,
    },
  };
}

/** An error that stopped the run, as a diagnostic: bad input keeps its file and line; a machine failure its output. */
export function failureDiagnostic(error: InputError | RuntimeFailure): Diagnostic {
  if (isInputError(error)) {
    return { code: error.code, message: error.message, file: error.file, line: error.line, fix: error.fix };
  }
  const detail = error.detail?.trim() ? `\n${error.detail.trim()}` : '';
  return { code: error.code, message: `${error.message}${detail}`, fix: error.fix };
}

/** The report's `environment`: which environment the run used, what its interpreter really runs, and why. */
export function reportedEnvironment(environment: {
  readonly python: string;
  readonly executable: string | null;
  readonly prefix: string;
  readonly reason: string;
}): NonNullable<Report['environment']> {
  const { python, executable, prefix, reason } = environment;
  return { python, executable, prefix, reason };
}
