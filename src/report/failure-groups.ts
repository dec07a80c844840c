/**
 * A module declared in several places (the session and each agent that lists it) that fails the same way is one
 * failure, not one per declaration: on a real bundle one broken build would otherwise repeat its whole diagnostic
 * dozens of times. Every renderer shows one block per group and lists each place that declares it.
 */
import type { ReportModule } from './report.js';

/** The failed modules grouped by identical failure (id, status, path, findings, fix), in first-seen order. */
export function groupFailures(modules: readonly ReportModule[]): ReportModule[][] {
  const groups = new Map<string, ReportModule[]>();
  for (const module of modules) {
    if (module.status === 'ok') continue;
    const key = JSON.stringify([module.id, module.status, module.path, module.findings, module.fix]);
    groups.set(key, [...(groups.get(key) ?? []), module]);
  }
  return [...groups.values()];
}
