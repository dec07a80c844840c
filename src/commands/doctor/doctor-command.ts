/**
 * `doctor`: audit every editable install of an environment (default: the Amplifier uv tool venv), declared or not,
 * and with --fix reinstall each dangling one from the directory its resolution (or the newest sibling clone) gives.
 * The report says which environment was audited and why; without the Amplifier tool venv it says where it looked.
 */

import type { Diagnostic } from '../../diagnostics.js';
import type { ModuleKind } from '../../model.js';
import { registerEnvironment } from '../../module-cache/environment-registry.js';
import type { PipelineOptions, PipelinePorts } from '../../pipeline-options.js';
import { pythonSession } from '../../python/python-session.js';
import { locateTarget, type TargetEnvironment } from '../../python/target.js';
import { buildReport, reportedEnvironment } from '../../report/build-report.js';
import type { Report, ReportModule } from '../../report/report.js';
import { commandText } from '../../shell-words.js';
import { installStatePath } from '../../stages/audit/amplifier-install-state.js';
import { checkInstallState } from '../../stages/audit/install-state-check.js';
import type { CacheGuard } from '../guards/cache-guard.js';
import { expectedOrigins, expectedPaths } from '../shared-stages/declared-paths.js';
import { runVerdict } from '../shared-stages/verdict.js';
import { doctorDeclarations } from './doctor-declarations.js';
import { recordDoctorInstalls } from './doctor-record.js';
import { installStateModules } from './install-state-modules.js';
import { findQuarantinedTargets, quarantineWarning, restoreQuarantinedTargets } from './quarantine-restore.js';
import { type DoctorRepair, runDoctor } from './run-doctor.js';

/** Amplifier's naming convention is the only hint an undeclared editable gives about its kind. */
function kindFromId(id: string): ModuleKind | null {
  if (/^(loop|orchestrator)-/.test(id)) return 'orchestrator';
  if (id.startsWith('context-')) return 'context';
  if (id.startsWith('provider-')) return 'provider';
  if (id.startsWith('tool-')) return 'tool';
  if (/^hooks?-/.test(id)) return 'hook';
  return null;
}

/** Auditing another environment than the Amplifier CLI's own is worth saying: its modules may differ. */
function notTheAmplifierVenv(environment: TargetEnvironment): Diagnostic[] {
  if (environment.chosenBy === 'amplifier-tool-venv' || environment.chosenBy === '--python') return [];
  return [
    {
      code: 'no-amplifier-venv',
      message: `no Amplifier CLI tool venv was found, so doctor audited ${environment.prefix} instead (${environment.reason})`,
      fix: 'pass --python with the interpreter of the environment Amplifier runs in, e.g. --python ~/.local/share/uv/tools/amplifier/bin/python',
    },
  ];
}

/**
 * The command that repairs a dangling editable doctor cannot: with a declaration, `install` fetches the declared clone
 * and installs it; without one, the file that declares it must be named, or the leftover uninstalled.
 */
function whatRepairs(repair: DoctorRepair, options: PipelineOptions, python: string, declared: boolean): string {
  const scope = options.profiles.length > 0 ? options.profiles.flatMap((p) => ['-p', p]) : ['--session'];
  const install = commandText(['amplifier-modules', 'install', ...scope, '--python', python]);
  if (declared) return `${install} (fetches the declared clone and reinstalls it; then doctor finds it ok)`;
  const uninstall = commandText([python, '-m', 'pip', 'uninstall', '-y', repair.distribution]);
  return `name the bundle or profile that declares ${repair.id}: ${commandText(['amplifier-modules', 'install', '-p', 'FILE', '--python', python])}; or, when nothing uses it any more, ${uninstall}`;
}

export async function doctorCommand(
  options: PipelineOptions,
  ports: PipelinePorts,
  guard: CacheGuard,
): Promise<Report> {
  const environment = await locateTarget(
    { explicit: options.python, workspace: options.workspace, purpose: 'doctor' },
    ports,
  );
  const { python } = environment;
  const session = pythonSession(environment, ports, options.workspace);
  const { loaded, chosen } = await doctorDeclarations(options, ports, session);
  const declared = new Map((loaded?.resolved ?? []).map((r) => [r.declaration.id, r]));
  if (options.fix) {
    // --fix reinstalls from the module cache: the cache must not be pruned under it, and prune must know this
    // environment uses it from now on.
    await guard.hold();
    await registerEnvironment(ports.fs, options.home, { python, prefix: environment.prefix });
    // One run at a time changes an environment: a verify or install in progress finishes first.
    await guard.holdEnvironment(environment.prefix);
  }
  // A target prune moved into its quarantine comes back by a rename before the audit: no reinstall, no network.
  const quarantined = await findQuarantinedTargets(ports.fs, options.home, environment);
  const quarantineNotes = options.fix
    ? await restoreQuarantinedTargets(ports.fs, quarantined, ports.logger)
    : quarantined.map(quarantineWarning);
  const result = await runDoctor(
    {
      fs: ports.fs,
      exec: ports.exec,
      session,
      importCheck: options.importCheck,
      logger: ports.logger,
      expected: expectedPaths(loaded),
      origins: expectedOrigins(loaded),
      env: ports.env,
      installerChoice: options.installer,
      installerArgs: options.installerArgs,
    },
    { fix: options.fix },
  );
  if (options.fix) {
    const installed = result.fix?.installed.map((r) => r.path) ?? [];
    const intact = result.entries.flatMap((e) =>
      e.audit.status === 'ok' && e.audit.installedFrom ? [e.audit.installedFrom] : [],
    );
    await recordDoctorInstalls(ports, options.home, environment, installed, intact);
  }
  const reinstalled = new Map(result.reinstalled.map((r) => [r.id, r]));
  const modules: ReportModule[] = result.entries.map(({ id, distribution, audit }) => {
    const resolved = declared.get(id);
    const repair = reinstalled.get(id);
    const findings = repair
      ? [
          ...audit.findings,
          {
            code: 'reinstalled-by-doctor' as const,
            message: `doctor --fix reinstalled it from ${repair.path}: ${repair.why}`,
            target: repair.path ?? undefined,
          },
        ]
      : audit.findings;
    const installedFrom = audit.installedFrom;
    return {
      id,
      kind: resolved?.declaration.kind ?? kindFromId(id),
      agent: null,
      declaredAt: resolved?.declaration.declaredAt ?? null,
      declaredSource: null,
      resolution: {
        layer: resolved?.resolution.layer ?? null,
        source: installedFrom
          ? {
              type: 'file',
              uri: `file://${installedFrom}`,
              url: null,
              ref: null,
              subdirectory: null,
              commit: null,
              path: installedFrom,
              name: distribution,
            }
          : null,
        trail: resolved?.resolution.trail ?? [],
      },
      path: installedFrom,
      status: audit.status,
      findings,
      fix: audit.status === 'ok' ? null : (audit.findings.find((f) => f.fix)?.fix ?? null),
    };
  });
  for (const orphan of result.orphans) {
    modules.push({
      id: orphan.file.split('/').pop() ?? orphan.file,
      kind: null,
      agent: null,
      declaredAt: null,
      declaredSource: null,
      resolution: { layer: null, source: null, trail: [] },
      path: null,
      status: 'dangling',
      findings: orphan.findings,
      fix: orphan.findings.find((f) => f.fix)?.fix ?? null,
    });
  }
  // After any reinstall above, so the install state is judged against the environment as --fix left it.
  const installState = await checkInstallState({ fs: ports.fs, known: environment }, installStatePath(options.home), {
    fix: options.fix,
  });
  if (installState) modules.push(...installStateModules(installState, kindFromId));
  const warnings = [...(loaded?.warnings ?? []), ...notTheAmplifierVenv(environment), ...quarantineNotes];
  for (const note of installState?.notes ?? []) warnings.push({ code: 'install-state', message: note });
  for (const repair of result.unfixable) {
    warnings.push({
      code: 'unfixable',
      message: `${repair.id}: dangling, and nothing to reinstall it from: ${repair.why}`,
      fix: whatRepairs(repair, options, python, declared.has(repair.id)),
    });
  }
  const unresolvedIncludes = loaded?.unresolvedIncludes ?? [];
  return buildReport({
    command: 'doctor',
    ok: runVerdict(modules, { unresolvedIncludes, warnings }, options.strict),
    python,
    environment: reportedEnvironment(environment),
    declarations: chosen,
    installer: result.fix?.installer ?? null,
    modules,
    unresolvedIncludes,
    warnings,
  });
}
