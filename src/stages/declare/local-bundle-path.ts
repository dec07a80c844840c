/** Local bundle references: a path or `file://` URL, as an include or a `sources.bundles` redirect writes it. */
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `./x`, `../x` or an absolute path (as opposed to a namespace path or a URI). */
export function isRelativeOrAbsolutePath(ref: string): boolean {
  return ref.startsWith('./') || ref.startsWith('../') || isAbsolute(ref);
}

/**
 * The directory or file a local include names: `file://` URL or path (relative ones against `baseDir`), with a
 * `#subdirectory=` fragment joined on, as foundation's `parse_uri` reads `file://` URIs.
 */
export function localBundlePath(ref: string, baseDir: string): string {
  const hash = ref.indexOf('#');
  const base = hash >= 0 ? ref.slice(0, hash) : ref;
  const subdirectory = hash >= 0 ? /(?:^|&)subdirectory=([^&]*)/.exec(ref.slice(hash + 1))?.[1] : undefined;
  const path = base.startsWith('file://') ? fileURLToPath(base) : resolve(baseDir, base);
  return subdirectory ? join(path, subdirectory) : path;
}
