/**
 * `doctor`'s work: audit every editable install of the environment and, with `fix`, reinstall each dangling one from
 * its expected directory or the newest sibling clone of the one it pointed at, in one installer call, then audit again.
 */

import type { Env, Exec } from '../../ports.js';
import { auditEditables, type EditablesAudit, type EditablesContext } from '../../stages/audit/audit-editables.js';
import { type InstallOutcome, installModules } from '../../stages/install/install-modules.js';
import type { InstallerChoice } from '../../stages/install/installer-choice.js';

export type { DoctorEntry, OrphanReport } from '../../stages/audit/audit-editables.js';

/** A dangling editable, the directory `--fix` reinstalls it from (null: none can be trusted), and why. */
export interface DoctorRepair {
  readonly id: string;
  readonly distribution: string;
  readonly path: string | null;
  readonly why: string;
}

export interface DoctorReport extends EditablesAudit {
  /** Set when `fix` ran an install. */
  readonly fix: InstallOutcome | null;
  /** What `fix` reinstalled, from where and why. */
  readonly reinstalled: readonly DoctorRepair[];
  /** Dangling editables with no directory to reinstall from, and what was looked for. */
  readonly unfixable: readonly DoctorRepair[];
}

export interface DoctorContext extends EditablesContext {
  /** For the installer `--fix` runs (a tool of its own: pip in the environment, or uv). */
  readonly exec: Exec;
  readonly env: Env;
  readonly installerChoice: InstallerChoice;
  readonly installerArgs: readonly string[];
}

export async function runDoctor(ctx: DoctorContext, options: { readonly fix: boolean }): Promise<DoctorReport> {
  const first = await auditEditables(ctx);
  const dangling = first.entries.filter((e) => e.audit.status === 'dangling');
  if (!options.fix || dangling.length === 0) return { ...first, fix: null, reinstalled: [], unfixable: [] };
  const repairs: DoctorRepair[] = dangling.map((e) => ({
    id: e.id,
    distribution: e.distribution,
    path: e.audit.reinstallFrom,
    why: e.audit.reinstallWhy ?? '',
  }));
  const unfixable = repairs.filter((r) => r.path === null);
  const requests = repairs.flatMap((r) => (r.path ? [{ id: r.id, path: r.path }] : []));
  if (requests.length === 0) return { ...first, fix: null, reinstalled: [], unfixable };
  const outcome = await installModules(requests, {
    session: ctx.session,
    installer: ctx.installerChoice,
    extraArgs: ctx.installerArgs,
    env: ctx.env,
    fs: ctx.fs,
    exec: ctx.exec,
    logger: ctx.logger,
  });
  const after = await auditEditables(ctx);
  const done = new Set(outcome.installed.map((r) => r.path));
  return { ...after, fix: outcome, reinstalled: repairs.filter((r) => r.path && done.has(r.path)), unfixable };
}
