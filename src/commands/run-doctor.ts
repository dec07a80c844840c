/**
 * `doctor`'s work: audit every editable install of the environment and, with `fix`, reinstall each dangling one from
 * its expected directory or the newest sibling clone of the one it pointed at, in one installer call, then audit again.
 */
import { auditEditables, type EditablesAudit, type EditablesContext } from '../audit/audit-editables.js';
import { type InstallOutcome, installModules } from '../install/install-modules.js';
import type { InstallerChoice } from '../install/installer-choice.js';
import type { Env } from '../ports.js';

export type { DoctorEntry, OrphanReport } from '../audit/audit-editables.js';

export interface DoctorReport extends EditablesAudit {
  /** Set when `fix` ran an install. */
  readonly fix: InstallOutcome | null;
  /** Dangling editables with no directory to reinstall from. */
  readonly unfixable: readonly string[];
}

export interface DoctorContext extends EditablesContext {
  readonly env: Env;
  readonly installerChoice: InstallerChoice;
  readonly installerArgs: readonly string[];
}

export async function runDoctor(ctx: DoctorContext, options: { readonly fix: boolean }): Promise<DoctorReport> {
  const first = await auditEditables(ctx);
  const dangling = first.entries.filter((e) => e.audit.status === 'dangling');
  if (!options.fix || dangling.length === 0) return { ...first, fix: null, unfixable: [] };
  const unfixable = dangling.filter((e) => e.audit.reinstallFrom === null).map((e) => e.id);
  const requests = dangling.flatMap((e) => (e.audit.reinstallFrom ? [{ id: e.id, path: e.audit.reinstallFrom }] : []));
  if (requests.length === 0) return { ...first, fix: null, unfixable };
  const outcome = await installModules(requests, {
    python: ctx.python,
    installer: ctx.installerChoice,
    extraArgs: ctx.installerArgs,
    env: ctx.env,
    fs: ctx.fs,
    exec: ctx.exec,
    logger: ctx.logger,
  });
  const after = await auditEditables(ctx);
  return { ...after, fix: outcome, unfixable };
}
