/**
 * The warning for a repository whose remote could not be reached while its cached clone stood in (install and
 * verify): for a module at its declaration, for a bundle include by its URI.
 */
import type { Diagnostic } from '../../diagnostics.js';
import type { Position } from '../../model.js';
import { maskUserinfo } from '../../secrets.js';
import { parseGitUri } from '../../source/git-uri.js';
import type { GitIncludeLocation } from '../../stages/fetch/git-include.js';

const FIX =
  'check the network and the host, then run again to pick up upstream changes; --offline skips asking the remote';

export function remoteUnreachableWarning(
  subject: string,
  why: string,
  cached: { readonly commit: string; readonly ref: string },
  at?: Position,
): Diagnostic {
  return {
    code: 'remote-unreachable',
    message: `${subject}: ${why}; used the clone the module cache holds (${cached.commit.slice(0, 12)}), which may be behind ${cached.ref}`,
    ...(at ? { file: at.file, line: at.line } : {}),
    fix: FIX,
  };
}

/** The warning for a git include the cached clone stood in for; null when the remote answered. */
export function includeStoodIn(uri: string, located: GitIncludeLocation): Diagnostic | null {
  if ('unavailable' in located || !located.unreachable || !located.commit) return null;
  const { ref } = parseGitUri(uri);
  return remoteUnreachableWarning(`include ${maskUserinfo(uri)}`, located.unreachable, { commit: located.commit, ref });
}
