/**
 * The fetch stage gets URLs and refs from the resolver, but it is the stage that hands them to git, so it checks
 * them again (same rules as the source parser) before any process starts.
 */
import { isInputError } from '../../errors.js';
import { parseGitUri } from '../../source/git-uri.js';
import type { GitLocation } from './context.js';

/** null when the location is safe to give git, else why not. */
export function unsafeLocationReason(location: GitLocation): string | null {
  try {
    const parsed = parseGitUri(`git+${location.url}@${location.ref}`);
    // The URL must survive the round trip unchanged: an `@` or `#` inside it would change what git is given.
    if (parsed.url !== location.url || parsed.ref !== location.ref || parsed.subdirectory !== null) {
      return `'${location.url}' with ref '${location.ref}' is not a plain repository URL and ref`;
    }
    return null;
  } catch (error) {
    if (isInputError(error)) return error.message;
    throw error;
  }
}
