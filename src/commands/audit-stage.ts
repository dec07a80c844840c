/** The import-target audit of every declared module that is still ok: one scan, one Python process. */
import { auditModules, type ModuleAudit } from '../audit/audit-modules.js';
import { reinstallFix } from '../audit/fix-command.js';
import type { PythonEnvironment } from '../environment/locate.js';
import type { PipelineOptions, PipelinePorts } from '../pipeline-options.js';
import { fail, type ModuleState } from './module-state.js';

/** The finding's own fix when it has one; otherwise reinstall from where the resolution says the module is. */
function auditFix(state: ModuleState, audit: ModuleAudit, python: string, installer: 'uv' | 'pip' | null): string {
  const own = audit.findings.find((f) => f.fix)?.fix;
  if (own) return own;
  const dir = audit.reinstallFrom ?? (state.source?.type === 'package' ? null : state.resolved.resolution.path);
  if (dir) return reinstallFix(installer ?? 'pip', python, dir);
  const at = state.resolved.declaration.declaredAt;
  return `the module's directory is gone: restore it, or point the source at ${at.file}:${at.line} to where the module now is, then run amplifier-modules install`;
}

export async function auditStage(
  states: readonly ModuleState[],
  options: Pick<PipelineOptions, 'importCheck'>,
  ports: PipelinePorts,
  environment: PythonEnvironment,
  installer: 'uv' | 'pip' | null,
): Promise<void> {
  const audited = states.filter((s) => s.status === 'ok' && !s.nonPython);
  const inputs = new Map<string, string | null>();
  for (const state of audited) {
    const id = state.resolved.declaration.id;
    if (!inputs.has(id))
      inputs.set(id, state.resolved.resolution.layer === 'package' ? null : state.resolved.resolution.path);
  }
  const results = await auditModules(
    [...inputs].map(([id, expectedPath]) => ({ id, expectedPath })),
    {
      fs: ports.fs,
      exec: ports.exec,
      python: environment.python,
      environment,
      importCheck: options.importCheck,
      logger: ports.logger,
      ...(installer ? { installer } : {}),
    },
  );
  for (const state of audited) {
    const audit = results.get(state.resolved.declaration.id);
    if (!audit) continue;
    if (audit.status === 'ok') {
      state.findings.push(...audit.findings);
      continue;
    }
    fail(state, audit.status, audit.findings, auditFix(state, audit, environment.python, installer));
  }
}
