/**
 * The library's options, documented once and cut per command from the option table: `VerifyOptions` holds exactly
 * the options `amplifier-modules verify` takes, so a misspelt or foreign key fails type-checking, and the same
 * normaliser as the CLI's refuses it at run time (src/normalise-options.ts).
 */

import type { CommandName, OptionKey, OptionKeyFor } from '../options/option-table.js';
import type { Env } from '../ports.js';
import type { InstallerChoice } from '../stages/install/installer-choice.js';

/** Options of the table the library does not take: the CLI's output flags and the action's CI cache inputs. */
export const NOT_IN_LIBRARY = [
  'format',
  'report',
  'verbose',
  'quiet',
  'color',
  'cache',
  'cacheKeyPrefix',
  'restoreOnly',
  'saveOnly',
  'lookupOnly',
  'failOnCacheMiss',
] as const satisfies readonly OptionKey[];

export type LibraryOptionKey = Exclude<OptionKey, (typeof NOT_IN_LIBRARY)[number]>;

/** Every option the library takes, with the CLI flag it mirrors. Relative paths are taken from `cwd`. */
export interface LibraryOptionValues {
  /** `--profile`: profile or bundle files. Default: auto-detect under `<workspace>/.amplifier/`. */
  readonly profiles?: readonly string[] | undefined;
  /** `--workspace`: the project root holding `.amplifier/`. Default: `cwd`. */
  readonly workspace?: string | undefined;
  /** `--namespace N=DIR`: bundle namespaces or profile collections mapped to local directories. */
  readonly namespaces?: Readonly<Record<string, string>> | undefined;
  /** `--strict`: unresolvable includes and warnings fail the run. */
  readonly strict?: boolean | undefined;
  /** `--home`: the Amplifier home (default: `$AMPLIFIER_HOME`, else `~/.amplifier`); the module cache is `<home>/cache`. */
  readonly home?: string | undefined;
  /** `--python`: interpreter of the target environment, a path or a bare name looked up on PATH. */
  readonly python?: string | undefined;
  /** `--installer`: `auto` (uv when on PATH, else pip), `uv` or `pip`. */
  readonly installer?: InstallerChoice | undefined;
  /** `--installer-arg`: extra arguments for the installer (`['--no-build-isolation']`). */
  readonly installerArgs?: readonly string[] | undefined;
  /** `--no-install` is `install: false`: audit the environment as it is. Default true. */
  readonly install?: boolean | undefined;
  /** `--reinstall`: install every module, even those whose install is intact and build files unchanged. */
  readonly reinstall?: boolean | undefined;
  /** `--fix`: repair dangling editables and stale Amplifier install-state entries. */
  readonly fix?: boolean | undefined;
  /** `--dry-run`: say what would be done, do nothing. */
  readonly dryRun?: boolean | undefined;
  /** prune `--retention-days`: delete quarantined clones moved more than this many days ago (default 14). */
  readonly retentionDays?: number | undefined;
  /** prune `--purge`: empty the quarantine now. */
  readonly purge?: boolean | undefined;
  /** prune `--include-clones`: with no declarations found, also quarantine include-only clones. */
  readonly pruneIncludes?: boolean | undefined;
  /** `--offline`: no network; a module not already in the module cache is an error. */
  readonly offline?: boolean | undefined;
  /** `--session`: what the Amplifier CLI loads for a session, not only the bundle. */
  readonly session?: boolean | undefined;
  /** `--import`: also import each module in an isolated interpreter. */
  readonly importCheck?: boolean | undefined;
  /** A token for private module repositories: sent only to github.com, or to the `host` given with it. */
  readonly token?: string | { readonly host: string; readonly value: string } | undefined;
  /** `--locked`: fail a module whose resolution differs from the lock file; use its commits. */
  readonly locked?: boolean | undefined;
  /** `--frozen`: `locked`, and never ask a remote for a ref. */
  readonly frozen?: boolean | undefined;
  /** `--lock-file`: the lock file (default: `amplifier-modules.lock` beside the first profile or bundle). */
  readonly lockFile?: string | undefined;
  /** `lock --update`: re-pin every git source (or only `moduleIds`). */
  readonly update?: boolean | undefined;
}

/** Where a run happens: every command takes these. */
export interface RunContext {
  /** Base of relative paths and the default workspace. Default: `process.cwd()`. */
  readonly cwd?: string | undefined;
  /** The environment for `$AMPLIFIER_HOME`, `$VIRTUAL_ENV` and the child processes. Default: `process.env`. */
  readonly env?: Env | undefined;
}

/** The options one command takes: the table's options for it, plus `cwd` and `env`. */
export type OptionsFor<C extends CommandName> = Pick<LibraryOptionValues, Extract<OptionKeyFor<C>, LibraryOptionKey>> &
  RunContext;

export interface ResolveOptions extends OptionsFor<'resolve'> {}
export interface WarmOptions extends OptionsFor<'warm'> {}
export interface InstallOptions extends OptionsFor<'install'> {}
export interface VerifyOptions extends OptionsFor<'verify'> {}
export interface DoctorOptions extends OptionsFor<'doctor'> {}
export interface PruneOptions extends OptionsFor<'prune'> {}
export interface LockOptions extends OptionsFor<'lock'> {
  /** With `update: true`: the module ids whose repositories are re-pinned (`lock --update tool-bash`). */
  readonly moduleIds?: readonly string[] | undefined;
}

/** The options of each command, by name (what `runCommand(command, options)` takes). */
export interface CommandOptionsMap {
  readonly resolve: ResolveOptions;
  readonly warm: WarmOptions;
  readonly install: InstallOptions;
  readonly verify: VerifyOptions;
  readonly doctor: DoctorOptions;
  readonly prune: PruneOptions;
  readonly lock: LockOptions;
}

// The documented interface holds exactly the table's library keys: adding an option to the table without its line
// here (or the reverse) fails to compile.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const inSync: Same<keyof LibraryOptionValues, LibraryOptionKey> = true;
void inSync;
