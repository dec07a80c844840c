/**
 * Which installed distribution provides a module: by its amplifier.modules entry point first, then by the project's
 * or the conventional distribution name. Findings about the match itself (a duplicate) come with it; a distribution
 * without the module's entry point is marked to be judged by amplifier-core's import-name fallback (rules.ts).
 */

import type { FileSystem } from '../../ports.js';
import { normalizeDistName } from '../../python/dist-names.js';
import { isWithinAny } from '../../source/path-within.js';
import type { AuditFinding } from './findings.js';
import type { AuditModuleInput, Located, LocatedModule } from './module-audit.js';
import { readProjectName } from './project-name.js';
import type { InstalledDist, SiteScan } from './site-scan.js';

/**
 * The package amplifier-core's loader imports when no `amplifier.modules` entry point has the module's id (its
 * filesystem fallback): `amplifier_module_` + the id with every `-` turned into `_`, exactly as the loader spells it.
 */
export function conventionalImportName(id: string): string {
  return `amplifier_module_${id.replace(/-/g, '_')}`;
}

export interface DistIndex {
  /** Distributions by the amplifier.modules entry-point names they declare, in scan order. */
  readonly byEntryPoint: ReadonlyMap<string, readonly InstalledDist[]>;
  /** Distributions by normalised name, in scan order. */
  readonly byKey: ReadonlyMap<string, readonly InstalledDist[]>;
  /** Each distribution's position in the scan. */
  readonly order: ReadonlyMap<InstalledDist, number>;
}

/** Built once per scan (the caller keeps it), so locating N modules among M distributions costs N + M, not N x M. */
export function indexDistributions(scan: SiteScan): DistIndex {
  const byEntryPoint = new Map<string, InstalledDist[]>();
  const byKey = new Map<string, InstalledDist[]>();
  const add = (map: Map<string, InstalledDist[]>, key: string, dist: InstalledDist): void => {
    const list = map.get(key);
    if (!list) map.set(key, [dist]);
    else if (list[list.length - 1] !== dist) list.push(dist);
  };
  const order = new Map<InstalledDist, number>();
  scan.dists.forEach((dist, position) => {
    for (const ep of dist.info.amplifierEntryPoints) add(byEntryPoint, ep.name, dist);
    add(byKey, dist.info.key, dist);
    order.set(dist, position);
  });
  return { byEntryPoint, byKey, order };
}

/** The distribution that provides the module: by entry point id first, then by the project's or conventional name. */
async function locateDist(input: AuditModuleInput, index: DistIndex, fs: FileSystem): Promise<Located> {
  const findings: AuditFinding[] = [];
  const providers = index.byEntryPoint.get(input.id) ?? [];
  if (providers.length > 0) {
    let chosen = providers[0] ?? null;
    if (input.expectedPath && providers.length > 1) {
      for (const candidate of providers) {
        if (candidate.installedFrom && (await isWithinAny(fs, candidate.installedFrom, input.expectedPath))) {
          chosen = candidate;
          break;
        }
      }
    }
    if (providers.length > 1) {
      findings.push({
        code: 'entry-point-duplicate',
        message: `${providers.length} distributions declare the amplifier.modules entry point '${input.id}': ${providers.map((p) => p.info.name).join(', ')}`,
        fix: `uninstall the ones you do not want: ${providers.map((p) => p.info.name).join(' or ')}`,
      });
    }
    const entryPoint = chosen?.info.amplifierEntryPoints.find((ep) => ep.name === input.id) ?? null;
    return { dist: chosen, entryPoint, findings };
  }
  const names = new Set([normalizeDistName(`amplifier-module-${input.id}`)]);
  const projectName = input.expectedPath ? await readProjectName(fs, input.expectedPath) : null;
  if (projectName) names.add(normalizeDistName(projectName));
  // The first in scan order among the distributions carrying any of the names.
  const candidates = [...names].flatMap((name) => index.byKey.get(name) ?? []);
  const dist = candidates.sort((a, b) => (index.order.get(a) ?? 0) - (index.order.get(b) ?? 0))[0] ?? null;
  // No entry point with this id: amplifier-core then imports the conventional package; whether that works is the
  // import system's answer, judged by the shared rules, not a mismatch by itself.
  if (dist) {
    return {
      dist,
      entryPoint: null,
      findings,
      byImportName: { otherIds: dist.info.amplifierEntryPoints.map((ep) => ep.name) },
    };
  }
  return { dist, entryPoint: null, findings };
}

export function locatedFromDist(input: AuditModuleInput, dist: InstalledDist): LocatedModule {
  const entryPoint = dist.info.amplifierEntryPoints.find((ep) => ep.name === input.id) ?? null;
  return { input, located: { dist, entryPoint, findings: [] }, importName: entryPoint?.module ?? null };
}

/**
 * An editable that declares no entry point but is named like a module (`amplifier-module-<id>`): amplifier-core
 * loads it by its import name, so doctor judges it the way verify does.
 */
export function locatedByImportName(input: AuditModuleInput, dist: InstalledDist): LocatedModule {
  const located: Located = { dist, entryPoint: null, findings: [], byImportName: { otherIds: [] } };
  return { input, located, importName: conventionalImportName(input.id) };
}

export async function locateAll(
  modules: readonly AuditModuleInput[],
  index: DistIndex,
  fs: FileSystem,
): Promise<LocatedModule[]> {
  return Promise.all(
    modules.map(async (input) => {
      const located = await locateDist(input, index, fs);
      return { input, located, importName: located.entryPoint?.module ?? conventionalImportName(input.id) };
    }),
  );
}
