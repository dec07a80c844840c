/**
 * The audit of every editable install in an environment, declared or not (what doctor checks), including `.pth` files
 * no distribution owns. Each editable is judged by the same rules as a declared module in verify.
 */
import { commandText } from '../../shell-words.js';
import {
  evaluateEach,
  type LocatedModule,
  locatedByImportName,
  locatedFromDist,
  probeLocated,
} from './audit-modules.js';
import type { CloneOrigin } from './clone-origin.js';
import type { AuditFinding } from './findings.js';
import type { AuditContext, ModuleAudit } from './module-audit.js';
import { fallbackModuleId } from './rules.js';
import { scanSitePackages } from './site-scan.js';

export interface DoctorEntry {
  /** The Amplifier module id (entry point name), or the distribution name for an editable that declares none. */
  readonly id: string;
  readonly distribution: string;
  readonly audit: ModuleAudit;
}

export interface OrphanReport {
  readonly file: string;
  readonly findings: readonly AuditFinding[];
}

export interface EditablesAudit {
  readonly entries: readonly DoctorEntry[];
  readonly orphans: readonly OrphanReport[];
}

export interface EditablesContext extends AuditContext {
  /** Expected source directory by module id, from declarations when the caller has them. */
  readonly expected?: ReadonlyMap<string, string> | undefined;
  /** Declared git origin by module id: --fix reinstalls only from a clone recording it. */
  readonly origins?: ReadonlyMap<string, CloneOrigin> | undefined;
}

export async function auditEditables(ctx: EditablesContext): Promise<EditablesAudit> {
  const scan = await scanSitePackages(ctx.fs, ctx.session.environment.sitePackages);
  const items: LocatedModule[] = [];
  const distOf = new Map<LocatedModule, string>();
  for (const dist of scan.dists) {
    if (!dist.editable) continue;
    const ids = dist.info.amplifierEntryPoints.map((ep) => ep.name);
    // No entry point but named like a module: amplifier-core loads it by its import name, and so it is judged.
    const fallbackId = ids.length === 0 ? fallbackModuleId(dist.info.key) : null;
    if (fallbackId !== null) {
      const input = {
        id: fallbackId,
        expectedPath: ctx.expected?.get(fallbackId) ?? null,
        origin: ctx.origins?.get(fallbackId) ?? null,
      };
      const item = locatedByImportName(input, dist);
      items.push(item);
      distOf.set(item, dist.info.name);
      continue;
    }
    for (const id of ids.length > 0 ? ids : [dist.info.name]) {
      const input = { id, expectedPath: ctx.expected?.get(id) ?? null, origin: ctx.origins?.get(id) ?? null };
      const item = locatedFromDist(input, dist);
      items.push(item);
      distOf.set(item, dist.info.name);
    }
  }
  const { audits } = await evaluateEach(items, ctx, probeLocated(items, ctx));
  const entries: DoctorEntry[] = [];
  items.forEach((item, index) => {
    const audit = audits[index];
    if (audit) entries.push({ id: item.input.id, distribution: distOf.get(item) ?? '', audit });
  });
  const orphans: OrphanReport[] = [];
  for (const orphan of scan.orphans) {
    const missing = orphan.targets.filter((t) => !t.exists);
    if (missing.length === 0) continue;
    orphans.push({
      file: orphan.file,
      findings: missing.map((t) => ({
        code: 'orphan-pth',
        message: `${orphan.file} belongs to no installed distribution and points at ${t.target}, which does not exist`,
        file: orphan.file,
        target: t.target,
        fix: `delete it: ${commandText(['rm', '--', orphan.file])}`,
      })),
    });
  }
  return { entries, orphans };
}
