/**
 * A bundle's own Python package, audited like a module: is its distribution installed, and when it is installed
 * editable, does the install point at the bundle directory the composition uses (not a rotated or deleted one)?
 * An installed wheel counts as installed, as Amplifier's `Bundle.prepare` counts it.
 */

import type { FileSystem } from '../../ports.js';
import { normalizeName } from '../install/pyproject.js';
import type { SiteScan } from './site-scan.js';

export type BundlePackageStatus = 'ok' | 'not-installed' | 'dangling' | 'stale';

export interface BundlePackageAudit {
  readonly status: BundlePackageStatus;
  /** What the environment holds, in words ('' when ok). */
  readonly detail: string;
}

export async function auditBundlePackage(
  scan: SiteScan,
  name: string,
  root: string,
  fs: FileSystem,
): Promise<BundlePackageAudit> {
  const dist = scan.dists.find((d) => d.info.key === normalizeName(name));
  if (!dist) return { status: 'not-installed', detail: `no distribution named ${name} is installed` };
  if (!dist.editable) return { status: 'ok', detail: '' };
  const from = dist.installedFrom;
  if (from !== null && from !== root) {
    return (await fs.stat(from)) === null
      ? { status: 'dangling', detail: `its editable install points at ${from}, which no longer exists` }
      : { status: 'stale', detail: `installed editable from ${from}; the composition uses ${root}` };
  }
  const missing = dist.targets.find((target) => !target.exists);
  if (missing)
    return { status: 'dangling', detail: `${missing.file} points at ${missing.target}, which does not exist` };
  return { status: 'ok', detail: '' };
}
