/**
 * A readers-writer lock on the module cache that `warm` (and every command that fetches or installs from the cache)
 * and `prune` all honour: any number of shared holders, or one exclusive holder (`prune`). Each holder is a file
 * `<kind>-<pid>-<random>` in `<home>/amplifier-modules/locks` recording who holds it (`lock-holder.ts`: host, boot id,
 * pid namespace, pid, start time) and touched every few seconds while held; a holder that is gone (its process
 * ended, its pid was reused, its container was killed, the machine restarted) is removed at once, so a killed run
 * never blocks the next. Taking the lock is: create my file, then look at the others; on a conflict, remove mine
 * and try again after a short random pause (so two contenders cannot keep colliding).
 */
import { rmSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, rmdir, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RuntimeFailure } from '../errors.js';
import type { Logger } from '../ports.js';
import {
  currentHolder,
  HEARTBEAT_MS,
  HEARTBEAT_STALE_MS,
  type HolderRecord,
  holderLiveness,
  parseHolder,
  serializeHolder,
} from './lock-holder.js';
import { onInterrupt } from './run-cleanup.js';

export type LockKind = 'shared' | 'exclusive';

export interface CacheLock {
  /** Resolves once held; the returned function releases it. */
  acquire(home: string, kind: LockKind, logger: Logger): Promise<() => Promise<void>>;
}

const WAIT_LIMIT_MS = 30 * 60 * 1000;

interface Holder {
  readonly name: string;
  readonly kind: LockKind;
  readonly record: HolderRecord;
}

function parseName(name: string): { kind: LockKind; pid: number } | null {
  const match = /^(shared|exclusive)-(\d+)-[0-9a-f]+$/.exec(name);
  if (!match?.[1] || !match[2]) return null;
  return { kind: match[1] as LockKind, pid: Number(match[2]) };
}

function conflicts(mine: LockKind, other: LockKind): boolean {
  return mine === 'exclusive' || other === 'exclusive';
}

export function locksDir(home: string): string {
  return join(home, 'amplifier-modules', 'locks');
}

/** Whether a holder file belongs to a run that is gone: what the record can prove, else its heartbeat. */
async function isGone(file: string, record: HolderRecord, me: HolderRecord): Promise<boolean> {
  const liveness = holderLiveness(record, me);
  if (liveness !== 'unknown') return liveness === 'dead';
  const touched = await stat(file).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  return Date.now() - touched > HEARTBEAT_STALE_MS;
}

async function liveConflict(dir: string, me: string, kind: LockKind, self: HolderRecord): Promise<Holder | null> {
  for (const name of await readdir(dir)) {
    const parsed = parseName(name);
    if (!parsed || name === me) continue;
    const file = join(dir, name);
    const text = await readFile(file, 'utf8').catch(() => null);
    // Removed meanwhile (released), or written but not yet filled in: looked at again on the next round.
    if (text === null) continue;
    const record = parseHolder(text, parsed.pid);
    if (await isGone(file, record, self)) {
      await rm(file, { force: true });
      continue;
    }
    if (conflicts(kind, parsed.kind)) return { name, kind: parsed.kind, record };
  }
  return null;
}

function describeHolder(record: HolderRecord): string {
  return record.host ? `process ${record.pid} on ${record.host}` : `process ${record.pid}`;
}

/**
 * Makes the lock's directory. Another run may tidy a lock directory away (or make its parents) at the same moment,
 * which a recursive mkdir can report as ENOENT: that is a race to try again, not a missing parent.
 */
async function makeLockDir(dir: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await mkdir(dir, { recursive: true });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= 5) throw error;
    }
  }
}

/** Holds a lock in `dir` (created if needed); `what` names it in messages (`the module cache`). */
export async function acquireHolderLock(
  dir: string,
  kind: LockKind,
  logger: Logger,
  what: string,
  /** Remove `dir` again when the last holder leaves (a lock inside a directory that is not ours to clutter). */
  tidy = false,
): Promise<{ release: () => Promise<void>; waited: boolean }> {
  await makeLockDir(dir);
  const self = currentHolder();
  const content = serializeHolder(self);
  const started = Date.now();
  let announced = false;
  for (;;) {
    const name = `${kind}-${process.pid}-${Math.random().toString(16).slice(2, 10)}`;
    const file = join(dir, name);
    try {
      await writeFile(file, content, { flag: 'wx' });
    } catch (error) {
      // The last holder tidied the directory away just now: make it again.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await makeLockDir(dir);
      continue;
    }
    const unregister = onInterrupt(() => rmSync(file, { force: true }));
    const holder = await liveConflict(dir, name, kind, self);
    if (!holder) {
      const heartbeat = setInterval(() => {
        const now = new Date();
        utimes(file, now, now).catch(() => undefined);
      }, HEARTBEAT_MS);
      heartbeat.unref();
      const release = async () => {
        clearInterval(heartbeat);
        unregister();
        await rm(file, { force: true });
        if (tidy) await rmdir(dir).catch(() => undefined);
      };
      return { release, waited: announced };
    }
    unregister();
    await rm(file, { force: true });
    if (!announced) {
      logger.info(`waiting for ${what}: ${describeHolder(holder.record)} holds it (${holder.kind})`);
      announced = true;
    }
    if (Date.now() - started > WAIT_LIMIT_MS) {
      throw new RuntimeFailure(
        'cache-locked',
        `${what} is still held by ${describeHolder(holder.record)} after ${WAIT_LIMIT_MS / 60000} minutes`,
        undefined,
        `wait for ${describeHolder(holder.record)} to finish, or stop it; the lock of a run that is gone is removed automatically`,
      );
    }
    await new Promise((resume) => setTimeout(resume, 100 + Math.floor(Math.random() * 400)));
  }
}

export const fileCacheLock: CacheLock = {
  async acquire(home, kind, logger) {
    return (await acquireHolderLock(locksDir(home), kind, logger, 'the module cache')).release;
  },
};
