/**
 * The JSON report (schema/report.schema.json; docs/formats.md, "What it writes"): stable and versioned. Every output
 * (text, JSON, job summary, annotations) is rendered from this one value.
 */
import type { Diagnostic, EnvironmentFinding } from '../diagnostics.js';
import type {
  CacheOutcome,
  CommandName,
  Finding,
  LayerName,
  ModuleKind,
  ModuleOrigin,
  ModuleStatus,
  Position,
  TrailEntry,
  UnresolvedInclude,
} from '../model.js';
import type { InstallerName } from '../stages/install/install-command.js';

export interface ReportSource {
  readonly type: 'git' | 'file' | 'package';
  readonly uri: string;
  readonly url: string | null;
  readonly ref: string | null;
  readonly subdirectory: string | null;
  readonly commit: string | null;
  readonly path: string | null;
  readonly name: string | null;
}

export interface ReportModule {
  readonly id: string;
  /** null only in `doctor` for an editable install whose kind cannot be told from its id. */
  readonly kind: ModuleKind | null;
  readonly agent: string | null;
  readonly declaredAt: Position | null;
  readonly declaredSource: string | null;
  readonly resolution: {
    readonly layer: LayerName | null;
    readonly source: ReportSource | null;
    readonly trail: readonly TrailEntry[];
  };
  readonly path: string | null;
  readonly status: ModuleStatus;
  readonly findings: readonly Finding[];
  /** The concrete command or change that fixes a failed module; null when ok. */
  readonly fix: string | null;
  /** warm: where the checkout came from and how long it took. */
  readonly fetch?: { readonly origin: 'local-cache' | 'ci-cache' | 'network' | null; readonly ms: number } | undefined;
  /** `--session`: which part of what the Amplifier CLI loads brought this module in. */
  readonly origin?: ModuleOrigin | undefined;
  /** install and verify: whether this run installed the module, and why (or why it was left as it is). */
  readonly install?: ModuleInstall | undefined;
}

export type { EnvironmentFinding } from '../diagnostics.js';

/** A bundle's own Python package (installed before the modules, which may import it), audited like a module. */
export interface BundlePackageRow {
  /** The distribution name (`[project].name`). */
  readonly name: string;
  /** The bundle's directory, where its pyproject.toml is. */
  readonly path: string;
  readonly bundle: string;
  readonly status: 'ok' | 'install-failed' | 'not-installed' | 'dangling' | 'stale';
  readonly install: ModuleInstall;
  readonly findings: readonly Finding[];
  readonly fix: string | null;
}

export interface ModuleInstall {
  readonly installed: boolean;
  /** `install --dry-run`: the module would be installed (for `reason`); nothing was. */
  readonly wouldInstall?: boolean | undefined;
  /** e.g. "new", "moved from hash A to B", "pyproject.toml changed", "--reinstall"; "up to date" when left alone. */
  readonly reason: string;
}

export type LockChangeKind = 'added' | 'removed' | 'changed' | 're-pinned';

export interface LockChange {
  readonly kind: LockChangeKind;
  /** A module key (`tool-bash`, `tool-x [agent ns:a]`) or `include <uri>`. */
  readonly entry: string;
  /** The old value (`git+https://host/org/repo@main 1a2b3c4d5e6f`), null when added. */
  readonly from: string | null;
  /** The new value, null when removed. */
  readonly to: string | null;
}

export interface ReportLock {
  readonly file: string;
  readonly written: boolean;
  readonly changes: readonly LockChange[];
}

/** doctor: the declarations it audited against (none: every editable alone), and why those. */
export interface ReportDeclarations {
  readonly files: readonly string[];
  /** Composed as the Amplifier CLI composes a session. */
  readonly session: boolean;
  readonly reason: string;
}

export interface Report {
  readonly version: 1;
  readonly command: CommandName;
  readonly ok: boolean;
  readonly python: string | null;
  /** install, verify, doctor: the environment used, what its interpreter really runs, and why it was chosen. */
  readonly environment?:
    | {
        readonly python: string;
        readonly executable: string | null;
        readonly prefix: string;
        readonly reason: string;
      }
    | undefined;
  /** doctor: which declarations were audited against, and why. */
  readonly declarations?: ReportDeclarations | undefined;
  readonly installer: InstallerName | null;
  readonly cache: CacheOutcome;
  readonly modules: readonly ReportModule[];
  readonly unresolvedIncludes: readonly UnresolvedInclude[];
  readonly warnings: readonly Diagnostic[];
  /**
   * install and verify: causes several modules share that lie in the environment (a dependency it lacks and the
   * installer cannot get), said once with one fix; each module's own entry names its part.
   */
  readonly environmentFindings?: readonly EnvironmentFinding[] | undefined;
  /** install and verify of a bundle: the composed bundles' own Python packages. */
  readonly bundlePackages?: readonly BundlePackageRow[] | undefined;
  /** `--locked`, `--frozen` (and the action's lock): the lock file the run was checked against and pinned from. */
  readonly lockedBy?: string | undefined;
  /** `lock` only: the lock file, whether this run wrote it, and what changed in it. */
  readonly lock?: ReportLock | undefined;
  /**
   * `prune` only: the module-cache directories moved out of the cache into the quarantine (or, with --dry-run, that
   * would be), where each went, the quarantined clones deleted past the retention period, and the ones kept.
   */
  readonly prune?:
    | {
        readonly removed: readonly string[];
        readonly kept: readonly { path: string; by: string }[];
        readonly dryRun: boolean;
        readonly quarantined?: readonly { path: string; to: string }[] | undefined;
        readonly deleted?: readonly string[] | undefined;
        readonly retentionDays?: number | undefined;
      }
    | undefined;
}
