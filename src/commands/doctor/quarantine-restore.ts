/**
 * doctor and prune's quarantine: an install whose target is missing because prune moved its clone into the quarantine
 * is reported as such, and `doctor --fix` moves the clone back (a rename, no network, no reinstall).
 */

import type { Diagnostic } from '../../diagnostics.js';
import { findQuarantinedFor, type QuarantinedClone, restoreQuarantined } from '../../module-cache/quarantine.js';
import type { FileSystem, Logger } from '../../ports.js';
import type { PythonEnvironment } from '../../python/locate.js';
import { scanSitePackages } from '../../stages/audit/site-scan.js';

export interface QuarantinedTarget {
  /** The path an installed file points to that does not exist. */
  readonly missing: string;
  readonly quarantined: QuarantinedClone;
}

/** Every missing install target of the environment that lies in a quarantined clone (one per clone). */
export async function findQuarantinedTargets(
  fs: FileSystem,
  home: string,
  environment: PythonEnvironment,
): Promise<QuarantinedTarget[]> {
  const scan = await scanSitePackages(fs, environment.sitePackages);
  const missing = new Set<string>();
  for (const holder of [...scan.dists, ...scan.orphans]) {
    for (const target of holder.targets) if (!target.exists) missing.add(target.target);
  }
  for (const dist of scan.dists) {
    if (dist.installedFrom && !(await fs.lstat(dist.installedFrom))) missing.add(dist.installedFrom);
  }
  const found = new Map<string, QuarantinedTarget>();
  for (const path of missing) {
    const quarantined = await findQuarantinedFor(fs, home, path);
    if (quarantined && !found.has(quarantined.entry)) found.set(quarantined.entry, { missing: path, quarantined });
  }
  return [...found.values()];
}

/** The warning doctor gives without --fix. */
export function quarantineWarning(target: QuarantinedTarget): Diagnostic {
  const { quarantined } = target;
  return {
    code: 'target-quarantined',
    message: `${target.missing === quarantined.from ? target.missing : `${target.missing} (in ${quarantined.from})`} is missing: prune moved ${quarantined.from} into its quarantine on ${new Date(quarantined.movedAt).toISOString()}; it is now ${quarantined.clone}`,
    fix: 'amplifier-modules doctor --fix (moves it back, no network)',
  };
}

/** `doctor --fix`: moves each quarantined clone back; returns the ones that could not be (their path is taken). */
export async function restoreQuarantinedTargets(
  fs: FileSystem,
  targets: readonly QuarantinedTarget[],
  logger: Logger,
): Promise<Diagnostic[]> {
  const problems: Diagnostic[] = [];
  for (const { quarantined } of targets) {
    if (await restoreQuarantined(fs, quarantined)) {
      logger.info(`moved ${quarantined.from} back from prune's quarantine`);
      continue;
    }
    problems.push({
      code: 'target-quarantined',
      message: `${quarantined.from} is in prune's quarantine (${quarantined.clone}) but something else now occupies its path`,
      fix: `move ${quarantined.from} aside, then run amplifier-modules doctor --fix again`,
    });
  }
  return problems;
}
