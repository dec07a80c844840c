/**
 * The step's outputs (DESIGN.md section 4), computed from the report. Every path through main sets all of them,
 * so a workflow's `if:` on an output never reads an unset value.
 */
import type { Report } from '../report/report.js';

export const OUTPUT_NAMES = [
  'ok',
  'cache-hit',
  'cache-key',
  'cache-matched-key',
  'modules',
  'report',
  'locked',
] as const;
export type OutputName = (typeof OUTPUT_NAMES)[number];
export type ActionOutputs = Readonly<Record<OutputName, string>>;

/** One element of the `modules` output. */
export interface ModuleOutput {
  readonly id: string;
  readonly layer: string | null;
  readonly source: string | null;
  readonly commit: string | null;
  readonly path: string | null;
  readonly status: string;
}

export function moduleOutputs(report: Report): ModuleOutput[] {
  return report.modules.map((module) => ({
    id: module.id,
    layer: module.resolution.layer,
    source: module.resolution.source?.uri ?? module.declaredSource,
    commit: module.resolution.source?.commit ?? null,
    path: module.path,
    status: module.status,
  }));
}

/** The outputs for a report (already redacted) written to `reportPath`. */
export function actionOutputs(report: Report, reportPath: string): ActionOutputs {
  return {
    ok: String(report.ok),
    // `true` only for an exact key: a partial restore still fetched something, and post saves a new entry.
    'cache-hit': String(report.cache.hit === 'exact'),
    'cache-key': report.cache.key ?? '',
    'cache-matched-key': report.cache.matchedKey ?? '',
    modules: JSON.stringify(moduleOutputs(report)),
    report: reportPath,
    locked: String(report.lockedBy !== undefined),
  };
}
