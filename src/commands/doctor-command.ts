/**
 * `doctor`: audit every editable install of an environment (default: the Amplifier uv tool venv), declared or not,
 * and with --fix reinstall each dangling one from the directory its resolution (or the newest sibling clone) gives.
 * The report says which environment was audited and why; without the Amplifier tool venv it says where it looked.
 */

import { installStatePath } from '../audit/install-state.js';
import { checkInstallState } from '../audit/install-state-check.js';
import { registerEnvironment } from '../cache/environment-registry.js';
import type { Diagnostic } from '../diagnostics.js';
import { locateTarget, type TargetEnvironment } from '../environment/target.js';
import type { ModuleKind } from '../model.js';
import type { PipelineOptions, PipelinePorts } from '../pipeline-options.js';
import { buildReport } from '../report/build-report.js';
import type { Report, ReportModule } from '../report/report.js';
import type { CacheGuard } from './cache-guard.js';
import { expectedOrigins, expectedPaths, optionalDeclarations } from './declared-paths.js';
import { installStateModules } from './install-state-modules.js';
import { findQuarantinedTargets, quarantineWarning, restoreQuarantinedTargets } from './quarantine-restore.js';
import { runDoctor } from './run-doctor.js';

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
  const loaded = await optionalDeclarations(options, ports, environment);
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
      python,
      environment,
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
  const modules: ReportModule[] = result.entries.map(({ id, distribution, audit }) => {
    const resolved = declared.get(id);
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
      findings: audit.findings,
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
  for (const id of result.unfixable) {
    warnings.push({
      code: 'unfixable',
      message: `${id}: dangling, and no directory to reinstall from exists whose recorded origin (URL and ref in its cache metadata) is the module's source; run amplifier-modules warm first`,
    });
  }
  return buildReport({
    command: 'doctor',
    ok: modules.every((m) => m.status === 'ok'),
    python,
    environment: {
      python,
      executable: environment.executable,
      prefix: environment.prefix,
      reason: environment.reason,
    },
    installer: result.fix?.installer ?? null,
    modules,
    unresolvedIncludes: loaded?.unresolvedIncludes,
    warnings,
  });
}
