/**
 * `doctor`: the audit of every editable install in an environment, declared or not (the check seeds/000 asks for),
 * including `.pth` files no distribution owns. With `fix`, each dangling editable is reinstalled from its expected
 * directory or the newest sibling clone of the one it pointed at, in one installer call, and the environment is
 * audited again.
 */

import { type InstallOutcome, installModules } from '../install/install-modules.js';
import type { InstallerChoice } from '../install/installer-choice.js';
import type { Env } from '../ports.js';
import { commandText } from '../shell-words.js';
import {
  type AuditContext,
  evaluateEach,
  type LocatedModule,
  locatedFromDist,
  type ModuleAudit,
  probeLocated,
} from './audit-modules.js';
import type { CloneOrigin } from './clone-origin.js';
import type { AuditFinding } from './findings.js';
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

export interface DoctorReport {
  readonly entries: readonly DoctorEntry[];
  readonly orphans: readonly OrphanReport[];
  /** Set when `fix` ran an install. */
  readonly fix: InstallOutcome | null;
  /** Dangling editables with no directory to reinstall from. */
  readonly unfixable: readonly string[];
}

export interface DoctorContext extends AuditContext {
  /** Expected source directory by module id, from declarations when the caller has them. */
  readonly expected?: ReadonlyMap<string, string> | undefined;
  /** Declared git origin by module id: --fix reinstalls only from a clone recording it. */
  readonly origins?: ReadonlyMap<string, CloneOrigin> | undefined;
  readonly env: Env;
  readonly installerChoice: InstallerChoice;
  readonly installerArgs: readonly string[];
}

async function auditEnvironment(ctx: DoctorContext): Promise<Omit<DoctorReport, 'fix' | 'unfixable'>> {
  const scan = await scanSitePackages(ctx.fs, ctx.environment.sitePackages);
  const items: LocatedModule[] = [];
  const distOf = new Map<LocatedModule, string>();
  for (const dist of scan.dists) {
    if (!dist.editable) continue;
    const ids = dist.info.amplifierEntryPoints.map((ep) => ep.name);
    for (const id of ids.length > 0 ? ids : [dist.info.name]) {
      const input = { id, expectedPath: ctx.expected?.get(id) ?? null, origin: ctx.origins?.get(id) ?? null };
      const item = locatedFromDist(input, dist);
      items.push(item);
      distOf.set(item, dist.info.name);
    }
  }
  const probe = await probeLocated(items, ctx);
  const audits = await evaluateEach(items, ctx, probe);
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

export async function runDoctor(ctx: DoctorContext, options: { readonly fix: boolean }): Promise<DoctorReport> {
  const first = await auditEnvironment(ctx);
  const dangling = first.entries.filter((e) => e.audit.status === 'dangling');
  if (!options.fix || dangling.length === 0) return { ...first, fix: null, unfixable: [] };
  const unfixable = dangling.filter((e) => e.audit.reinstallFrom === null).map((e) => e.id);
  const requests = dangling.flatMap((e) => (e.audit.reinstallFrom ? [{ id: e.id, path: e.audit.reinstallFrom }] : []));
  if (requests.length === 0) return { ...first, fix: null, unfixable };
  const outcome = await installModules(requests, {
    python: ctx.python,
    installer: ctx.installerChoice,
    extraArgs: ctx.installerArgs,
    env: ctx.env,
    fs: ctx.fs,
    exec: ctx.exec,
    logger: ctx.logger,
  });
  const after = await auditEnvironment(ctx);
  return { ...after, fix: outcome, unfixable };
}
