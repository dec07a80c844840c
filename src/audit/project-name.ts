/**
 * The distribution name a source directory builds, read from `pyproject.toml` (`[project]` or `[tool.poetry]`)
 * or `setup.cfg` (`[metadata]`): it ties an expected directory to its installed dist-info when the entry point
 * the declaration needs is missing.
 */
import { join } from 'node:path';
import type { FileSystem } from '../ports.js';
import { valueInSections } from '../toml-lines.js';

/** `name = "x"` inside one of the given `[section]`s of a TOML or INI file. */
export function nameInSections(text: string, sections: readonly string[]): string | null {
  return valueInSections(text, 'name', sections, { bare: true });
}

export async function readProjectName(fs: FileSystem, dir: string): Promise<string | null> {
  const pyproject = join(dir, 'pyproject.toml');
  if ((await fs.stat(pyproject))?.isFile) {
    const name = nameInSections((await fs.readFile(pyproject)).toString('utf8'), ['project', 'tool.poetry']);
    if (name) return name;
  }
  const setupCfg = join(dir, 'setup.cfg');
  if ((await fs.stat(setupCfg))?.isFile) {
    return nameInSections((await fs.readFile(setupCfg)).toString('utf8'), ['metadata']);
  }
  return null;
}
