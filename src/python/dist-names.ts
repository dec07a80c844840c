/**
 * Distribution names as Python packaging compares them: the PEP 503 normal form, read from the metadata and link
 * entries of an environment's site directories.
 */
import type { FileSystem } from '../ports.js';
import type { PythonEnvironment } from './locate.js';

/** PEP 503: lower case, runs of `-`, `_` and `.` become one `-`. */
export function normalizeDistName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[-_.]+/g, '-');
}

/** The distribution name in a metadata directory or egg-link file name, or null for anything else. */
export function distNameFromEntry(entry: string): string | null {
  const dist = /^(.+?)-[^-]+\.dist-info$/.exec(entry);
  if (dist?.[1]) return dist[1];
  const egg = /^(.+?)(?:-[^-]+)*\.egg-info$/.exec(entry);
  if (egg?.[1]) return egg[1];
  const link = /^(.+)\.egg-link$/.exec(entry);
  return link?.[1] ?? null;
}

/** PEP 503-normalised names of every distribution (dist-info, egg-info, egg-link) in the environment. */
export async function listDistributionNames(environment: PythonEnvironment, fs: FileSystem): Promise<Set<string>> {
  const names = new Set<string>();
  for (const dir of environment.sitePackages) {
    for (const entry of (await fs.readdir(dir)) ?? []) {
      const name = distNameFromEntry(entry);
      if (name) names.add(normalizeDistName(name));
    }
  }
  return names;
}
