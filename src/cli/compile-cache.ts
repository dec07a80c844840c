/**
 * Node 22.1+ can keep V8's compiled code on disk so the next start skips compiling the CLI. Node's default place is
 * `<tmp>/node-compile-cache/<version>-<uid>`, a name anyone can predict: on a machine where users share /tmp,
 * another user can create it first and fill it with compiled code that this process would then run. So the cache
 * lives in a directory of this user's own, made 0700, and is used only while it still is exactly that (a directory,
 * not a link, owned by this user, writable by no one else). Imported by the entry file alone: nothing else loads
 * before the cache is on.
 */
import { lstatSync, mkdirSync } from 'node:fs';
import module from 'node:module';
import { join } from 'node:path';

/** The private cache directory's name in the temporary directory; `uid` null where there are no user ids. */
export function compileCacheDirName(uid: number | null): string {
  return uid === null ? 'amplifier-modules-compile-cache' : `amplifier-modules-compile-cache-${uid}`;
}

/** The directory, made if missing; null when it exists but is not this user's alone (then nothing is cached). */
export function privateCompileCacheDir(tempDir: string, uid: number | null): string | null {
  const dir = join(tempDir, compileCacheDirName(uid));
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return null;
  }
  const stat = lstatSync(dir, { throwIfNoEntry: false });
  if (!stat?.isDirectory()) return null;
  // Windows has no user ids or mode bits here; its temporary directory is per user already.
  if (uid !== null && (stat.uid !== uid || (stat.mode & 0o077) !== 0)) return null;
  return dir;
}

type EnableCompileCache = (directory?: string) => unknown;

/**
 * Turns the cache on where the runtime has it and the user has not chosen otherwise (`NODE_COMPILE_CACHE` set
 * turns it on in Node's own place before this runs; `NODE_DISABLE_COMPILE_CACHE` turns it off).
 */
export function enablePrivateCompileCache(env: NodeJS.ProcessEnv, tempDir: string, uid: number | null): void {
  const enable = (module as { enableCompileCache?: EnableCompileCache }).enableCompileCache;
  if (!enable || env.NODE_COMPILE_CACHE || env.NODE_DISABLE_COMPILE_CACHE) return;
  const dir = privateCompileCacheDir(tempDir, uid);
  if (dir) enable(dir);
}
