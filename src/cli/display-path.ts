/**
 * Paths in the text output as they read best: relative to the working directory when they lie under it
 * (`examples/modules/tool-greet`), `~/…` under the user's home (`~/.amplifier/cache/amplifier-module-x-…`), else as
 * they are. JSON output and the report file keep absolute paths.
 */
import { isAbsolute, relative, sep } from 'node:path';

function under(base: string, path: string): string | null {
  if (!base) return null;
  const rel = relative(base, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : null;
}

export function displayPath(cwd: string, home: string | undefined): (path: string) => string {
  return (path) => {
    if (!isAbsolute(path)) return path;
    const local = under(cwd, path);
    if (local !== null) return local;
    const inHome = home ? under(home, path) : null;
    return inHome !== null ? `~${sep}${inHome}` : path;
  };
}
