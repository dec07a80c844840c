/**
 * Which project of a batch broke the installer call, read from its output: pip prints `Obtaining file:///dir`
 * before it builds each editable and the error right after; uv names the project in its `×` error lines.
 * When the output names none of them, the caller bisects.
 */
import { pathToFileURL } from 'node:url';

const ERROR_LINE = /^\s*(?:ERROR:|error:|×|Traceback \(most recent call last\))/;

function mentions(line: string, dir: string): boolean {
  const url = pathToFileURL(dir).href;
  if (line.includes(url)) {
    const after = line.charAt(line.indexOf(url) + url.length);
    return after === '' || !/[\w.-]/.test(after) || after === '/';
  }
  const at = line.indexOf(dir);
  if (at < 0) return false;
  const after = line.charAt(at + dir.length);
  return after === '' || !/[\w.-]/.test(after);
}

/** The dirs of the batch the output blames, or [] when it is unclear. */
export function blameDirs(output: string, dirs: readonly string[]): string[] {
  // Longest first so `/c/repo-ab/sub` wins over `/c/repo-ab` when both are in the batch.
  const byLength = [...dirs].sort((a, b) => b.length - a.length);
  const mentioned = (line: string): string | undefined => byLength.find((dir) => mentions(line, dir));
  let last: string | undefined;
  const blamed = new Set<string>();
  for (const line of output.split(/\r?\n/)) {
    const dir = mentioned(line);
    if (ERROR_LINE.test(line)) {
      if (dir) blamed.add(dir);
      else if (last && blamed.size === 0) blamed.add(last);
      continue;
    }
    if (dir) last = dir;
  }
  return [...blamed];
}
