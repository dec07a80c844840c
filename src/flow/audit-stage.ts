/** The import-target audit of every declared module that is still ok: one scan, one Python process. */
import { auditModules } from '../audit/audit-modules.js';
import type { PythonEnvironment } from '../audit/environment.js';
import type { PipelineOptions, PipelinePorts } from '../pipeline-options.js';
import { fail, type ModuleState } from './module-state.js';

export async function auditStage(
  states: readonly ModuleState[],
  options: PipelineOptions,
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
    const fix = audit.findings.find((f) => f.fix)?.fix ?? null;
    fail(state, audit.status, audit.findings, fix);
  }
}
