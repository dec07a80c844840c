import type { Wording } from '../../options/option-wording.js';
import type { FileSystem } from '../../ports.js';
import type { IncludeRedirect } from './include-redirect.js';

/** Everything the declaration reader needs from the outside world. */
export interface DeclareContext {
  readonly fs: FileSystem;
  /** How fixes name options (`--profile FILE` or `profile: FILE`); default the CLI's. */
  readonly wording?: Wording | undefined;
  /** Absolute project root (holds `.amplifier/`). */
  readonly workspace: string;
  /** Absolute Amplifier home (`~/.amplifier`). */
  readonly home: string;
  /** `--namespace N=DIR` (absolute dirs), highest priority for bundle namespaces and profile collections. */
  readonly namespaces: readonly { name: string; dir: string }[];
  /** Bundle name -> URI or path, from settings (`bundle.added`); may be empty. */
  readonly registeredBundles: Readonly<Record<string, string>>;
  /** `sources.bundles` from the merged settings, in order: redirects of bundle includes (none when absent). */
  readonly bundleSources?: readonly IncludeRedirect[] | undefined;
  /** Skipped includes, include cycles and missing agents fail instead of warning. */
  readonly strict: boolean;
  /**
   * Local directory of a git include (checkout + #subdirectory) or why it is unavailable. Injected: offline `resolve`
   * looks in the module cache; `warm` fetches. The well-known namespace `foundation` means the git URI
   * `git+https://github.com/microsoft/amplifier-foundation@main` and is located through this too.
   */
  readonly locateGitInclude: (uri: string) => Promise<{ dir: string } | { unavailable: string }>;
}

/** The bundles the real CLI knows without any settings (app-cli `WELL_KNOWN_BUNDLES`, the ones this tool needs). */
export const WELL_KNOWN_BUNDLES: Readonly<Record<string, string>> = {
  foundation: 'git+https://github.com/microsoft/amplifier-foundation@main',
};
