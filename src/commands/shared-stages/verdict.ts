import type { Diagnostic } from '../../diagnostics.js';
import type { UnresolvedInclude } from '../../model.js';
import type { ReportModule } from '../../report/report.js';

/**
 * A run is ok when every module is; with --strict, skipped includes and warnings fail it too. A `lock-mismatch`
 * warning (a lock entry nothing declares any more, an include the lock does not know) fails `--locked` always.
 */
export function runVerdict(
  modules: readonly ReportModule[],
  extra: { readonly unresolvedIncludes: readonly UnresolvedInclude[]; readonly warnings: readonly Diagnostic[] },
  strict: boolean,
): boolean {
  if (modules.some((m) => m.status !== 'ok')) return false;
  if (extra.warnings.some((warning) => warning.code === 'lock-mismatch')) return false;
  return !strict || (extra.unresolvedIncludes.length === 0 && extra.warnings.length === 0);
}
