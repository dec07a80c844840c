/**
 * The verify step: for each module, what the environment's files say (TypeScript scan) and what the import system
 * answers (one probe process), turned into a status and findings by the shared rules, each failure with the command
 * that fixes it. This file only orchestrates: locating (dist-index), judging (rules), probing (probe).
 */

import type { FileSystem } from '../../ports.js';
import { type ProbeAnswer, type ProbeRequest, type ProbeResult, runProbe } from '../../python/probe.js';
import type { InstallerName } from '../install/install-command.js';
import { indexDistributions, locateAll } from './dist-index.js';
import type { AuditFinding } from './findings.js';
import { worstStatus } from './findings.js';
import { reinstallFix } from './fix-command.js';
import type { AuditContext, AuditModuleInput, LocatedModule, ModuleAudit } from './module-audit.js';
import { reinstallChoice } from './reinstall-source.js';
import { FALLBACK_ATTR, probeFindings, siblingNotes, targetFindings } from './rules.js';
import { scanSitePackages } from './site-scan.js';

export { locatedByImportName, locatedFromDist } from './dist-index.js';
export type { AuditContext, AuditModuleInput, LocatedModule, ModuleAudit } from './module-audit.js';

/** The probe's answers by module name (first answer wins), built once per evaluation of a batch. */
function resultsOf(probe: ProbeAnswer | null): ReadonlyMap<string, ProbeResult> {
  const byModule = new Map<string, ProbeResult>();
  for (const result of probe?.results ?? []) if (!byModule.has(result.module)) byModule.set(result.module, result);
  return byModule;
}

async function evaluate(
  item: LocatedModule,
  results: ReadonlyMap<string, ProbeResult>,
  ctx: AuditContext,
): Promise<ModuleAudit> {
  const { fs } = ctx;
  const { input, located, importName } = item;
  const { dist } = located;
  const recorded = dist ? dist.targets.map((t) => t.target) : [];
  const reinstall = await reinstallChoice(fs, input, recorded, ctx.logger);
  const reinstallFrom = reinstall.path;
  const installer: InstallerName = ctx.installer ?? (dist?.info.installer === 'uv' ? 'uv' : 'pip');
  const fix = reinstallFrom ? reinstallFix(installer, ctx.session.environment.python, reinstallFrom) : undefined;
  const findings: AuditFinding[] = [];
  if (input.installError) {
    findings.push({ code: 'install-failed', message: `the installer failed: ${input.installError}`, fix });
  }
  findings.push(...located.findings);
  if (!dist) {
    findings.push({
      code: 'not-installed',
      message: `no distribution in ${ctx.session.environment.prefix} provides the amplifier.modules entry point '${input.id}'`,
      target: input.expectedPath ?? undefined,
      fix: fix ?? 'fetch the module first (amplifier-modules warm), then install it',
    });
  } else {
    findings.push(...(await targetFindings(dist, input.expectedPath, fs, fix, reinstallFrom)));
    if (!input.expectedPath) findings.push(...(await siblingNotes(dist, fs)));
  }
  const result = importName === null ? undefined : results.get(importName);
  if (dist) findings.push(...(await probeFindings(result, located, input, fs, fix)));
  return {
    status: worstStatus(findings),
    findings,
    installedFrom: dist?.installedFrom ?? null,
    distribution: dist?.info.name ?? null,
    importName,
    origin: result?.origin ?? null,
    reinstallFrom,
    reinstallWhy: reinstall.why,
  };
}

function probeRequests(items: readonly LocatedModule[]): ProbeRequest[] {
  const seen = new Map<string, ProbeRequest>();
  for (const item of items) {
    if (item.importName === null || seen.has(item.importName)) continue;
    const attr = item.located.entryPoint?.attr ?? (item.located.byImportName ? FALLBACK_ATTR : null);
    seen.set(item.importName, { module: item.importName, attr });
  }
  return [...seen.values()];
}

/** Site directories Python reports that the file layout did not reveal (a custom prefix, a shim). */
async function unknownSiteDirs(
  fs: FileSystem,
  known: readonly string[],
  reported: readonly string[],
): Promise<string[]> {
  const seen = new Set(await Promise.all(known.map(async (d) => (await fs.realpath(d)) ?? d)));
  const extra: string[] = [];
  for (const dir of reported) {
    const real = (await fs.realpath(dir)) ?? dir;
    if (!seen.has(real) && (await fs.stat(dir))?.isDirectory) extra.push(dir);
    seen.add(real);
  }
  return extra;
}

/** One audit per located module, in order (doctor may list two distributions that claim the same id). */
export async function evaluateEach(
  items: readonly LocatedModule[],
  ctx: AuditContext,
  probe: ProbeAnswer | null,
): Promise<ModuleAudit[]> {
  const results = resultsOf(probe);
  return Promise.all(items.map((item) => evaluate(item, results, ctx)));
}

/** The audits keyed by module id; a repeated id keeps its first entry. */
export async function auditLocated(
  items: readonly LocatedModule[],
  ctx: AuditContext,
  probe: ProbeAnswer | null,
): Promise<Map<string, ModuleAudit>> {
  const audits = await evaluateEach(items, ctx, probe);
  const out = new Map<string, ModuleAudit>();
  items.forEach((item, index) => {
    const audit = audits[index];
    if (audit && !out.has(item.input.id)) out.set(item.input.id, audit);
  });
  return out;
}

export async function probeLocated(items: readonly LocatedModule[], ctx: AuditContext): Promise<ProbeAnswer | null> {
  const requests = probeRequests(items);
  if (requests.length === 0) return null;
  return runProbe(ctx.session, requests, ctx.importCheck);
}

/**
 * Scans the environment's files, locates every module from them, then asks the import system once about every
 * module's import name. A site directory Python reports that the file layout did not reveal (a custom prefix, a shim)
 * is scanned too, and only the import names new to it cost a second question.
 */
export async function auditModules(
  modules: readonly AuditModuleInput[],
  ctx: AuditContext,
): Promise<Map<string, ModuleAudit>> {
  const { environment } = ctx.session;
  let scan = await scanSitePackages(ctx.fs, environment.sitePackages);
  let items = await locateAll(modules, indexDistributions(scan), ctx.fs);
  let probe = await probeLocated(items, ctx);
  const extra = probe ? await unknownSiteDirs(ctx.fs, scan.sitePackages, probe.sitePackages) : [];
  if (probe && extra.length > 0) {
    ctx.logger.debug(`also scanning site directories Python reports: ${extra.join(', ')}`);
    scan = await scanSitePackages(ctx.fs, [...scan.sitePackages, ...extra]);
    items = await locateAll(modules, indexDistributions(scan), ctx.fs);
    probe = await withAnswersFor(probe, items, ctx);
  }
  return auditLocated(items, ctx, probe);
}

/** The probe's answers plus answers for the import names it was not asked about yet. */
async function withAnswersFor(
  probe: ProbeAnswer,
  items: readonly LocatedModule[],
  ctx: AuditContext,
): Promise<ProbeAnswer> {
  const probed = new Set(probe.results.map((r) => r.module));
  const missing = items.filter((i) => i.importName !== null && !probed.has(i.importName));
  const more = await probeLocated(missing, ctx);
  return more ? { ...probe, results: [...probe.results, ...more.results] } : probe;
}
