/**
 * prune's quarantine: no tool can know every environment on a machine (a venv made with a plain `pip install -e` of
 * a clone, another project's venv), so prune never deletes a clone it believes unused; it moves it to
 * `<home>/cache/.quarantine/<entry>/<clone name>` beside a `quarantined.json` naming where it came from and when it
 * was moved. A later prune deletes entries older than the retention period; `doctor --fix` moves a clone back when an
 * install still points into it. The same file system as the cache, so moving in and out are renames; the leading
 * dot keeps it out of every scan for `<repo>-<16 hex>` clone names.
 */
import { randomBytes } from 'node:crypto';
import { basename, join } from 'node:path';
import { parseJsonObject } from '../json-object.js';
import type { FileSystem } from '../ports.js';
import { isWithin } from '../source/path-within.js';

export const QUARANTINE_DIR = '.quarantine';
const RECORD = 'quarantined.json';

export { DEFAULT_RETENTION_DAYS } from '../options/prune-options.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export function quarantineRoot(home: string): string {
  return join(home, 'cache', QUARANTINE_DIR);
}

export interface QuarantinedClone {
  /** The entry directory (deleted as a whole). */
  readonly entry: string;
  /** The clone as it now lies inside the entry. */
  readonly clone: string;
  /** Where it was in the cache, and goes back to. */
  readonly from: string;
  /** When prune moved it (epoch ms). */
  readonly movedAt: number;
}

/** `2026-12-07T20-15-00Z-<random>`: entries sort by the date they were moved. */
function entryName(now: number): string {
  const stamp = new Date(now)
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-');
  return `${stamp}-${randomBytes(4).toString('hex')}`;
}

/** Moves a clone into the quarantine (a rename: atomic, nothing copied); returns where it went. */
export async function quarantineClone(fs: FileSystem, home: string, clone: string, now: number): Promise<string> {
  const root = quarantineRoot(home);
  // A plain directory, not a tracked temporary one: an interrupted run must never delete a clone moved into it.
  const entry = join(root, entryName(now));
  await fs.mkdir(entry);
  const record = { version: 1, from: clone, moved_at: new Date(now).toISOString() };
  try {
    // The record first: an entry is never without it, so every quarantined clone can be put back.
    await fs.writeFile(join(entry, RECORD), `${JSON.stringify(record, null, 2)}\n`);
    await fs.rename(clone, join(entry, basename(clone)));
  } catch (error) {
    await fs.rm(entry).catch(() => undefined);
    throw error;
  }
  return join(entry, basename(clone));
}

async function readEntry(fs: FileSystem, entry: string): Promise<QuarantinedClone | null> {
  const file = join(entry, RECORD);
  if (!(await fs.lstat(file))?.isFile) return null;
  const record = parseJsonObject((await fs.readFile(file).catch(() => Buffer.from(''))).toString('utf8'));
  const from = record?.from;
  const movedAt = typeof record?.moved_at === 'string' ? Date.parse(record.moved_at) : Number.NaN;
  if (typeof from !== 'string' || Number.isNaN(movedAt)) return null;
  const clone = join(entry, basename(from));
  if (!(await fs.lstat(clone))?.isDirectory) return null;
  return { entry, clone, from, movedAt };
}

export interface QuarantineListing {
  readonly clones: readonly QuarantinedClone[];
  /** Entries without a readable record or clone (an interrupted move): deleted with the expired ones. */
  readonly debris: readonly string[];
}

/** Every quarantined clone, newest first. */
export async function listQuarantine(fs: FileSystem, home: string): Promise<QuarantineListing> {
  const root = quarantineRoot(home);
  const clones: QuarantinedClone[] = [];
  const debris: string[] = [];
  for (const name of (await fs.readdir(root)) ?? []) {
    const entry = join(root, name);
    if (!(await fs.lstat(entry))?.isDirectory) continue;
    const read = await readEntry(fs, entry);
    if (read) clones.push(read);
    else debris.push(entry);
  }
  return { clones: clones.sort((a, b) => b.movedAt - a.movedAt), debris };
}

/** Whether an entry is past the retention period (`retentionDays` 0, i.e. `--purge`: every entry). */
export function isExpired(clone: QuarantinedClone, now: number, retentionDays: number): boolean {
  return retentionDays <= 0 || now - clone.movedAt >= retentionDays * DAY_MS;
}

/** The newest quarantined clone a missing path pointed into (the path is the clone or lies inside it). */
export async function findQuarantinedFor(
  fs: FileSystem,
  home: string,
  missing: string,
): Promise<QuarantinedClone | null> {
  const { clones } = await listQuarantine(fs, home);
  return clones.find((q) => isWithin(missing, q.from)) ?? null;
}

/** Moves a quarantined clone back where it was; false when something already occupies that path. */
export async function restoreQuarantined(fs: FileSystem, clone: QuarantinedClone): Promise<boolean> {
  if (await fs.lstat(clone.from)) return false;
  try {
    await fs.rename(clone.clone, clone.from);
  } catch (error) {
    // Another run moved it back first (the clone is gone from the quarantine, or its place is taken).
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ENOENT' || code === 'ENOTEMPTY' || code === 'EEXIST') return false;
    throw error;
  }
  await fs.rm(clone.entry).catch(() => undefined);
  return true;
}
