/**
 * Each entry of Amplifier's install state checked against the environment it names: an entry the environment
 * contradicts makes Amplifier skip an install that is needed. With `fix`, exactly those entries are removed from
 * the file (atomically, everything else byte for byte), so Amplifier reinstalls them on its next start.
 */
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import type { FileSystem } from '../../ports.js';
import { normalizeDistName } from '../../python/dist-names.js';
import { locateEnvironment, type PythonEnvironment } from '../../python/locate.js';
import { fingerprintOf } from '../install/fingerprint.js';
import { type InstallStateEntry, readInstallState, withoutModules } from './amplifier-install-state.js';
import { readProjectName } from './project-name.js';
import { type InstalledDist, scanSitePackages } from './site-scan.js';

export type StaleKind = 'interpreter-missing' | 'not-installed' | 'other-directory' | 'fingerprint-changed';

export interface StaleEntry {
  readonly dir: string;
  /** The distribution the directory builds, when its project file names one. */
  readonly distribution: string | null;
  readonly kinds: readonly StaleKind[];
  readonly message: string;
}

export interface InstallStateCheck {
  readonly file: string;
  readonly python: string | null;
  readonly stale: readonly StaleEntry[];
  /** Set when `fix` removed the stale entries. */
  readonly removed: boolean;
  /** Why nothing was checked or fixed, when that is worth saying (Amplifier will discard the file itself, ...). */
  readonly notes: readonly string[];
}

export interface InstallStateContext {
  readonly fs: FileSystem;
  /** The environment doctor already located, reused when the file names the same interpreter. */
  readonly known: PythonEnvironment | null;
}

async function exists(fs: FileSystem, path: string): Promise<boolean> {
  return (await fs.lstat(path)) !== null;
}

function distIndex(dists: readonly InstalledDist[]): Map<string, InstalledDist> {
  return new Map(dists.map((d) => [d.info.key, d]));
}

async function checkEntry(
  fs: FileSystem,
  entry: InstallStateEntry,
  dists: ReadonlyMap<string, InstalledDist>,
): Promise<StaleEntry | null> {
  const kinds: StaleKind[] = [];
  const problems: string[] = [];
  const name = await readProjectName(fs, entry.dir);
  const dist = name ? dists.get(normalizeDistName(name)) : undefined;
  if (name && !dist) {
    kinds.push('not-installed');
    problems.push(`${name} is not installed in that environment`);
  } else if (dist) {
    const from = dist.installedFrom ? ((await fs.realpath(dist.installedFrom)) ?? dist.installedFrom) : null;
    if (from !== entry.dir) {
      kinds.push('other-directory');
      problems.push(`${dist.info.name} is installed from ${from ?? 'a non-editable build'}, not from this directory`);
    }
  }
  // The install stage's fingerprint is Amplifier's; one that cannot be computed counts as changed (reinstall is safe).
  const current = await fingerprintOf(fs, entry.dir);
  const fingerprint = current.ok ? current.value.combined : current.error;
  if (fingerprint !== entry.fingerprint) {
    kinds.push('fingerprint-changed');
    problems.push(
      (await exists(fs, entry.dir))
        ? `its pyproject.toml/requirements.txt changed since the install (${entry.fingerprint} recorded, ${fingerprint} now)`
        : 'the directory no longer exists',
    );
  }
  if (kinds.length === 0) return null;
  return { dir: entry.dir, distribution: name, kinds, message: problems.join('; ') };
}

async function writeAtomically(fs: FileSystem, file: string, text: string): Promise<void> {
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await fs.writeFile(temp, text);
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp).catch(() => undefined);
    throw error;
  }
}

export async function checkInstallState(
  ctx: InstallStateContext,
  file: string,
  options: { readonly fix: boolean },
): Promise<InstallStateCheck | null> {
  const read = await readInstallState(ctx.fs, file);
  if (read.kind === 'absent') return null;
  const none = { file, stale: [], removed: false };
  if (read.kind === 'discarded') {
    return {
      ...none,
      python: null,
      notes: [`${file}: Amplifier discards this file on its next start (${read.detail})`],
    };
  }
  const { state } = read;
  const python = state.python;
  let stale: StaleEntry[];
  if (python === null || (await ctx.fs.stat(python)) === null) {
    stale = state.entries.map((entry) => ({
      dir: entry.dir,
      distribution: null,
      kinds: ['interpreter-missing'],
      message: `recorded for the interpreter ${python ?? '(none)'}, which no longer exists`,
    }));
  } else {
    const mtime = await ctx.fs.lstat(python);
    if (mtime && state.pythonMtime !== Math.trunc(mtime.mtimeMs / 1000)) {
      // Amplifier compares the interpreter's lstat mtime and starts afresh when it differs: no entry is trusted.
      return {
        ...none,
        python,
        notes: [`${file}: ${python} was recreated since; Amplifier discards this file itself`],
      };
    }
    const environment = ctx.known && ctx.known.python === python ? ctx.known : await locateEnvironment(python, ctx.fs);
    const dists = distIndex((await scanSitePackages(ctx.fs, environment.sitePackages)).dists);
    stale = [];
    for (const entry of state.entries) {
      const found = await checkEntry(ctx.fs, entry, dists);
      if (found) stale.push(found);
    }
  }
  if (!options.fix || stale.length === 0) return { file, python, stale, removed: false, notes: [] };
  // Amplifier may have rewritten the file while we checked: only edit the exact text the check was made against.
  const now = await readInstallState(ctx.fs, file);
  if (now.kind !== 'state' || now.state.text !== state.text) {
    return {
      file,
      python,
      stale,
      removed: false,
      notes: [`${file} changed while doctor checked it; run doctor again`],
    };
  }
  const keys = new Set(stale.map((s) => s.dir));
  await writeAtomically(ctx.fs, file, withoutModules(state.text, keys));
  const after = await readInstallState(ctx.fs, file);
  if (after.kind !== 'state' || after.state.entries.some((e) => keys.has(e.dir))) {
    throw new Error(`removing stale entries from ${file} left it unreadable`);
  }
  return { file, python, stale, removed: true, notes: [] };
}
