/**
 * One run at a time changes an environment (install, verify, doctor --fix): a second one waits, then audits the
 * environment as the first left it, so a verify never reports "up to date" over a doctor --fix that reinstalled from
 * another directory meanwhile. The lock lives in the environment itself (`<prefix>/.amplifier-modules-lock/`), so
 * runs with different Amplifier homes exclude each other too; where the prefix is not writable (a system Python),
 * under the Amplifier home, keyed by the prefix.
 */
import { createHash } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../ports.js';
import { acquireHolderLock } from './cache-lock.js';

export const ENVIRONMENT_LOCK_DIR = '.amplifier-modules-lock';

export interface HeldLock {
  readonly release: () => Promise<void>;
  /** Another run held it first: what was read about the environment before may be out of date. */
  readonly waited: boolean;
}

export async function lockEnvironment(prefix: string, home: string, logger: Logger): Promise<HeldLock> {
  const what = `the environment ${prefix}`;
  try {
    return await acquireHolderLock(join(prefix, ENVIRONMENT_LOCK_DIR), 'exclusive', logger, what, true);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code !== 'EACCES' && code !== 'EPERM' && code !== 'EROFS') throw error;
    const real = await realpath(prefix).catch(() => prefix);
    const key = createHash('sha256').update(real).digest('hex').slice(0, 16);
    return acquireHolderLock(join(home, 'amplifier-modules', 'locks', `environment-${key}`), 'exclusive', logger, what);
  }
}
