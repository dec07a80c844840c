/**
 * Files a step wrote into a clone (an install's `<name>.egg-info` or `build/`, a `.pyc`) are left out of the saved
 * module cache: the post step moves them into a directory beside the clones, saves, and moves them back. The cached
 * paths stay the clone directories themselves, because the cache entry's version hashes those exact strings, and the
 * job's clones end the step as they were. Renames stay on one file system, so nothing is copied.
 */
import { promises as fsp } from 'node:fs';
import { dirname, join } from 'node:path';

interface Moved {
  readonly from: string;
  readonly to: string;
}

export interface SetAside {
  /** How many entries were moved out. */
  readonly count: number;
  /** Moves everything back; returns the entries that could not be (they stay in the set-aside directory). */
  restore(): Promise<string[]>;
}

/** Moves `entries` (clone-relative, `/`-separated) of each clone out of it. */
export async function setAsideUntracked(untracked: ReadonlyMap<string, readonly string[]>): Promise<SetAside> {
  const moved: Moved[] = [];
  const holders: string[] = [];
  try {
    for (const [clone, entries] of untracked) {
      if (entries.length === 0) continue;
      const holder = await fsp.mkdtemp(join(dirname(clone), '.amplifier-modules-set-aside-'));
      holders.push(holder);
      for (const [index, entry] of entries.entries()) {
        const from = join(clone, ...entry.split('/'));
        const to = join(holder, String(index));
        await fsp.rename(from, to);
        moved.push({ from, to });
      }
    }
  } catch (error) {
    await putBack(moved, holders);
    throw error;
  }
  return { count: moved.length, restore: () => putBack(moved, holders) };
}

async function putBack(moved: readonly Moved[], holders: readonly string[]): Promise<string[]> {
  const stuck: string[] = [];
  for (const { from, to } of moved) {
    try {
      await fsp.rename(to, from);
    } catch {
      stuck.push(from);
    }
  }
  // A holder is removed only when empty, so nothing that failed to move back is lost.
  for (const holder of holders) await fsp.rmdir(holder).catch(() => undefined);
  return stuck;
}
