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
import { type SiteScan, scanSitePackages } from './site-scan.js';

export { locatedByImportName, locatedFromDist } from './dist-index.js';
export type { AuditContext, AuditModuleInput, LocatedModule, ModuleAudit } from './module-audit.js';

/** The probe's answers by module name (first answer wins), built once per evaluation of a batch. */
function resultsOf(probe: ProbeAnswer | null): ReadonlyMap<string, ProbeResult> {
  const byModule = new Map<string, ProbeResult>();
  for (const result of probe?.results ?? []) if (!byModule.has(result.module)) byModule.set(result.module, result);
  return byModule;
}

/** What the files say, then what the import system said (`results`, awaited only where it is needed). */
async function evaluate(
  item: LocatedModule,
  results: Promise<ReadonlyMap<string, ProbeResult>>,
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
  const result = importName === null ? undefined : (await results).get(importName);
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

/**
 * One audit per located module, in order (doctor may list two distributions that claim the same id), and the probe's
 * answer they used. The interpreter is asked once about every import name, and the files are judged while it answers.
 */
export async function evaluateEach<Answer extends ProbeAnswer | null>(
  items: readonly LocatedModule[],
  ctx: AuditContext,
  asked: Promise<Answer>,
): Promise<{ audits: ModuleAudit[]; probe: Answer }> {
  const results = asked.then(resultsOf);
  // `results` joins the Promise.all at once, so a failed probe is handled even before an evaluation awaits it.
  const [, audits] = await Promise.all([results, Promise.all(items.map((item) => evaluate(item, results, ctx)))]);
  return { audits, probe: await asked };
}

/** The audits keyed by module id; a repeated id keeps its first entry. */
function byModuleId(items: readonly LocatedModule[], audits: readonly ModuleAudit[]): Map<string, ModuleAudit> {
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

async function scanAndLocate(
  modules: readonly AuditModuleInput[],
  ctx: AuditContext,
): Promise<{ scan: SiteScan; located: LocatedModule[] }> {
  const scan = await scanSitePackages(ctx.fs, ctx.session.environment.sitePackages);
  return { scan, located: await locateAll(modules, indexDistributions(scan), ctx.fs) };
}

/**
 * Scans the environment's files, locates every module from them, and asks the import system once about every module's
 * import name. The interpreter is started with the scan and reads its list when the scan has named the import names:
 * its start-up (site processing runs every editable finder) costs no time of its own. A site directory Python reports
 * that the file layout did not reveal (a custom prefix) is scanned too, and only the import names new to it cost a
 * second question.
 */
export async function auditModules(
  modules: readonly AuditModuleInput[],
  ctx: AuditContext,
): Promise<Map<string, ModuleAudit>> {
  const found = scanAndLocate(modules, ctx);
  const asked = runProbe(
    ctx.session,
    found.then(({ located }) => probeRequests(located)),
    ctx.importCheck,
  );
  // Awaited below; when the scan fails the interpreter reads no list and ends, and the scan's error is the one thrown.
  asked.catch(() => undefined);
  const { scan, located } = await found;
  const { audits, probe } = await evaluateEach(located, ctx, asked);
  const extra = await unknownSiteDirs(ctx.fs, scan.sitePackages, probe.sitePackages);
  if (extra.length === 0) return byModuleId(located, audits);
  ctx.logger.debug(`also scanning site directories Python reports: ${extra.join(', ')}`);
  const wider = await scanSitePackages(ctx.fs, [...scan.sitePackages, ...extra]);
  const relocated = await locateAll(modules, indexDistributions(wider), ctx.fs);
  const again = await evaluateEach(relocated, ctx, withAnswersFor(probe, relocated, ctx));
  return byModuleId(relocated, again.audits);
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
