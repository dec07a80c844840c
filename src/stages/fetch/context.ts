/**
 * What the fetch stage needs from the outside world, and what it reports back per repository.
 * Everything is passed in: no stage reads the process's environment (docs/architecture.md, "Rules of the house").
 */
import type { FetchFindingCode } from '../../finding-codes.js';
import type { Clock, Env, Exec, FileSystem, Logger } from '../../ports.js';
import type { Redactor } from '../../secrets.js';
import type { GitLocation } from '../../source/cache-layout.js';
import type { CloneState } from './clone-state.js';
import type { HostToken } from './git-environment.js';

export type { HostToken };

export interface RetryPolicy {
  /** Total tries for a transient failure (1 = no retry). */
  readonly attempts: number;
  /** Delay before the second try; doubled for each later one. */
  readonly baseDelayMs: number;
}

import type { Wording } from '../../options/option-wording.js';

export interface FetchContext {
  readonly fs: FileSystem;
  readonly exec: Exec;
  /** The caller's environment; git gets a copy with the safety settings added. */
  readonly env: Env;
  /** Amplifier home; the module cache is `<home>/cache`. */
  readonly home: string;
  readonly logger: Logger;
  readonly redactor: Redactor;
  readonly clock: Clock;
  /** No network: pins come from the cache's metadata and nothing is fetched. */
  readonly offline: boolean;
  /** false: clones are judged by their files alone (see `CloneReader.checkTrackedFiles`). */
  readonly checkTrackedFiles?: boolean | undefined;
  /** How fixes name options (`--offline` or `offline: true`); default the CLI's. */
  readonly wording?: Wording | undefined;
  /** How many repositories are pinned or fetched at once (default 8). */
  readonly concurrency?: number | undefined;
  readonly token?: HostToken | null | undefined;
  readonly retry?: RetryPolicy | undefined;
  /** Per git command (default 10 minutes). */
  readonly gitTimeoutMs?: number | undefined;
  /** The git program (default `git`). */
  readonly git?: string | undefined;
  /**
   * `lock`, `--locked`, `--frozen`: the commit the lock file holds for a repository at a ref, or null. A locked
   * location is pinned to it without asking the remote, so a branch that moved upstream changes nothing.
   */
  readonly lockedCommit?: ((location: GitLocation) => string | null) | undefined;
  /** `--frozen`: never `git ls-remote`; a mutable ref the lock lacks is a lock mismatch. */
  readonly frozen?: boolean | undefined;
  /**
   * install and verify: a remote that cannot be reached (a network failure, after the retries) pins to the commit
   * the module cache already holds, as Amplifier itself loads the cached clone without asking, and the pin says why.
   * `lock` and `warm`, whose point is the remote's answer, fail instead.
   */
  readonly cachedWhenUnreachable?: boolean | undefined;
  /**
   * Held while one clone directory is inspected and, if needed, replaced: concurrent runs that find the same branch
   * moved fetch it once and never swap a clone under one another. None: no other process shares the cache.
   */
  readonly placementLock?: ((dir: string) => Promise<() => Promise<void>>) | undefined;
  /** Moves a clone prune quarantined back to `dir` (a rename, no network); false when none is there. */
  readonly unquarantine?: ((dir: string) => Promise<boolean>) | undefined;
  /** The environments recorded as installed from a clone directory, named when a run moves that clone forward. */
  readonly usersOf?: ((dir: string) => Promise<readonly string[]>) | undefined;
}

/** A repository at a ref: declared once, with the cache layout that names its clone directory. */
export type { GitLocation };

/** The fetch findings a pin or clone can end in (the subdirectory checks come later, in the warm stage). */
export type FetchErrorCode = Exclude<FetchFindingCode, 'subdirectory-escapes' | 'subdirectory-missing'>;

/** `cache-unreachable`: the remote could not be reached, so the module cache's commit stands (see `unreachable`). */
export type PinVia = 'commit-ref' | 'ls-remote' | 'cache' | 'cache-unreachable' | 'lock';

/**
 * Why a clone could not be made: the line to print (credentials masked), its finding code, and the command that
 * repeats the failed fetch when the network step failed.
 */
export interface FetchFailure {
  readonly message: string;
  readonly code: FetchErrorCode;
  readonly reproduce?: string | undefined;
}

export type PinResult =
  | {
      readonly commit: string;
      readonly via: Exclude<PinVia, 'cache-unreachable'>;
      /**
       * Offline, the clone the pin was read from, as inspected then: nothing changes it before the checkout step, so
       * that step does not inspect it a second time.
       */
      readonly clone?: CloneState | undefined;
    }
  | {
      readonly commit: string;
      readonly via: 'cache-unreachable';
      readonly clone: CloneState;
      /** What git said when the remote could not be reached (credentials masked). */
      readonly unreachable: string;
    }
  | { readonly error: string; readonly code: FetchErrorCode; readonly reproduce?: string | undefined };

/** The remote could not be reached and the module cache's clone stood in for its answer. */
export type StandInPin = Extract<PinResult, { readonly via: 'cache-unreachable' }>;

export function isStandIn(pin: PinResult | undefined): pin is StandInPin {
  return pin !== undefined && 'commit' in pin && pin.via === 'cache-unreachable';
}

/** Pins keyed by `pinKey(location)`. */
export type PinMap = ReadonlyMap<string, PinResult>;

export type RepoOrigin = 'local-cache' | 'ci-cache' | 'network';

export interface RepoOutcome {
  readonly url: string;
  readonly ref: string;
  readonly commit: string | null;
  /** The layout-A clone root. */
  readonly dir: string;
  /** Where the checkout came from this run; null when it failed. */
  readonly origin: RepoOrigin | null;
  /** Wall time spent on this repository (pin excluded). */
  readonly ms: number;
  /** What went wrong, credentials masked; null on success. */
  readonly error: string | null;
  readonly code: FetchErrorCode | null;
  /** A shell command that repeats the git step that failed, in the environment git had here; null when none. */
  readonly reproduce: string | null;
}

export function pinKey(location: GitLocation): string {
  return `${location.url}@${location.ref}`;
}

export function isPinned(pin: PinResult | undefined): pin is Extract<PinResult, { readonly commit: string }> {
  return pin !== undefined && 'commit' in pin;
}
