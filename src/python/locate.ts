/**
 * Where a Python environment keeps its installed distributions, found from the interpreter's path alone
 * (no Python process): reading an environment must work even when the interpreter is broken.
 */
import { posix, win32 } from 'node:path';
import type { FileSystem } from '../ports.js';

export interface PythonEnvironment {
  /** The interpreter as given (not resolved through symlinks: a venv's `bin/python` is a link to the base). */
  readonly python: string;
  /** The environment's root: the venv directory, or the installation prefix. */
  readonly prefix: string;
  /** Every site directory, the environment's own first, then the base's when a venv includes them. */
  readonly sitePackages: readonly string[];
  readonly isVenv: boolean;
}

function isWindowsPath(path: string): boolean {
  return /^[A-Za-z]:[\\/]/.test(path) || path.includes('\\');
}

interface VenvConfig {
  readonly home: string | null;
  readonly includeSystem: boolean;
  readonly version: string | null;
}

function parsePyvenvCfg(text: string): VenvConfig {
  const values = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    values.set(line.slice(0, eq).trim().toLowerCase(), line.slice(eq + 1).trim());
  }
  const version = values.get('version') ?? values.get('version_info') ?? null;
  return {
    home: values.get('home') ?? null,
    includeSystem: (values.get('include-system-site-packages') ?? 'false').toLowerCase() === 'true',
    version: version ? (/^(\d+\.\d+)/.exec(version)?.[1] ?? null) : null,
  };
}

async function isDir(fs: FileSystem, path: string): Promise<boolean> {
  return (await fs.stat(path))?.isDirectory === true;
}

/** `lib/python3.X/site-packages` under a prefix; several versions can coexist, all are returned. */
async function posixSiteDirs(fs: FileSystem, prefix: string, version: string | null): Promise<string[]> {
  const found: string[] = [];
  for (const lib of ['lib', 'lib64']) {
    const names = (await fs.readdir(posix.join(prefix, lib))) ?? [];
    const pythons = names.filter((n) => /^python3\.\d+t?$/.test(n)).sort();
    const ordered = version ? [...pythons.filter((n) => n === `python${version}`), ...pythons] : pythons;
    for (const name of ordered) {
      for (const leaf of ['site-packages', 'dist-packages']) {
        const dir = posix.join(prefix, lib, name, leaf);
        if (await isDir(fs, dir)) found.push(dir);
      }
    }
  }
  return found;
}

/** Debian installs its own packages in `lib/python3/dist-packages` and pip's in `local/lib/python3.X/dist-packages`. */
async function baseSiteDirs(fs: FileSystem, prefix: string, version: string | null): Promise<string[]> {
  const found = await posixSiteDirs(fs, prefix, version);
  const debian = [posix.join(prefix, 'local', 'lib', `python${version ?? '3'}`, 'dist-packages')];
  debian.push(posix.join(prefix, 'lib', 'python3', 'dist-packages'));
  for (const dir of debian) if (await isDir(fs, dir)) found.push(dir);
  return found;
}

/** Two entries that are the same directory (lib64 -> lib) are listed once. */
async function distinctDirs(fs: FileSystem, dirs: readonly string[]): Promise<string[]> {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const dir of dirs) {
    const real = (await fs.realpath(dir)) ?? dir;
    if (seen.has(real)) continue;
    seen.add(real);
    out.push(dir);
  }
  return out;
}

/** Python looks for `pyvenv.cfg` next to the interpreter, then one directory up; the venv root is where it is. */
async function findVenv(fs: FileSystem, dirs: readonly string[], join: (a: string, b: string) => string) {
  for (const dir of dirs) {
    const file = join(dir, 'pyvenv.cfg');
    const stat = await fs.stat(file);
    if (stat?.isFile) return { root: dir, config: parsePyvenvCfg((await fs.readFile(file)).toString('utf8')) };
  }
  return null;
}

/**
 * Without starting Python: a venv is recognised by `pyvenv.cfg` next to the interpreter or one level up; its
 * site directory is `lib/python3.X/site-packages` (Windows `Lib/site-packages`), plus the base installation's
 * when `include-system-site-packages = true`.
 */
export async function locateEnvironment(python: string, fs: FileSystem): Promise<PythonEnvironment> {
  const path = isWindowsPath(python) ? win32 : posix;
  const windows = path === win32;
  const binDir = path.dirname(python);
  const upOne = path.dirname(binDir);
  const venv = await findVenv(fs, [binDir, upOne], path.join);
  if (venv) {
    const { root: venvRoot, config } = venv;
    const own = windows
      ? [path.join(venvRoot, 'Lib', 'site-packages')]
      : await posixSiteDirs(fs, venvRoot, config.version);
    const base: string[] = [];
    if (config.includeSystem && config.home) {
      const basePrefix = windows ? config.home : path.dirname(config.home);
      if (windows) base.push(path.join(basePrefix, 'Lib', 'site-packages'));
      else base.push(...(await baseSiteDirs(fs, basePrefix, config.version)));
    }
    const existing: string[] = [];
    for (const dir of [...own, ...base]) if (await isDir(fs, dir)) existing.push(dir);
    return { python, prefix: venvRoot, sitePackages: await distinctDirs(fs, existing), isVenv: true };
  }
  const prefix = windows && !/[\\/]Scripts$/i.test(binDir) ? binDir : upOne;
  const dirs = windows ? [path.join(prefix, 'Lib', 'site-packages')] : await baseSiteDirs(fs, prefix, null);
  const existing: string[] = [];
  for (const dir of dirs) if (await isDir(fs, dir)) existing.push(dir);
  return { python, prefix, sitePackages: await distinctDirs(fs, existing), isVenv: false };
}
