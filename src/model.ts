/**
 * The domain model shared by every stage of the flow (docs/architecture.md):
 * declarations -> resolution (with its trail) -> pinned source -> installed path -> audit findings.
 */

import type { FindingCode } from './finding-codes.js';

export type { FindingCode };

/** Every command, in the order `--help` lists them. */
export const COMMANDS = ['resolve', 'warm', 'install', 'verify', 'doctor', 'prune', 'lock'] as const;
export type CommandName = (typeof COMMANDS)[number];

/** The commands that run the module pipeline (declarations to audit); the action runs only these. */
export const MODULE_COMMANDS = ['resolve', 'warm', 'install', 'verify'] as const satisfies readonly CommandName[];
export type ModuleCommand = (typeof MODULE_COMMANDS)[number];

export type ModuleKind = 'orchestrator' | 'context' | 'provider' | 'tool' | 'hook';
export const MODULE_KINDS: readonly ModuleKind[] = ['orchestrator', 'context', 'provider', 'tool', 'hook'];

export interface Position {
  readonly file: string;
  readonly line: number;
}

/** A source exactly as a declaration or settings file wrote it: a string or the object form. */
export type RawSource = string | { readonly [key: string]: unknown };

/**
 * `--session`: which part of what the Amplifier CLI loads brought a module in (stages/declare/session-parts.ts): the
 * bundle itself, a behavior the CLI always composes, one shipped inside the amplifier-app-cli package, a
 * `bundle.app` bundle, or a provider configured in settings.
 */
export type ModuleOriginKind = 'bundle' | 'cli-behavior' | 'cli-package' | 'app-bundle' | 'settings-provider';

export interface ModuleOrigin {
  readonly kind: ModuleOriginKind;
  /** `modes`, `cli-expert`, `bundle.app[0]`, `config.providers[1]`, or the bundle's file name. */
  readonly name: string;
  /** The bundle URI composed for this part; null for settings providers and a missing CLI package. */
  readonly uri: string | null;
  /** The settings line that added it (app bundles, providers). */
  readonly file?: string | undefined;
  readonly line?: number | undefined;
}

/** One module declared by a profile, bundle or agent, after extends/includes were merged. */
export interface Declaration {
  readonly id: string;
  readonly kind: ModuleKind;
  /** `namespace:name` of the agent that declares it, or null for the session's own modules. */
  readonly agent: string | null;
  /** Where the module entry was written (the most derived file that mentions it). */
  readonly declaredAt: Position;
  /** The effective source after merge, as written, or null when none is given. */
  readonly source: RawSource | null;
  /** Directory that a relative file source is resolved against (the file that wrote the source). */
  readonly sourceBaseDir: string | null;
  readonly config: unknown;
  /** Only with `--session`: where the module came from. */
  readonly origin?: ModuleOrigin | undefined;
}

export interface UnresolvedInclude {
  readonly uri: string;
  /** The file that declared the include. */
  readonly from: string;
  readonly reason: string;
}

export interface DeclarationSet {
  readonly format: 'profile' | 'bundle';
  /** The top-level file that was loaded. */
  readonly root: string;
  readonly declarations: readonly Declaration[];
  readonly unresolvedIncludes: readonly UnresolvedInclude[];
  /** The directory of every bundle in the composition (empty for a profile). */
  readonly bundleRoots: readonly string[];
}

export interface GitSource {
  readonly type: 'git';
  /** The URI as written (`git+https://host/org/repo@ref#subdirectory=x`). */
  readonly uri: string;
  /** The URL git is given, without `git+`, `@ref` or fragment (`https://host/org/repo`). */
  readonly url: string;
  /** The ref as written, `main` when none was given. */
  readonly ref: string;
  readonly subdirectory: string | null;
  /** The pinned commit (40 hex) once known; a 40-hex ref is its own commit. */
  readonly commit: string | null;
}

export interface FileSource {
  readonly type: 'file';
  readonly uri: string;
  /** Absolute path. */
  readonly path: string;
}

export interface PackageSource {
  readonly type: 'package';
  readonly uri: string;
  readonly name: string;
}

export type Source = GitSource | FileSource | PackageSource;

export type LayerName = 'env' | 'workspace' | 'settings' | 'collection' | 'profile' | 'package';
export const LAYER_ORDER: readonly LayerName[] = ['env', 'workspace', 'settings', 'collection', 'profile', 'package'];

export type TrailOutcome = 'not-set' | 'skipped' | 'matched' | 'rejected';

/** Why a layer did not match, as a value the fix suggestions switch on (`detail` says the same in words). */
export type TrailReason =
  | { readonly kind: 'uninitialised-submodule' }
  | { readonly kind: 'no-python-files' }
  | { readonly kind: 'no-environment' }
  | {
      readonly kind: 'not-usable';
      /** What is wrong with the value, without the value itself. */
      readonly problem: string;
      /** Where the value was written, when a file wrote it. */
      readonly file?: string | undefined;
      readonly line?: number | undefined;
    };

/** What one layer really found for one module. */
export interface TrailEntry {
  readonly layer: LayerName;
  readonly outcome: TrailOutcome;
  readonly detail: string;
  readonly reason?: TrailReason | undefined;
}

export interface Resolution {
  /** The winning layer, or null when every layer failed. */
  readonly layer: LayerName | null;
  readonly source: Source | null;
  /** The directory the module is expected at (layout-A cache path for git, the path for file, null for package). */
  readonly path: string | null;
  readonly trail: readonly TrailEntry[];
}

export type ModuleStatus =
  | 'ok'
  | 'unresolved'
  | 'fetch-failed'
  | 'install-failed'
  | 'not-installed'
  | 'dangling'
  | 'stale'
  | 'import-error'
  | 'entry-point-mismatch'
  | 'lock-mismatch';

export interface Finding {
  readonly code: FindingCode;
  readonly message: string;
  readonly file?: string | undefined;
  readonly target?: string | undefined;
}

export interface ResolvedModule {
  readonly declaration: Declaration;
  readonly resolution: Resolution;
}

export type CacheHit = 'exact' | 'partial' | 'miss' | 'off' | 'unavailable';

export interface CacheOutcome {
  readonly key: string | null;
  readonly matchedKey: string | null;
  readonly hit: CacheHit;
}
