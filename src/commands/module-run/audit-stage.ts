/** The import-target audit of every declared module that is still ok: one scan, one probe of the interpreter. */

import type { PipelineOptions, PipelinePorts } from '../../pipeline-options.js';
import type { PythonSession } from '../../python/python-session.js';
import { type AuditModuleInput, auditModules, type ModuleAudit } from '../../stages/audit/audit-modules.js';
import { reinstallFix } from '../../stages/audit/fix-command.js';
import type { InstallerName } from '../../stages/install/install-command.js';
import { failed, type ModuleOutcome } from './module-outcome.js';

/** The finding's own fix when it has one; otherwise reinstall from where the resolution says the module is. */
function auditFix(module: ModuleOutcome, audit: ModuleAudit, python: string, installer: InstallerName | null): string {
  const own = audit.findings.find((f) => f.fix)?.fix;
  if (own) return own;
  const dir = audit.reinstallFrom ?? (module.source?.type === 'package' ? null : module.resolved.resolution.path);
  if (dir) return reinstallFix(installer ?? 'pip', python, dir);
  const at = module.resolved.declaration.declaredAt;
  return `the module's directory is gone: restore it, or point the source at ${at.file}:${at.line} to where the module now is, then run amplifier-modules install`;
}

function audited(module: ModuleOutcome): boolean {
  return module.status === 'ok' && !module.nonPython;
}

/**
 * The environment as it is, for every module still ok except those in `known` (audits that still hold: modules this
 * run did not install); the result holds both.
 */
export async function auditEnvironment(
  modules: readonly ModuleOutcome[],
  options: Pick<PipelineOptions, 'importCheck'>,
  ports: PipelinePorts,
  session: PythonSession,
  installer: InstallerName | null,
  known: ReadonlyMap<string, ModuleAudit> = new Map(),
): Promise<Map<string, ModuleAudit>> {
  const inputs = new Map<string, AuditModuleInput>();
  for (const module of modules.filter(audited)) {
    const id = module.resolved.declaration.id;
    if (inputs.has(id) || known.has(id)) continue;
    const { layer, path, source } = module.resolved.resolution;
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
    session,
    importCheck: options.importCheck,
    logger: ports.logger,
    ...(installer ? { installer } : {}),
  });
  for (const [id, audit] of fresh) results.set(id, audit);
  return results;
}

/** Each module with its audit's findings, failed with the audit's status and fix when the audit found a fault. */
export async function auditStage(
  modules: readonly ModuleOutcome[],
  options: Pick<PipelineOptions, 'importCheck'>,
  ports: PipelinePorts,
  session: PythonSession,
  installer: InstallerName | null,
  known: ReadonlyMap<string, ModuleAudit> = new Map(),
): Promise<ModuleOutcome[]> {
  const results = await auditEnvironment(modules, options, ports, session, installer, known);
  const { python } = session.environment;
  return modules.map((module) => {
    const audit = audited(module) ? results.get(module.resolved.declaration.id) : undefined;
    if (!audit) return module;
    if (audit.status === 'ok') return { ...module, findings: [...module.findings, ...audit.findings] };
    return failed(module, audit.status, audit.findings, auditFix(module, audit, python, installer));
  });
}
