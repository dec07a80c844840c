/**
 * Which installed distribution provides a module: by its amplifier.modules entry point first, then by the project's
 * or the conventional distribution name. Findings about the match itself (a duplicate, another id) come with it.
 */
import { normalizeDistName } from '../environment/dist-names.js';
import type { FileSystem } from '../ports.js';
import { isWithinAny } from '../source/path-within.js';
import type { AuditFinding } from './findings.js';
import type { AuditModuleInput, Located, LocatedModule } from './module-audit.js';
import { readProjectName } from './project-name.js';
import type { InstalledDist, SiteScan } from './site-scan.js';

/** The conventional import package of a module id (REFERENCE 6), used when no entry point names one. */
export function conventionalImportName(id: string): string {
  return `amplifier_module_${id.replace(/[-.]/g, '_')}`;
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
  if (dist) {
    const others = dist.info.amplifierEntryPoints.map((ep) => ep.name);
    const fix = `declare it in pyproject.toml: [project.entry-points."amplifier.modules"] ${input.id} = "${conventionalImportName(input.id)}:mount", then reinstall`;
    findings.push(
      others.length > 0
        ? {
            code: 'entry-point-other-id',
            message: `${dist.info.name} declares amplifier.modules entry point(s) ${others.join(', ')}, not '${input.id}'`,
            file: dist.info.dir,
            fix: `use the id ${others.join(' or ')} in the declaration, or ${fix}`,
          }
        : {
            code: 'entry-point-missing',
            message: `${dist.info.name} is installed but declares no amplifier.modules entry point '${input.id}'`,
            file: dist.info.dir,
            fix,
          },
    );
  }
  return { dist, entryPoint: null, findings };
}

export function locatedFromDist(input: AuditModuleInput, dist: InstalledDist): LocatedModule {
  const entryPoint = dist.info.amplifierEntryPoints.find((ep) => ep.name === input.id) ?? null;
  return { input, located: { dist, entryPoint, findings: [] }, importName: entryPoint?.module ?? null };
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
