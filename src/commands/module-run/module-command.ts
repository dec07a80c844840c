/**
 * resolve, warm, install and verify are one pipeline cut at different points (docs/architecture.md). The run is a
 * plain sequence of stages, each handed the values the one before returned:
 * declarations + resolution -> pins and clones (+ CI cache) -> bundle packages -> batched install -> audit -> report.
 */

import type { ModuleCommand } from '../../model.js';
import { registerEnvironment } from '../../module-cache/environment-registry.js';
import type { CachePlan, PipelineOptions, PipelinePorts } from '../../pipeline-options.js';
import type { PythonSession } from '../../python/python-session.js';
import { buildReport, CACHE_OFF, reportedEnvironment } from '../../report/build-report.js';
import type { EnvironmentFinding, Report } from '../../report/report.js';
import { environmentFindings as sharedCauses } from '../../stages/install/failure-words.js';
import type { InstallerName } from '../../stages/install/install-command.js';
import type { CacheGuard } from '../guards/cache-guard.js';
import { lockedRun } from '../lock/locked-run.js';
import { environmentStage } from '../shared-stages/environment-stage.js';
import { fetchContextFor } from '../shared-stages/fetch-context.js';
import { loadAndResolve } from '../shared-stages/load-and-resolve.js';
import { runVerdict } from '../shared-stages/verdict.js';
import { auditEnvironment, auditStage } from './audit-stage.js';
import { type BundlePackageResult, bundlePackageStage } from './bundle-package-stage.js';
import { includeLocator } from './include-locator.js';
import { type InstallStageOptions, installStage } from './install-stage.js';
import { initialOutcomes, type ModuleOutcome, toReportModules } from './module-outcome.js';
import { phaseTimer } from './phase-timer.js';
import { warmStage } from './warm-stage.js';

export interface ModuleCommandResult {
  readonly report: Report;
  readonly cachePlan: CachePlan | null;
}

/** Which stages a command runs. */
interface RunPlan {
  /** Pins refs and fetches what the module cache lacks (and includes). */
  readonly fetches: boolean;
  /** `verify --no-install`: audits the environment as it is; clones are only looked at, never fetched. */
  readonly inspectOnly: boolean;
  readonly installs: boolean;
  readonly audits: boolean;
}

function runPlan(command: ModuleCommand, options: Pick<PipelineOptions, 'install'>): RunPlan {
  const inspectOnly = command === 'verify' && !options.install;
  return {
    fetches: command !== 'resolve' && !inspectOnly,
    inspectOnly,
    installs: command === 'install' || (command === 'verify' && options.install),
    audits: command === 'verify',
  };
}

export async function runModuleCommand(
  command: ModuleCommand,
  options: PipelineOptions,
  ports: PipelinePorts,
  guard: CacheGuard,
): Promise<ModuleCommandResult> {
  const plan = runPlan(command, options);
  const lap = phaseTimer(ports.clock, ports.logger);
  const locked = lockedRun(options, ports);
  // install and verify answer for the environment as Amplifier will load it: an unreachable remote leaves the cached
  // clone standing (with a warning); warm's point is the remote's answer, so there it fails.
  const baseContext = { ...fetchContextFor(options, ports), cachedWhenUnreachable: plan.installs || plan.audits };
  // The lock is read once the declaration files are known; from then on its commits are the pins.
  const fetchContext = () => locked?.fetchContext(baseContext) ?? baseContext;
  const environment = environmentStage(options, ports, plan.installs || plan.audits);

  // Declarations and resolution.
  const includes = includeLocator(
    { fetches: plan.fetches, home: options.home, locked, fetchContext, environment, guard },
    ports,
  );
  const declared = await loadAndResolve(options, ports, {
    locateGitInclude: includes.locate,
    environment,
    onFiles: locked?.onFiles,
  });
  // The environment's answer (it was opened once the declarations were read) before the cache is held: a run that
  // cannot install clones nothing and writes nothing.
  const session = await environment();
  const initial = initialOutcomes(declared.resolved, ports.wording);
  const compared = locked?.compare(initial);
  let modules = compared?.modules ?? initial;
  const warnings = [...declared.warnings, ...includes.stoodIn(), ...(compared?.warnings ?? [])];
  lap('resolve');

  // Pins and clones: fetched (and the CI cache restored), or for `verify --no-install` only looked at.
  let cache = CACHE_OFF;
  let cachePlan: CachePlan | null = null;
  if (command !== 'resolve') await guard.hold();
  if (plan.fetches) {
    const warmed = await warmStage(modules, options, ports, fetchContext());
    ({ modules, cache, cachePlan } = warmed);
    warnings.push(...warmed.warnings);
    lap('pin and fetch');
  } else if (plan.inspectOnly) {
    const offline = { ...fetchContext(), offline: true, checkTrackedFiles: false };
    ({ modules } = await warmStage(modules, { ...options, cache: false }, ports, offline, { missingIsFine: true }));
    lap('clone check');
  }

  const installed =
    (plan.installs || plan.audits) && session
      ? await installAndAudit(plan, modules, declared.bundleRoots, options, ports, guard, session, lap)
      : null;
  modules = installed?.modules ?? modules;
  const reportModules = toReportModules(modules);
  const bundleRows = installed?.bundles?.rows ?? [];
  return {
    report: buildReport({
      command,
      ok:
        runVerdict(reportModules, { unresolvedIncludes: declared.unresolvedIncludes, warnings }, options.strict) &&
        bundleRows.every((row) => row.status === 'ok'),
      python: session?.environment.python ?? null,
      // install and verify say which environment they installed into or audited, and why (one rule for every command).
      ...(installed && session ? { environment: reportedEnvironment(session.environment) } : {}),
      installer: installed?.installer ?? null,
      cache,
      modules: reportModules,
      unresolvedIncludes: declared.unresolvedIncludes,
      warnings,
      environmentFindings: installed?.environmentFindings ?? [],
      bundlePackages: bundleRows,
      lockedBy: locked?.file() ?? null,
    }),
    cachePlan,
  };
}

/** What the environment's part reads of the run's options: the install stage's and the audit's. */
type InstallAndAuditOptions = InstallStageOptions & Pick<PipelineOptions, 'importCheck'>;

interface InstalledAndAudited {
  readonly modules: readonly ModuleOutcome[];
  readonly bundles: BundlePackageResult | null;
  readonly installer: InstallerName | null;
  /** A cause bundle packages and modules share (the Amplifier runtime missing), said once for all of them. */
  readonly environmentFindings: readonly EnvironmentFinding[];
}

/**
 * The environment's part of install and verify: bundle packages first (modules may import from them, as Amplifier's
 * Bundle.prepare installs them), then the modules the audit of the environment as it is finds wanting, then the audit
 * of what this run installed (the audits of modules left alone still hold).
 */
async function installAndAudit(
  plan: RunPlan,
  fetched: readonly ModuleOutcome[],
  bundleRoots: readonly string[],
  options: InstallAndAuditOptions,
  ports: PipelinePorts,
  guard: CacheGuard,
  session: PythonSession,
  lap: (phase: string) => void,
): Promise<InstalledAndAudited> {
  const { environment } = session;
  // Recorded before installing, so an interrupted install is still known to `prune`.
  await registerEnvironment(ports.fs, options.home, { python: environment.python, prefix: environment.prefix });
  // One run at a time changes an environment; one that waited reads it again as the other run left it.
  if (plan.installs) await guard.holdEnvironment(environment.prefix);
  const bundles =
    bundleRoots.length > 0 ? await bundlePackageStage(bundleRoots, options, ports, session, plan.installs) : null;
  if (bundles?.outcome) lap(`bundle packages: install of ${bundles.outcome.installed.length}`);
  if (!plan.installs) {
    const audited = await auditStage(fetched, options, ports, session, null);
    lap('audit');
    return { modules: audited, bundles, installer: null, environmentFindings: [] };
  }
  const before = options.reinstall ? new Map() : await auditEnvironment(fetched, options, ports, session, null);
  lap('audit before install');
  const installed = await installStage(fetched, before, options, ports, session);
  const { installer } = installed.outcome;
  lap(`install of ${installed.outcome.installed.length}`);
  const environmentFindings = sharedCauses([...(bundles?.outcome?.failed ?? []), ...installed.outcome.failed]);
  if (!plan.audits) return { modules: installed.modules, bundles, installer, environmentFindings };
  const stillValid = new Map([...before].filter(([id]) => !installed.installedIds.has(id)));
  const audited = await auditStage(installed.modules, options, ports, session, installer, stillValid);
  lap('audit of what was installed');
  return { modules: audited, bundles, installer, environmentFindings };
}
