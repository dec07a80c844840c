/**
 * What a run of the flow needs to know, built once by the CLI (from argv) or by the action (from inputs),
 * and the ports it does its I/O through.
 */
import type { CacheMode, CachePlan } from './ci-cache/cache-plan.js';
import type { CacheStore } from './ci-cache/cache-store.js';
import type { CommandName } from './model.js';
import type { NamespaceMapping } from './options/option-kinds.js';
import type { Wording } from './options/option-wording.js';
import type { CacheLock } from './ports/cache-lock.js';
import type { Clock, Env, Exec, FileSystem, Logger } from './ports.js';
import type { Redactor } from './secrets.js';
import type { InstallerChoice } from './stages/install/installer-choice.js';

export type { CacheMode, CachePlan, InstallerChoice, NamespaceMapping };

export interface PipelineOptions {
  readonly command: CommandName;
  /** Profile or bundle files; empty means auto-detect under <workspace>/.amplifier/. */
  readonly profiles: readonly string[];
  /** Absolute project root. */
  readonly workspace: string;
  readonly namespaces: readonly NamespaceMapping[];
  readonly strict: boolean;
  /** Absolute Amplifier home; the module cache is <home>/cache. */
  readonly home: string;
  /** Interpreter of the target environment, or null to choose the default (docs/formats.md, "Interpreters"). */
  readonly python: string | null;
  readonly installer: InstallerChoice;
  readonly installerArgs: readonly string[];
  /** verify: install first (false = --no-install). */
  readonly install: boolean;
  /** install and verify: install every module, even those whose install is intact and metadata unchanged. */
  readonly reinstall?: boolean | undefined;
  readonly fix: boolean;
  readonly dryRun: boolean;
  /** prune: quarantined clones older than this many days are deleted (null: the default). */
  readonly retentionDays?: number | null | undefined;
  /** prune: delete every quarantined clone now. */
  readonly purge?: boolean | undefined;
  /** prune with no declarations found: quarantine include-like clones too. */
  readonly pruneIncludes?: boolean | undefined;
  readonly offline: boolean;
  readonly importCheck: boolean;
  /** Verify what the Amplifier CLI loads for a session: the bundle plus the behaviors, app bundles and providers it adds. */
  readonly session?: boolean | undefined;
  /** A token for private module repositories, sent only to `host`. */
  readonly token: { readonly host: string; readonly value: string } | null;
  /** Prefix of the CI cache key. */
  readonly cacheKeyPrefix: string;
  /** Use the CI cache store (restore before fetching, plan a save after). Default true; the CLI has no CI cache. */
  readonly cache?: boolean | undefined;
  /** `--locked`: the resolution must match the lock file; git sources use its commits (no ls-remote for them). */
  readonly locked?: boolean | undefined;
  /** `--frozen`: `--locked`, and no `git ls-remote` at all. */
  readonly frozen?: boolean | undefined;
  /** The lock file (absolute); null: `amplifier-modules.lock` beside the first declaration file. */
  readonly lockFile?: string | null | undefined;
  /** The action's default: `--frozen` with the lock file only when one exists. */
  readonly lockIfPresent?: boolean | undefined;
  /** `lock --update`: re-pin (all, or the `moduleIds`) instead of keeping locked commits. */
  readonly update?: boolean | undefined;
  /** `lock --update MODULE...`: the module ids to re-pin. */
  readonly moduleIds?: readonly string[] | undefined;
  /** Which halves of the CI cache run (the action's restore-only, save-only, lookup-only); default read-write. */
  readonly cacheMode?: CacheMode | undefined;
  /** The action's fail-on-cache-miss: no entry for the key or its prefix stops the run before any git call. */
  readonly failOnCacheMiss?: boolean | undefined;
}

export interface Platform {
  readonly os: string;
  readonly arch: string;
}

export interface PipelinePorts {
  readonly fs: FileSystem;
  readonly exec: Exec;
  readonly env: Env;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly redactor: Redactor;
  readonly cacheStore: CacheStore;
  /** How messages name options: the CLI's flags by default, the action's inputs in the action. */
  readonly wording?: Wording | undefined;
  readonly platform: Platform;
  /** The lock `warm` and `prune` both honour; the file lock under the Amplifier home when omitted. */
  readonly cacheLock?: CacheLock | undefined;
}
