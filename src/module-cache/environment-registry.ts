/**
 * The environments that install from the module cache, recorded under the Amplifier home as a package store keeps
 * a registry of the projects using it: `prune` must check every one of them, not only the environment of its own
 * run. One small file per environment (named by a hash of its prefix), each written by a rename, so concurrent
 * runs never lose each other's entries and a crash never leaves half a record.
 */
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { parseJsonObject } from '../json-object.js';
import type { FileSystem } from '../ports.js';

export interface RegisteredEnvironment {
  /** The interpreter the run used. */
  readonly python: string;
  /** The environment's root (venv directory or installation prefix). */
  readonly prefix: string;
}

export function registryDir(home: string): string {
  return join(home, 'amplifier-modules', 'environments');
}

function entryName(prefix: string): string {
  return `${createHash('sha256').update(prefix).digest('hex').slice(0, 16)}.json`;
}

export async function registerEnvironment(
  fs: FileSystem,
  home: string,
  environment: RegisteredEnvironment,
): Promise<void> {
  const dir = registryDir(home);
  const final = join(dir, entryName(environment.prefix));
  const content = `${JSON.stringify({ version: 1, python: environment.python, prefix: environment.prefix })}\n`;
  // A run with nothing new to record writes nothing: every verify of an unchanged environment lands here.
  if ((await fs.lstat(final))?.isFile && (await fs.readFile(final)).toString('utf8') === content) return;
  await fs.mkdir(dir);
  const temp = join(dir, `.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await fs.writeFile(temp, content);
    await fs.rename(temp, final);
  } finally {
    await fs.rm(temp).catch(() => undefined);
  }
}

function parseRecord(text: string): RegisteredEnvironment | null {
  const { python, prefix } = parseJsonObject(text) ?? {};
  return typeof python === 'string' && typeof prefix === 'string' ? { python, prefix } : null;
}

export interface RegistryRead {
  /** Recorded environments whose directory still exists (a broken interpreter link does not make one gone). */
  readonly live: readonly RegisteredEnvironment[];
  /** Records dropped because their environment is gone (or the record is unreadable). */
  readonly dropped: readonly string[];
}

/**
 * Every recorded environment that still exists. Records of deleted environments drop out of the registry here;
 * with `keepRecords` (a dry run) they are reported but left in place.
 */
export async function readRegistry(fs: FileSystem, home: string, keepRecords: boolean): Promise<RegistryRead> {
  const dir = registryDir(home);
  const live: RegisteredEnvironment[] = [];
  const dropped: string[] = [];
  for (const name of ((await fs.readdir(dir)) ?? []).sort()) {
    if (!name.endsWith('.json')) continue;
    const file = join(dir, name);
    const record = (await fs.lstat(file))?.isFile ? parseRecord((await fs.readFile(file)).toString('utf8')) : null;
    if (record && (await fs.stat(record.prefix))?.isDirectory) {
      live.push(record);
      continue;
    }
    dropped.push(record?.prefix ?? file);
    if (!keepRecords) await fs.rm(file);
  }
  return { live, dropped };
}
