/**
 * resolve, warm, install and verify are one pipeline cut at different points (docs/architecture.md):
 * declarations -> resolve -> pin + fetch (+ CI cache) -> batched install -> audit -> report.
 */

import type { ModuleAudit } from '../audit/audit-modules.js';
import { registerEnvironment } from '../cache/environment-registry.js';
import type { Diagnostic } from '../diagnostics.js';
import { fetchGitInclude, locateGitIncludeInCache } from '../fetch/git-include.js';
import { environmentFindings as sharedCauses } from '../install/failure-words.js';
import type { InstallerName } from '../install/install-command.js';
import type { CacheOutcome, ModuleCommand } from '../model.js';
import type { CachePlan, PipelineOptions, PipelinePorts } from '../pipeline-options.js';
import { buildReport, CACHE_OFF, reportedEnvironment } from '../report/build-report.js';
import type { EnvironmentFinding, Report } from '../report/report.js';
import { type AuditShortcuts, auditEnvironment, auditStage } from './audit-stage.js';
import { type BundlePackageResult, bundlePackageStage } from './bundle-package-stage.js';
import type { CacheGuard } from './cache-guard.js';
import { type EarlyProbe, earlyProbe, placedAClone } from './early-probe.js';
import { type EnvironmentStarter, environmentStarter } from './environment-stage.js';
import { fetchContextFor } from './fetch-context.js';
import { installStage } from './install-stage.js';
import { loadAndResolve } from './load-and-resolve.js';
import { lockedRun } from './locked-run.js';
import { initialStates, toReportModules } from './module-state.js';
import { phaseTimer } from './phase-timer.js';
import { pythonCheckBeforeFetching } from './python-check.js';
import { includeStoodIn } from './unreachable-warning.js';
import { runVerdict } from './verdict.js';
import { warmStage } from './warm-stage.js';

export interface ModuleCommandResult {
  readonly report: Report;
  readonly cachePlan: CachePlan | null;
}

export async function runModuleCommand(
  command: ModuleCommand,
  options: PipelineOptions,
  ports: PipelinePorts,
  guard: CacheGuard,
): Promise<ModuleCommandResult> {
  const installs = command === 'install' || (command === 'verify' && options.install);
  const audits = command === 'verify';
  // `verify --no-install` audits the environment as it is: it reads pins from the module cache and never fetches,
  // so a missing checkout is judged by the audit (dangling, not installed), not reported as a fetch failure.
  const inspectOnly = command === 'verify' && !options.install;
  // The audit's question rides in the interpreter session; an audit before install that a reinstall skips and an
  // import check (which imports) cannot use its answers.
  const probe = earlyProbe((inspectOnly || (installs && !options.reinstall)) && !options.importCheck);
  // install and verify need an interpreter, asked in one session; resolve and warm look at the default environment
  // only when there is one.
  const environment = environmentStarter(options, ports, installs || audits, probe.question);
  return runStages(command, options, ports, guard, { probe, environment, installs, audits, inspectOnly });
}

interface StageSwitches {
  readonly probe: EarlyProbe;
  readonly environment: EnvironmentStarter;
  readonly installs: boolean;
  readonly audits: boolean;
  readonly inspectOnly: boolean;
}

async function runStages(
  command: ModuleCommand,
  options: PipelineOptions,
  ports: PipelinePorts,
  guard: CacheGuard,
  { probe, environment: starter, installs, audits, inspectOnly }: StageSwitches,
): Promise<ModuleCommandResult> {
  const fetches = command !== 'resolve' && !inspectOnly;
  // install and verify answer for the environment as Amplifier will load it: an unreachable remote leaves the cached
  // clone standing (with a warning); warm's point is the remote's answer, so there it fails.
  const baseContext = {
    ...fetchContextFor(options, ports),
    cachedWhenUnreachable: command === 'install' || command === 'verify',
  };
  const locked = lockedRun(options, ports);
  // The lock is read once the declaration files are known; from then on its commits are the pins.
  const withLock = () => locked?.fetchContext(baseContext) ?? baseContext;
  const includeCommit = (uri: string) => locked?.includeCommit(uri) ?? null;
  const lap = phaseTimer(ports.clock, ports.logger);
  const pythonChecked = pythonCheckBeforeFetching(options, ports, installs || audits);

  // Bundle includes whose remote could not be reached, where the cached clone stood in (install and verify).
  const staleIncludes: Diagnostic[] = [];
  const loaded = await loadAndResolve(options, ports, {
    // resolve never touches the network: git includes come from the module cache or are listed as unresolved.
    locateGitInclude: fetches
      ? async (uri) => {
          await pythonChecked();
          await guard.hold();
          const fetch = () => fetchGitInclude(withLock(), includeCommit)(uri);
          const located = await (locked ? locked.locateInclude(uri, fetch) : fetch());
          const stoodIn = includeStoodIn(uri, located);
          if (stoodIn) staleIncludes.push(stoodIn);
          return located;
        }
      : (uri) => {
          const inCache = async () => {
            includeCommit(uri);
            return locateGitIncludeInCache(options.home, ports.fs)(uri);
          };
          return locked ? locked.locateInclude(uri, inCache) : inCache();
        },
    environment: starter.locate,
    onFiles: locked?.onFiles,
  });
  const states = initialStates(loaded.resolved, ports.wording);
  const warnings = [...loaded.warnings, ...staleIncludes, ...(locked?.compare(states) ?? [])];
  const fetchContext = withLock();
  // A missing interpreter stops the run before any network; install and verify wait only for the choice (their
  // session's answer comes while the module cache is checked).
  await starter.ready();
  lap('resolve');
  // The site scan reads files only, so it starts now, on the file layout's site directories, beside the module cache
  // check or the pins and the interpreter's answer. Like the early probe, it serves only an audit of the environment
  // as it was: a run that placed a clone sets it aside.
  const scanAhead = inspectOnly || (installs && !options.reinstall) ? starter.scanAhead() : null;

  let cache: CacheOutcome = CACHE_OFF;
  let cachePlan: CachePlan | null = null;
  if (command !== 'resolve') await guard.hold();
  if (fetches) {
    const warmed = await warmStage(states, options, ports, fetchContext);
    cache = warmed.cache;
    cachePlan = warmed.cachePlan;
    warnings.push(...warmed.warnings);
  } else if (inspectOnly) {
    await warmStage(
      states,
      { ...options, cache: false },
      ports,
      { ...fetchContext, offline: true },
      { missingIsFine: true },
    );
  }
  if (fetches || inspectOnly) lap(fetches ? 'pin and fetch' : 'clone check');

  let installer: InstallerName | null = null;
  const environment = await loaded.environment;
  // Recorded before installing, so an interrupted install is still known to `prune`.
  if ((installs || audits) && environment) {
    await registerEnvironment(ports.fs, options.home, { python: environment.python, prefix: environment.prefix });
  }
  // One run at a time changes an environment; one that waited reads it again as the other run left it.
  const waitedForEnvironment = installs && environment ? await guard.holdEnvironment(environment.prefix) : false;
  // What the environment holds before installing decides what to install; the audits of modules left alone still
  // hold afterwards, so verify re-audits only what this run installed.
  let stillValid: ReadonlyMap<string, ModuleAudit> = new Map();
  let environmentFindings: readonly EnvironmentFinding[] = [];
  // Bundle packages first, as Amplifier's Bundle.prepare installs them: modules may import from them.
  let bundles: BundlePackageResult | null = null;
  if ((installs || audits) && environment && loaded.bundleRoots.length > 0) {
    bundles = await bundlePackageStage(loaded.bundleRoots, options, ports, environment, installs);
    if (bundles.outcome) lap(`bundle packages: install of ${bundles.outcome.installed.length}`);
  }
  // An install changes what the early answers describe: they hold only for an environment nothing changed.
  const changed = (bundles?.outcome?.installed.length ?? 0) > 0;
  // What the session and the scan ahead learnt about the environment as it was: set aside here once a clone was
  // placed, and not offered to the audit after an install.
  const asItWas = (python: string): AuditShortcuts =>
    waitedForEnvironment || changed
      ? {}
      : {
          earlyProbe: probe.answersFor(starter.session(), states, python),
          scanAhead: placedAClone(states) ? null : scanAhead,
        };
  if (installs && environment) {
    const before = options.reinstall
      ? new Map<string, ModuleAudit>()
      : await auditEnvironment(states, options, ports, environment, null, asItWas(environment.python));
    lap('audit before install');
    const installed = await installStage(states, before, options, ports, environment);
    installer = installed.outcome.installer;
    // A cause bundle packages and modules share (the Amplifier runtime missing) is said once for all of them.
    environmentFindings = sharedCauses([...(bundles?.outcome?.failed ?? []), ...installed.outcome.failed]);
    stillValid = new Map([...before].filter(([id]) => !installed.installedIds.has(id)));
    lap(`install of ${installed.outcome.installed.length}`);
  }
  if (audits && environment) {
    await auditStage(states, options, ports, environment, installer, {
      known: stillValid,
      ...(installs ? {} : asItWas(environment.python)),
    });
    lap(installs ? 'audit of what was installed' : 'audit');
  }

  const modules = toReportModules(states);
  return {
    report: buildReport({
      command,
      ok:
        runVerdict(modules, { unresolvedIncludes: loaded.unresolvedIncludes, warnings }, options.strict) &&
        (bundles?.rows ?? []).every((row) => row.status === 'ok'),
      python: environment?.python ?? null,
      // install and verify say which environment they installed into or audited, and why (one rule for every command).
      ...((installs || audits) && environment ? { environment: reportedEnvironment(environment) } : {}),
      installer,
      cache,
      modules,
      unresolvedIncludes: loaded.unresolvedIncludes,
      warnings,
      environmentFindings,
      bundlePackages: bundles?.rows ?? [],
      lockedBy: locked?.file() ?? null,
    }),
    cachePlan,
  };
}
