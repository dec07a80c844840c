/**
 * The distribution name a source directory builds, read from `pyproject.toml` (`[project]` or `[tool.poetry]`, with
 * a TOML parser) or `setup.cfg` (`[metadata]`): it ties an expected directory to its installed dist-info when the
 * entry point the declaration needs is missing.
 */
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import type { FileSystem } from '../../ports.js';

function table(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** `[project].name`, else `[tool.poetry].name`, of a pyproject.toml's text; null when absent or not TOML. */
export function pyprojectName(text: string): string | null {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text);
  } catch {
    return null;
  }
  for (const name of [table(doc.project)?.name, table(table(table(doc.tool)?.poetry))?.name]) {
    if (typeof name === 'string' && name !== '') return name;
  }
  return null;
}

/**
 * `[metadata] name` of a setup.cfg's text, read as Python's configparser reads it (`=` or `:`, keys in any case, a
 * `#` or `;` line is a comment, no inline comments). A reader of a dozen lines rather than an INI package: the npm
 * INI readers follow git/npm INI (`;` inline comments, no `:`), which would read names configparser does not.
 */
export function setupCfgName(text: string): string | null {
  let section = '';
  for (const raw of text.split(/\r?\n/)) {
    if (/^[#;]/.test(raw) || /^\s/.test(raw)) continue;
    const header = /^\[([^\]]+)\]/.exec(raw);
    if (header?.[1] !== undefined) {
      section = header[1].trim();
      continue;
    }
    const option = /^([^=:]+?)\s*[=:]\s*(.*?)\s*$/.exec(raw);
    if (section === 'metadata' && option?.[1]?.toLowerCase() === 'name' && option[2]) return option[2];
  }
  return null;
}

export async function readProjectName(fs: FileSystem, dir: string): Promise<string | null> {
  const pyproject = join(dir, 'pyproject.toml');
  if ((await fs.stat(pyproject))?.isFile) {
    const name = pyprojectName((await fs.readFile(pyproject)).toString('utf8'));
    if (name) return name;
  }
  const setupCfg = join(dir, 'setup.cfg');
  if ((await fs.stat(setupCfg))?.isFile) return setupCfgName((await fs.readFile(setupCfg)).toString('utf8'));
  return null;
}
