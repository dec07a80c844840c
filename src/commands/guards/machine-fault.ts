/**
 * Faults of the machine, not of this tool: an Amplifier home that cannot be written (HOME unwritable, a read-only
 * file system), a full disk. Each is a runtime failure that says what failed and what to do (exit 3), never an
 * "internal error". The home is tried once before any work (every command but resolve writes a lock there); a fault
 * that shows up later (the disk fills during a fetch) is worded the same way.
 */
import { join } from 'node:path';
import { RuntimeFailure } from '../../errors.js';
import type { FileSystem } from '../../ports.js';

const WRITE_FAULTS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exhausted',
};

function homeFix(home: string): string {
  return `make ${home} writable (or free space on its disk), or point --home / AMPLIFIER_HOME at a writable directory`;
}

/** The failure a file-system error of the machine is, or null for anything else (a bug stays a bug). */
export function machineFault(error: unknown, home: string): RuntimeFailure | null {
  const errno = error as NodeJS.ErrnoException | undefined;
  // Every mkdir here makes its parents: ENOENT from it means a parent could not be made (a read-only file system).
  const cannotMake = errno?.code === 'ENOENT' && errno.syscall === 'mkdir' ? 'it cannot be created there' : undefined;
  const reason = errno?.code ? (WRITE_FAULTS[errno.code] ?? cannotMake) : undefined;
  if (!reason) return null;
  const full = errno?.code === 'ENOSPC' || errno?.code === 'EDQUOT';
  const where = errno?.path ? ` ${errno.path}` : '';
  return new RuntimeFailure(
    full ? 'disk-full' : 'home-unwritable',
    `could not ${errno?.syscall ?? 'write'}${where}: ${reason}`,
    errno?.message,
    full
      ? `free space on that disk (amplifier-modules prune --purge empties the quarantine of unused clones), or point --home / AMPLIFIER_HOME at another disk`
      : homeFix(home),
  );
}

/**
 * At the first write (the first hold of the cache lock, after the declarations were read and checked): the
 * directories every writing command needs under the Amplifier home are made, once, before concurrent runs race to
 * make the locks inside them.
 */
export async function checkHomeWritable(fs: FileSystem, home: string): Promise<void> {
  for (const dir of [join(home, 'cache'), join(home, 'amplifier-modules')]) {
    try {
      await fs.mkdir(dir);
    } catch (error) {
      const fault = machineFault(error, home);
      if (fault) throw fault;
      const errno = error as NodeJS.ErrnoException;
      // A recursive mkdir under a read-only or unwritable parent can report ENOENT: still the machine's fault.
      throw new RuntimeFailure(
        'home-unwritable',
        `the Amplifier home ${home} cannot be written: could not create ${dir} (${errno.code ?? 'error'})`,
        errno.message,
        homeFix(home),
      );
    }
  }
}
