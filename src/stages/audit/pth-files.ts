/**
 * `.pth` files as `site` reads them at start-up: a path line (relative to the site directory) is appended to
 * `sys.path` only if it exists, so a dangling one is silently dropped; a line starting with `import` is run.
 */
import { resolve } from 'node:path';
import type { FileSystem } from '../../ports.js';

export interface PthPathLine {
  readonly line: number;
  /** The absolute directory the line names. */
  readonly path: string;
}

export interface PthFile {
  readonly file: string;
  readonly name: string;
  readonly sitePackages: string;
  readonly paths: readonly PthPathLine[];
  /** Every module named by an `import` statement on an executed line. */
  readonly imports: readonly string[];
}

/** Not editable installs: setuptools' distutils shim, virtualenv's own hook, namespace-package helpers. */
export function isIgnoredPth(name: string): boolean {
  return name === 'distutils-precedence.pth' || name === '_virtualenv.pth' || name.endsWith('-nspkg.pth');
}

/** PATH_MAX on Linux; a longer line cannot name a directory. */
const MAX_PATH_LINE = 4096;

const IMPORT_NAMES = /\bimport\s+([A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*)/g;

export function parsePth(text: string, file: string, name: string, sitePackages: string): PthFile {
  const paths: PthPathLine[] = [];
  const imports = new Set<string>();
  // Like `site`, a path seen once is not looked at again: a huge file of repeated lines costs one check per
  // distinct path, so scanning it takes no longer than Python's own start-up with it.
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((raw, index) => {
    if (raw.startsWith('#') || raw.trim() === '') return;
    if (raw.startsWith('import ') || raw.startsWith('import\t')) {
      for (const match of raw.matchAll(IMPORT_NAMES)) {
        for (const module of (match[1] ?? '').split(',')) imports.add(module.trim());
      }
      return;
    }
    // Longer than any path the system accepts: Python's exists() check is false for it, so it never reaches sys.path.
    if (raw.length > MAX_PATH_LINE) return;
    const path = resolve(sitePackages, raw.trimEnd());
    if (seen.has(path)) return;
    seen.add(path);
    paths.push({ line: index + 1, path });
  });
  return { file, name, sitePackages, paths, imports: [...imports] };
}

export async function readPthFiles(
  fs: FileSystem,
  sitePackages: string,
  entries: readonly string[],
): Promise<PthFile[]> {
  const out: PthFile[] = [];
  for (const name of entries) {
    if (!name.endsWith('.pth') || isIgnoredPth(name)) continue;
    const file = resolve(sitePackages, name);
    const stat = await fs.stat(file);
    if (!stat?.isFile) continue;
    out.push(parsePth((await fs.readFile(file)).toString('utf8'), file, name, sitePackages));
  }
  return out;
}

/**
 * The distribution name a backend encodes in a `.pth` file name (docs/formats.md, "Module packages and editable
 * installs"), before normalisation.
 */
export function distNameFromPthName(name: string): string | null {
  const base = name.replace(/\.pth$/, '');
  const setuptools = /^__editable__\.(.+)-[^-]+$/.exec(base);
  if (setuptools?.[1]) return setuptools[1];
  const editables = /^_editable_impl_(.+)$/.exec(base);
  if (editables?.[1]) return editables[1];
  if (base === 'easy-install') return null;
  return base.replace(/^_+/, '') || null;
}
