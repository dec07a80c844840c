/**
 * The verify step: for each module, what the environment's files say (TypeScript scan) and what the import system
 * answers (one probe process), turned into a status and findings, each failure with the command that fixes it.
 */
import type { Exec, FileSystem, Logger } from '../ports.js';
import { type CacheClonePath, findSiblings, locateClone } from './cache-siblings.js';
import { type CloneOrigin, originMismatch } from './clone-origin.js';
import type { EntryPoint } from './dist-info.js';
import type { PythonEnvironment } from './environment.js';
import { normalizeDistName } from './environment.js';
import { type AuditFinding, type AuditStatus, type FindingCode, worstStatus } from './findings.js';
import { type FixInstaller, reinstallFix } from './fix-command.js';
import { isWithinAny } from './path-within.js';
import { type ProbeAnswer, type ProbeRequest, type ProbeResult, runProbe } from './probe.js';
import { readProjectName } from './project-name.js';
import { type EditableTarget, type InstalledDist, type SiteScan, scanSitePackages } from './site-scan.js';

export interface AuditModuleInput {
  readonly id: string;
  /** Where the resolution says the module's source is (null for package sources). */
  readonly expectedPath: string | null;
  /** The declared git source (URL and ref): a clone is reinstalled from only when its metadata records this origin. */
  readonly origin?: CloneOrigin | null | undefined;
  /** Set when the install step failed for this module: the installer's message. */
  readonly installError?: string | null | undefined;
}

export interface ModuleAudit {
  readonly status: AuditStatus;
  readonly findings: readonly AuditFinding[];
  /** The directory the editable install points at (direct_url.json or egg-link), null when not installed editable. */
  readonly installedFrom: string | null;
  /** The installed distribution's name. */
  readonly distribution: string | null;
  /** The dotted module the import system was asked for, null when there was none to ask about. */
  readonly importName: string | null;
  /** Where the import system finds it, when it does. */
  readonly origin: string | null;
  /** The directory a reinstall should use (expected dir, or the newest sibling clone), null when none exists. */
  readonly reinstallFrom: string | null;
}

export interface AuditContext {
  readonly fs: FileSystem;
  readonly exec: Exec;
  readonly python: string;
  readonly environment: PythonEnvironment;
  /** Also import each module (catches missing dependencies). */
  readonly importCheck: boolean;
  readonly logger: Logger;
  /** The installer the fix commands name; by default the one that installed the dist (`INSTALLER`), else pip. */
  readonly installer?: FixInstaller | undefined;
}

const TARGET_CODE: Readonly<Record<EditableTarget['kind'], FindingCode>> = {
  'direct-url': 'editable-target-missing',
  'pth-path': 'pth-target-missing',
  'pth-import': 'pth-hook-missing',
  'finder-mapping': 'finder-target-missing',
  'editables-mapping': 'finder-target-missing',
  'egg-link': 'egg-link-target-missing',
  'link-tree-entry': 'link-target-missing',
};

const TARGET_WORDS: Readonly<Record<EditableTarget['kind'], string>> = {
  'direct-url': 'direct_url.json of the editable install records',
  'pth-path': 'puts on sys.path',
  'pth-import': 'imports the hook module',
  'finder-mapping': 'maps the package to',
  'editables-mapping': 'redirects the package to',
  'egg-link': 'links the project at',
  'link-tree-entry': 'has a broken link at',
};

/** The conventional import package of a module id (REFERENCE 6), used when no entry point names one. */
export function conventionalImportName(id: string): string {
  return `amplifier_module_${id.replace(/[-.]/g, '_')}`;
}

async function exists(fs: FileSystem, path: string | null): Promise<boolean> {
  return path !== null && (await fs.stat(path)) !== null;
}

export interface Located {
  readonly dist: InstalledDist | null;
  readonly entryPoint: EntryPoint | null;
  readonly findings: AuditFinding[];
}

interface ScanIndex {
  /** Distributions by the amplifier.modules entry-point names they declare, in scan order. */
  readonly byEntryPoint: ReadonlyMap<string, readonly InstalledDist[]>;
  /** Distributions by normalised name, in scan order. */
  readonly byKey: ReadonlyMap<string, readonly InstalledDist[]>;
  /** Each distribution's position in the scan. */
  readonly order: ReadonlyMap<InstalledDist, number>;
}

const scanIndexes = new WeakMap<SiteScan, ScanIndex>();

/** Built once per scan, so locating N modules among M distributions costs N + M, not N x M. */
function indexOf(scan: SiteScan): ScanIndex {
  const known = scanIndexes.get(scan);
  if (known) return known;
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
  const index = { byEntryPoint, byKey, order };
  scanIndexes.set(scan, index);
  return index;
}

/** The distribution that provides the module: by entry point id first, then by the project's or conventional name. */
async function locateDist(input: AuditModuleInput, scan: SiteScan, fs: FileSystem): Promise<Located> {
  const findings: AuditFinding[] = [];
  const index = indexOf(scan);
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

/** Whether `dir` may be reinstalled from: any directory of a non-git source, a clone only when its origin matches. */
async function fromOrigin(fs: FileSystem, dir: string, origin: CloneOrigin | null, logger: Logger): Promise<boolean> {
  if (origin === null) return true;
  const mismatch = await originMismatch(fs, dir, origin);
  if (mismatch) logger.debug(`not reinstalling from ${dir}: ${mismatch}`);
  return mismatch === null;
}

/**
 * Where a reinstall should come from: the expected dir, else the newest sibling clone of the recorded one whose
 * metadata records the declared origin. Without a declared git origin no sibling is trusted: a clone sharing the
 * repository's name may be a fork's.
 */
async function reinstallSource(
  fs: FileSystem,
  input: AuditModuleInput,
  recorded: readonly string[],
  logger: Logger,
): Promise<string | null> {
  const origin = input.origin ?? null;
  const expected = input.expectedPath;
  if (expected !== null && (await exists(fs, expected)) && (await fromOrigin(fs, expected, origin, logger)))
    return expected;
  if (origin !== null) {
    for (const path of recorded) {
      const clone = locateClone(path);
      if (!clone) continue;
      for (const sibling of await findSiblings(fs, clone)) {
        if (await fromOrigin(fs, sibling.path, origin, logger)) return sibling.path;
      }
    }
  }
  for (const path of recorded) if (await exists(fs, path)) return path;
  return null;
}

function describeRotation(from: CacheClonePath | null, to: CacheClonePath | null): string {
  if (from && to && from.repo === to.repo && from.hash !== to.hash) {
    return ` (the module cache moved ${from.repo} from hash ${from.hash} to ${to.hash}; the editable install was not refreshed)`;
  }
  return '';
}

async function targetFindings(
  dist: InstalledDist,
  expectedPath: string | null,
  fs: FileSystem,
  fix: string | undefined,
  newPath: string | null,
): Promise<AuditFinding[]> {
  const findings: AuditFinding[] = [];
  for (const target of dist.targets) {
    if (target.exists) continue;
    const now = newPath && newPath !== target.target ? `; the module is now at ${newPath}` : '';
    const rotation = describeRotation(locateClone(target.target), newPath ? locateClone(newPath) : null);
    findings.push({
      code: TARGET_CODE[target.kind],
      message: `${target.file} ${TARGET_WORDS[target.kind]} ${target.target}, which does not exist${now}${rotation}`,
      file: target.file,
      target: target.target,
      fix,
    });
  }
  if (!expectedPath) return findings;
  if (!dist.editable) {
    findings.push({
      code: 'installed-not-editable',
      message: `${dist.info.name} is installed as a regular (not editable) package, so ${expectedPath} is not what gets imported`,
      file: dist.info.dir,
      fix,
    });
    return findings;
  }
  const pointers = dist.targets.filter((t) => t.exists && t.kind !== 'pth-import' && t.kind !== 'link-tree-entry');
  for (const target of pointers) {
    if (await isWithinAny(fs, target.target, expectedPath)) continue;
    const rotation = describeRotation(locateClone(target.target), locateClone(expectedPath));
    findings.push({
      code: 'installed-from-other-dir',
      message: `${target.file} points at ${target.target}, but the module resolves to ${expectedPath}${rotation}`,
      file: target.file,
      target: target.target,
      fix,
    });
    break;
  }
  return findings;
}

/**
 * Without a declaration to compare with (doctor), other clones of the same repository are worth a note: the
 * editable works today, but it is the latent state of seeds/000 (two hashes, one of them pruned some day).
 */
async function siblingNotes(dist: InstalledDist, fs: FileSystem): Promise<AuditFinding[]> {
  if (!dist.editable || !dist.installedFrom || dist.targets.some((t) => !t.exists)) return [];
  const clone = locateClone(dist.installedFrom);
  if (!clone) return [];
  const siblings = await findSiblings(fs, clone);
  if (siblings.length === 0) return [];
  return [
    {
      code: 'sibling-clone',
      message: `the editable uses ${clone.dirName}; other clones of ${clone.repo} exist: ${siblings.map((s) => s.path).join(', ')}`,
      target: dist.installedFrom,
    },
  ];
}

async function probeFindings(
  result: ProbeResult | undefined,
  located: Located,
  expectedPath: string | null,
  fs: FileSystem,
  fix: string | undefined,
): Promise<AuditFinding[]> {
  if (!result) return [];
  const findings: AuditFinding[] = [];
  const name = result.module;
  if (result.specError) {
    findings.push({ code: 'find-spec-error', message: `find_spec('${name}') raised ${result.specError}`, fix });
    return findings;
  }
  if (!result.found) {
    if (located.entryPoint && !located.dist?.targets.some((t) => !t.exists)) {
      findings.push({
        code: 'entry-point-module-missing',
        message: `the entry point ${located.entryPoint.name} = ${located.entryPoint.value} names module '${name}', which the import system cannot find`,
        file: located.dist?.info.dir,
        fix: `fix the entry point in pyproject.toml or the package layout, then ${fix ?? 'reinstall'}`,
      });
    } else {
      findings.push({
        code: 'module-not-found',
        message: `find_spec('${name}') returns None: Python cannot import the module`,
        fix,
      });
    }
    return findings;
  }
  if (result.originExists === false && result.origin) {
    findings.push({
      code: 'origin-missing',
      message: `find_spec('${name}') names ${result.origin}, which does not exist (an import hook points at a removed directory)`,
      target: result.origin,
      fix,
    });
  }
  for (const location of result.locations) {
    if (location.exists) continue;
    findings.push({
      code: 'search-location-missing',
      message: `the package path ${location.path} of '${name}' does not exist`,
      target: location.path,
      fix,
    });
  }
  const where = result.origin ?? result.locations[0]?.path ?? null;
  if (expectedPath && where && result.originExists !== false && !(await isWithinAny(fs, where, expectedPath))) {
    findings.push({
      code: 'origin-other-dir',
      message: `Python imports '${name}' from ${where}, not from ${expectedPath}`,
      target: where,
      fix,
    });
  }
  if (result.importError) {
    findings.push({
      code: 'import-error',
      message: `import ${name} failed: ${result.importError}`,
      fix: 'install the missing dependency (reinstall without --no-deps) or fix the module code',
    });
  } else if (result.attrFound === false && located.entryPoint?.attr) {
    findings.push({
      code: 'entry-point-attr-missing',
      message: `module '${name}' has no attribute '${located.entryPoint.attr}' named by the entry point ${located.entryPoint.name}`,
      fix: `define ${located.entryPoint.attr} in ${name} or fix the entry point`,
    });
  }
  return findings;
}

/** What one module's audit starts from: the request, the distribution found for it, and the module to probe. */
export interface LocatedModule {
  readonly input: AuditModuleInput;
  readonly located: Located;
  /** null: nothing to ask the import system (an editable that declares no Amplifier module). */
  readonly importName: string | null;
}

export function locatedFromDist(input: AuditModuleInput, dist: InstalledDist): LocatedModule {
  const entryPoint = dist.info.amplifierEntryPoints.find((ep) => ep.name === input.id) ?? null;
  return { input, located: { dist, entryPoint, findings: [] }, importName: entryPoint?.module ?? null };
}

const probeIndexes = new WeakMap<ProbeAnswer, ReadonlyMap<string, ProbeResult>>();

/** The probe's answers by module name (first answer wins), built once per probe. */
function resultsOf(probe: ProbeAnswer | null): ReadonlyMap<string, ProbeResult> {
  if (!probe) return new Map();
  let index = probeIndexes.get(probe);
  if (!index) {
    const byModule = new Map<string, ProbeResult>();
    for (const result of probe.results) if (!byModule.has(result.module)) byModule.set(result.module, result);
    index = byModule;
    probeIndexes.set(probe, index);
  }
  return index;
}

async function evaluate(item: LocatedModule, probe: ProbeAnswer | null, ctx: AuditContext): Promise<ModuleAudit> {
  const { fs } = ctx;
  const { input, located, importName } = item;
  const { dist } = located;
  const recorded = dist ? dist.targets.map((t) => t.target) : [];
  const reinstallFrom = await reinstallSource(fs, input, recorded, ctx.logger);
  const installer: FixInstaller = ctx.installer ?? (dist?.info.installer === 'uv' ? 'uv' : 'pip');
  const fix = reinstallFrom ? reinstallFix(installer, ctx.python, reinstallFrom) : undefined;
  const findings: AuditFinding[] = [];
  if (input.installError) {
    findings.push({ code: 'install-failed', message: `the installer failed: ${input.installError}`, fix });
  }
  findings.push(...located.findings);
  if (!dist) {
    findings.push({
      code: 'not-installed',
      message: `no distribution in ${ctx.environment.prefix} provides the amplifier.modules entry point '${input.id}'`,
      target: input.expectedPath ?? undefined,
      fix: fix ?? 'fetch the module first (amplifier-modules warm), then install it',
    });
  } else {
    findings.push(...(await targetFindings(dist, input.expectedPath, fs, fix, reinstallFrom)));
    if (!input.expectedPath) findings.push(...(await siblingNotes(dist, fs)));
  }
  const result = importName === null ? undefined : resultsOf(probe).get(importName);
  if (dist) findings.push(...(await probeFindings(result, located, input.expectedPath, fs, fix)));
  return {
    status: worstStatus(findings),
    findings,
    installedFrom: dist?.installedFrom ?? null,
    distribution: dist?.info.name ?? null,
    importName,
    origin: result?.origin ?? null,
    reinstallFrom,
  };
}

function probeRequests(items: readonly LocatedModule[]): ProbeRequest[] {
  const seen = new Map<string, ProbeRequest>();
  for (const item of items) {
    if (item.importName === null || seen.has(item.importName)) continue;
    seen.set(item.importName, { module: item.importName, attr: item.located.entryPoint?.attr ?? null });
  }
  return [...seen.values()];
}

async function locateAll(
  modules: readonly AuditModuleInput[],
  scan: SiteScan,
  fs: FileSystem,
): Promise<LocatedModule[]> {
  return Promise.all(
    modules.map(async (input) => {
      const located = await locateDist(input, scan, fs);
      return { input, located, importName: located.entryPoint?.module ?? conventionalImportName(input.id) };
    }),
  );
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
  return Promise.all(items.map((item) => evaluate(item, probe, ctx)));
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
  return runProbe({ exec: ctx.exec, python: ctx.python, modules: requests, importCheck: ctx.importCheck });
}

/** Scans the environment, then asks the import system once for every module's import name. */
export async function auditModules(
  modules: readonly AuditModuleInput[],
  ctx: AuditContext,
): Promise<Map<string, ModuleAudit>> {
  // Python's start-up is the largest single cost of an audit. Without --import, asking about a module has no side
  // effects, so ask about the conventional import names while the site-packages scan runs; only modules whose entry
  // point names another module cost a second (small) probe.
  const speculative = ctx.importCheck ? null : speculativeProbe(modules, ctx);
  let scan = await scanSitePackages(ctx.fs, ctx.environment.sitePackages);
  let items = await locateAll(modules, scan, ctx.fs);
  let probe = speculative ? await completeProbe(await speculative, items, ctx) : await probeLocated(items, ctx);
  const extra = probe ? await unknownSiteDirs(ctx.fs, scan.sitePackages, probe.sitePackages) : [];
  if (probe && extra.length > 0) {
    ctx.logger.debug(`also scanning site directories Python reports: ${extra.join(', ')}`);
    scan = await scanSitePackages(ctx.fs, [...scan.sitePackages, ...extra]);
    items = await locateAll(modules, scan, ctx.fs);
    probe = await completeProbe(probe, items, ctx);
  }
  return auditLocated(items, ctx, probe);
}

type Settled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

/** Started before the scan; settled into a value so a failure surfaces where it is awaited, not as an unhandled one. */
function speculativeProbe(
  modules: readonly AuditModuleInput[],
  ctx: AuditContext,
): Promise<Settled<ProbeAnswer>> | null {
  const names = [...new Set(modules.map((m) => conventionalImportName(m.id)))];
  if (names.length === 0) return null;
  return runProbe({
    exec: ctx.exec,
    python: ctx.python,
    modules: names.map((module) => ({ module, attr: null })),
    importCheck: false,
  }).then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}

/** Adds answers for the import names the probe was not asked about yet. */
async function completeProbe(
  first: Settled<ProbeAnswer> | ProbeAnswer | null,
  items: readonly LocatedModule[],
  ctx: AuditContext,
): Promise<ProbeAnswer | null> {
  let probe: ProbeAnswer | null;
  if (first === null || 'results' in first) probe = first;
  else if (first.ok) probe = first.value;
  else throw first.error;
  if (probe === null) return probeLocated(items, ctx);
  const probed = new Set(probe.results.map((r) => r.module));
  const missing = items.filter((i) => i.importName !== null && !probed.has(i.importName));
  const more = await probeLocated(missing, ctx);
  return more ? { ...probe, results: [...probe.results, ...more.results] } : probe;
}
