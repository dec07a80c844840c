/** The install decision of a run in one phrase, shared by the text output and the job summary. */
import type { Report } from './report.js';

/** How many modules this run installed, by reason, and how many it left as they were. */
export function installSummary(report: Report): string | null {
  // Counted in modules: a module several declarations name (the session's and its agents') is installed once.
  const byModule = new Map(report.modules.filter((m) => m.install !== undefined).map((m) => [m.path ?? m.id, m]));
  const decided = [...byModule.values()];
  if (decided.length === 0) return null;
  const reasons = new Map<string, number>();
  const dryRun = decided.some((m) => m.install?.wouldInstall);
  for (const module of decided) {
    if (!module.install?.installed && !module.install?.wouldInstall) continue;
    // "moved from hash A to B" differs per module; count the kind of reason.
    const kind = module.install.reason.replace(/^moved from .*/, 'moved');
    reasons.set(kind, (reasons.get(kind) ?? 0) + 1);
  }
  const installed = [...reasons.values()].reduce((a, b) => a + b, 0);
  const detail = [...reasons].map(([reason, count]) => `${count} ${reason}`).join(', ');
  const verb = dryRun ? 'would install' : 'installed';
  return `${verb} ${installed}${detail ? ` (${detail})` : ''}, ${decided.length - installed} up to date`;
}
