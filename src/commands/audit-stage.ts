/** The import-target audit of every declared module that is still ok: one scan, one Python process. */
import { type AuditModuleInput, auditModules, type ModuleAudit, type Settled } from '../audit/audit-modules.js';
import { reinstallFix } from '../audit/fix-command.js';
import type { ScanAhead } from '../audit/module-audit.js';
import type { ProbeAnswer } from '../audit/probe.js';
import type { PythonEnvironment } from '../environment/locate.js';
import type { InstallerName } from '../install/install-command.js';
import type { PipelineOptions, PipelinePorts } from '../pipeline-options.js';
import { fail, type ModuleState } from './module-state.js';

/** The finding's own fix when it has one; otherwise reinstall from where the resolution says the module is. */
function auditFix(state: ModuleState, audit: ModuleAudit, python: string, installer: InstallerName | null): string {
  const own = audit.findings.find((f) => f.fix)?.fix;
  if (own) return own;
  const dir = audit.reinstallFrom ?? (state.source?.type === 'package' ? null : state.resolved.resolution.path);
  if (dir) return reinstallFix(installer ?? 'pip', python, dir);
  const at = state.resolved.declaration.declaredAt;
  return `the module's directory is gone: restore it, or point the source at ${at.file}:${at.line} to where the module now is, then run amplifier-modules install`;
}

function audited(states: readonly ModuleState[]): ModuleState[] {
  return states.filter((s) => s.status === 'ok' && !s.nonPython);
}

export interface AuditShortcuts {
  /** Audits that still hold (modules this run did not install): not audited again. */
  readonly known?: ReadonlyMap<string, ModuleAudit> | undefined;
  /** A probe of the conventional import names started before the module cache was checked. */
  readonly earlyProbe?: Promise<Settled<ProbeAnswer>> | null | undefined;
  /** A site scan started while the interpreter was still answering (see `EnvironmentStarter.scanAhead`). */
  readonly scanAhead?: ScanAhead | null | undefined;
}

/** Audits the environment as it is for every module still ok, except the known ones: the result holds both. */
export async function auditEnvironment(
  states: readonly ModuleState[],
  options: Pick<PipelineOptions, 'importCheck'>,
  ports: PipelinePorts,
  environment: PythonEnvironment,
  installer: InstallerName | null,
  shortcuts: AuditShortcuts = {},
): Promise<Map<string, ModuleAudit>> {
  const known = shortcuts.known ?? new Map<string, ModuleAudit>();
  const inputs = new Map<string, AuditModuleInput>();
  for (const state of audited(states)) {
    const id = state.resolved.declaration.id;
    if (inputs.has(id) || known.has(id)) continue;
    const { layer, path, source } = state.resolved.resolution;
    inputs.set(id, {
      id,
      expectedPath: layer === 'package' ? null : path,
      origin: source?.type === 'git' ? { url: source.url, ref: source.ref } : null,
    });
  }
  const results = new Map(known);
  if (inputs.size === 0) return results;
  const fresh = await auditModules([...inputs.values()], {
    fs: ports.fs,
    exec: ports.exec,
    python: environment.python,
    environment,
    importCheck: options.importCheck,
    logger: ports.logger,
    earlyProbe: shortcuts.earlyProbe,
    scanAhead: shortcuts.scanAhead,
    ...(installer ? { installer } : {}),
  });
  for (const [id, audit] of fresh) results.set(id, audit);
  return results;
}

/** Turns the audits into each module's status, findings and fix. */
export function applyAudits(
  states: readonly ModuleState[],
  results: ReadonlyMap<string, ModuleAudit>,
  environment: PythonEnvironment,
  installer: InstallerName | null,
): void {
  for (const state of audited(states)) {
    const audit = results.get(state.resolved.declaration.id);
    if (!audit) continue;
    if (audit.status === 'ok') {
      state.findings.push(...audit.findings);
      continue;
    }
    fail(state, audit.status, audit.findings, auditFix(state, audit, environment.python, installer));
  }
}

export async function auditStage(
  states: readonly ModuleState[],
  options: PipelineOptions,
  ports: PipelinePorts,
  environment: PythonEnvironment,
  installer: InstallerName | null,
  shortcuts: AuditShortcuts = {},
): Promise<void> {
  const results = await auditEnvironment(states, options, ports, environment, installer, shortcuts);
  applyAudits(states, results, environment, installer);
}
