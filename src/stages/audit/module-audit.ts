/**
 * What flows through the audit: the request for one module, where the environment's files say it is, and the
 * verdict (status, findings, the directory a reinstall should use). Shared by verify and doctor.
 */

import type { FileSystem, Logger } from '../../ports.js';
import type { PythonSession } from '../../python/python-session.js';
import type { InstallerName } from '../install/install-command.js';
import type { CloneOrigin } from './clone-origin.js';
import type { EntryPoint } from './dist-info.js';
import type { AuditFinding, AuditStatus } from './findings.js';
import type { InstalledDist } from './site-scan.js';

export interface AuditModuleInput {
  readonly id: string;
  /** Where the resolution says the module's source is (null for package sources). */
  readonly expectedPath: string | null;
  /** The declared git source (URL and ref): a clone is reinstalled from only when its metadata records this origin. */
  readonly origin?: CloneOrigin | null | undefined;
  /** Set when the install step failed for this module: the installer's message. */
  readonly installError?: string | null | undefined;
}

export interface ModuleAudit {
  readonly status: AuditStatus;
  readonly findings: readonly AuditFinding[];
  /** The directory the editable install points at (direct_url.json or egg-link), null when not installed editable. */
  readonly installedFrom: string | null;
  /** The installed distribution's name. */
  readonly distribution: string | null;
  /** The dotted module the import system was asked for, null when there was none to ask about. */
  readonly importName: string | null;
  /** Where the import system finds it, when it does. */
  readonly origin: string | null;
  /** The directory a reinstall should use (stages/audit/reinstall-source.ts), null when none can be trusted. */
  readonly reinstallFrom: string | null;
  /** Why that directory, or, when there is none, what was looked for (doctor --fix says it). */
  readonly reinstallWhy?: string | undefined;
}

export interface AuditContext {
  readonly fs: FileSystem;
  /** The environment audited, and the only way the audit starts its interpreter (the probe). */
  readonly session: PythonSession;
  /** Also import each module (catches missing dependencies). */
  readonly importCheck: boolean;
  readonly logger: Logger;
  /** The installer the fix commands name; by default the one that installed the dist (`INSTALLER`), else pip. */
  readonly installer?: InstallerName | undefined;
}

export interface Located {
  readonly dist: InstalledDist | null;
  readonly entryPoint: EntryPoint | null;
  readonly findings: AuditFinding[];
  /**
   * Set when the distribution has no entry point with the module's id, so amplifier-core loads it by importing the
   * conventional package and calling its `mount`: the entry-point ids it declares instead (often none).
   */
  readonly byImportName?: { readonly otherIds: readonly string[] } | undefined;
}

/** What one module's audit starts from: the request, the distribution found for it, and the module to probe. */
export interface LocatedModule {
  readonly input: AuditModuleInput;
  readonly located: Located;
  /** null: nothing to ask the import system (an editable that declares no Amplifier module). */
  readonly importName: string | null;
}
