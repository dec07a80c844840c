/**
 * Faults of the machine, not of this tool: an Amplifier home that cannot be written (HOME unwritable, a read-only
 * file system), a full disk. Each is a runtime failure that says what failed and what to do (exit 3), never an
 * "internal error". Nothing is tried up front (bad input must leave nothing written): the first write that fails,
 * usually the cache lock once the declarations are read, is worded here.
 */
import { RuntimeFailure } from '../errors.js';

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
