/**
 * The contract every resolution layer implements (docs/formats.md, "Resolution layers"). A layer reports what it really
 * found, in words a user can act on, whether or not it matched.
 */

import type { Diagnostic } from '../../diagnostics.js';
import type { Declaration, LayerName, Source, TrailReason } from '../../model.js';
import type { Wording } from '../../options/option-wording.js';
import type { Env, FileSystem } from '../../ports.js';
import type { Settings } from '../../settings/settings.js';

/**
 * What one resolution reads, as a snapshot: the settings as they were read when it was made, and the installed
 * collections, listed the first time a module reaches that layer. A caller that wants later changes makes a new one.
 */
export interface ResolveContext {
  readonly fs: FileSystem;
  /** How a layer's detail names an option (`--python` or `python:`); default the CLI's. */
  readonly wording?: Wording | undefined;
  readonly env: Env;
  readonly workspace: string;
  readonly home: string;
  readonly settings: Settings;
  /**
   * What the target environment has installed, asked only when a module reaches the package layer: every layer
   * before it reads files only, so a run whose modules all resolve earlier never waits for the interpreter.
   */
  readonly installedPackages: () => Promise<InstalledPackages | null>;
}

/** PEP 503-normalised names of the distributions installed in an environment, and the environment in words. */
export interface InstalledPackages {
  readonly names: ReadonlySet<string>;
  readonly environment: string;
}

/**
 * What one layer found. Warnings (a workspace module with no .py files, a rejected override) travel with the
 * attempt, so the resolver cannot drop them: they reach the report's `warnings` and `--strict`.
 */
export type LayerAttempt =
  | {
      readonly outcome: 'matched';
      readonly source: Source;
      readonly detail: string;
      readonly warnings?: readonly Diagnostic[];
    }
  | {
      readonly outcome: 'not-set' | 'skipped' | 'rejected';
      readonly detail: string;
      readonly reason?: TrailReason;
      readonly warnings?: readonly Diagnostic[];
    };

export interface Layer {
  readonly name: LayerName;
  attempt(declaration: Declaration, ctx: ResolveContext): Promise<LayerAttempt>;
}
