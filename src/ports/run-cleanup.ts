/**
 * What an interrupted run must undo before it exits: temporary directories it created and locks it holds.
 * Each entry is synchronous, because a signal handler that awaits can be cut short by a second signal.
 */
import { rmSync } from 'node:fs';

const temporaryDirs = new Set<string>();
const releasers = new Set<() => void>();

/** Remembers a temporary directory this run created; it is removed if the run is interrupted. */
export function trackTemporaryDir(path: string): void {
  temporaryDirs.add(path);
}

/** Registers a synchronous release (a lock file); returns the function that unregisters it. */
export function onInterrupt(release: () => void): () => void {
  releasers.add(release);
  return () => {
    releasers.delete(release);
  };
}

/**
 * Removes every temporary directory this run made (those already renamed into place are gone from their temporary
 * path, so nothing finished is touched) and runs every registered release. Returns how many directories it removed.
 */
export function cleanUpInterruptedRun(): number {
  let removed = 0;
  for (const dir of temporaryDirs) {
    try {
      rmSync(dir, { recursive: true, force: true });
      removed += 1;
    } catch {
      // Left for the stale-temp sweep of the next run.
    }
  }
  temporaryDirs.clear();
  for (const release of releasers) {
    try {
      release();
    } catch {
      // A lock file that cannot be removed is detected as stale by its dead pid.
    }
  }
  releasers.clear();
  return removed;
}
