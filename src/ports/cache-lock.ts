/**
 * A readers-writer lock on the module cache that `warm` (and every command that fetches or installs from the cache)
 * and `prune` all honour: any number of shared holders, or one exclusive holder (`prune`). Each holder is a file
 * `<kind>-<pid>-<random>` in `<home>/amplifier-modules/locks`; a holder whose process is gone is stale and removed,
 * so a killed run never blocks the next one. Taking the lock is: create my file, then look at the others; on a
 * conflict, remove mine and try again after a short random pause (so two contenders cannot keep colliding).
 */
import { rmSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RuntimeFailure } from '../errors.js';
import type { Logger } from '../ports.js';
import { onInterrupt } from './run-cleanup.js';

export type LockKind = 'shared' | 'exclusive';

export interface CacheLock {
  /** Resolves once held; the returned function releases it. */
  acquire(home: string, kind: LockKind, logger: Logger): Promise<() => Promise<void>>;
}

const WAIT_LIMIT_MS = 30 * 60 * 1000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface Holder {
  readonly name: string;
  readonly kind: LockKind;
  readonly pid: number;
}

function parseHolder(name: string): Holder | null {
  const match = /^(shared|exclusive)-(\d+)-[0-9a-f]+$/.exec(name);
  if (!match?.[1] || !match[2]) return null;
  return { name, kind: match[1] as LockKind, pid: Number(match[2]) };
}

function conflicts(mine: LockKind, other: LockKind): boolean {
  return mine === 'exclusive' || other === 'exclusive';
}

export function locksDir(home: string): string {
  return join(home, 'amplifier-modules', 'locks');
}

async function liveConflict(dir: string, me: string, kind: LockKind): Promise<Holder | null> {
  for (const name of await readdir(dir)) {
    const holder = parseHolder(name);
    if (!holder || name === me) continue;
    if (!isAlive(holder.pid)) {
      await rm(join(dir, name), { force: true });
      continue;
    }
    if (conflicts(kind, holder.kind)) return holder;
  }
  return null;
}

export const fileCacheLock: CacheLock = {
  async acquire(home, kind, logger) {
    const dir = locksDir(home);
    await mkdir(dir, { recursive: true });
    const started = Date.now();
    let announced = false;
    for (;;) {
      const name = `${kind}-${process.pid}-${Math.random().toString(16).slice(2, 10)}`;
      const file = join(dir, name);
      await writeFile(file, `${process.pid}\n`, { flag: 'wx' });
      const unregister = onInterrupt(() => rmSync(file, { force: true }));
      const holder = await liveConflict(dir, name, kind);
      if (!holder) {
        return async () => {
          unregister();
          await rm(file, { force: true });
        };
      }
      unregister();
      await rm(file, { force: true });
      if (!announced) {
        logger.info(`waiting for the module cache: process ${holder.pid} holds it (${holder.kind})`);
        announced = true;
      }
      if (Date.now() - started > WAIT_LIMIT_MS) {
        throw new RuntimeFailure(
          'cache-locked',
          `the module cache is still held by process ${holder.pid} after ${WAIT_LIMIT_MS / 60000} minutes`,
          undefined,
          `wait for process ${holder.pid} to finish, or stop it; a lock of a process that is gone is removed automatically`,
        );
      }
      await new Promise((resume) => setTimeout(resume, 100 + Math.floor(Math.random() * 400)));
    }
  },
};
