/**
 * Who holds a lock file, recorded so that a later run can tell a live holder from a dead one without trusting the
 * process id alone: a pid is reused, and inside a container every run is pid 1 of its own pid namespace. The record
 * names the host, the kernel's boot id, the pid namespace, the pid and the process's start time (in clock ticks since
 * boot, from /proc). A holder also touches its file every few seconds (a heartbeat), the last word where nothing
 * else can be checked (another host, a container whose processes this one cannot see).
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';

export type Liveness = 'alive' | 'dead' | 'unknown';

export interface HolderRecord {
  readonly pid: number;
  readonly host: string | null;
  readonly bootId: string | null;
  /** `pid:[4026531836]`, as /proc/<pid>/ns/pid reads. */
  readonly pidNamespace: string | null;
  readonly startTime: string | null;
}

/** The kernel's initial pid namespace: from it every process of every container on this kernel is visible. */
const INITIAL_PID_NAMESPACE = 'pid:[4026531836]';
export const HEARTBEAT_MS = 4000;
/** A holder that has not touched its file for this long is gone (only used where nothing else can tell). */
export const HEARTBEAT_STALE_MS = 4 * HEARTBEAT_MS;

function readOr(path: string): string | null {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return null;
  }
}

function linkOr(path: string): string | null {
  try {
    return readlinkSync(path);
  } catch {
    return null;
  }
}

/** Field 22 of /proc/<pid>/stat (after the command name, which may hold spaces and parentheses). */
export function startTimeOf(pid: number | 'self'): string | null {
  const stat = readOr(`/proc/${pid}/stat`);
  if (!stat) return null;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19] ?? null;
}

export function currentHolder(): HolderRecord {
  return {
    pid: process.pid,
    host: hostname(),
    bootId: readOr('/proc/sys/kernel/random/boot_id'),
    pidNamespace: linkOr('/proc/self/ns/pid'),
    startTime: startTimeOf('self'),
  };
}

export function serializeHolder(record: HolderRecord): string {
  return `${JSON.stringify({ version: 1, ...record })}\n`;
}

/** A record as written by this version, or (older versions) a bare pid. */
export function parseHolder(text: string, pidFromName: number): HolderRecord {
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    const textOf = (v: unknown): string | null => (typeof v === 'string' ? v : null);
    if (value && typeof value === 'object' && typeof value.pid === 'number') {
      return {
        pid: value.pid,
        host: textOf(value.host),
        bootId: textOf(value.bootId),
        pidNamespace: textOf(value.pidNamespace),
        startTime: textOf(value.startTime),
      };
    }
  } catch {
    // An older lock file: the pid alone.
  }
  return { pid: pidFromName, host: null, bootId: null, pidNamespace: null, startTime: null };
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the process runs Node (true when /proc cannot tell). */
function runsNode(pid: number): boolean {
  const argv0 = readOr(`/proc/${pid}/cmdline`)?.split('\0')[0];
  if (argv0 === undefined) return true;
  return /node|nodejs|bun|deno/i.test(argv0.split('/').pop() ?? '');
}

/** The pid a process has inside its own pid namespace: the last of /proc/<n>/status `NSpid`. */
function innermostPid(hostPid: string): number | null {
  const line = /^NSpid:\s*(.+)$/m.exec(readOr(`/proc/${hostPid}/status`) ?? '')?.[1];
  const last = line?.trim().split(/\s+/).pop();
  return last ? Number(last) : null;
}

/**
 * Looks for the holder among the processes this /proc shows in its pid namespace: `alive` when its pid there and its
 * start time match, `dead` when the namespace is visible (or this is the initial one) and it is not there.
 */
function findInNamespace(holder: HolderRecord, namespace: string, me: HolderRecord): Liveness {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return 'unknown';
  }
  let seen = false;
  for (const name of names) {
    if (!/^\d+$/.test(name) || linkOr(`/proc/${name}/ns/pid`) !== namespace) continue;
    seen = true;
    if (innermostPid(name) !== holder.pid) continue;
    if (holder.startTime === null || startTimeOf(Number(name)) === holder.startTime) return 'alive';
  }
  // From the initial namespace every container's processes are visible: a namespace with none is gone.
  return seen || me.pidNamespace === INITIAL_PID_NAMESPACE ? 'dead' : 'unknown';
}

/**
 * Whether the holder still runs, from what this process can see; `unknown` when it cannot tell (another host, or a
 * pid namespace this one cannot see into): then the heartbeat decides.
 */
export function holderLiveness(holder: HolderRecord, me: HolderRecord = currentHolder()): Liveness {
  const sameHost = holder.host === null || holder.host === me.host;
  // The same host name with another boot id: the machine restarted since, so every process of then is gone.
  if (sameHost && holder.bootId && me.bootId && holder.bootId !== me.bootId) return 'dead';
  const sameKernel = holder.bootId !== null && holder.bootId === me.bootId;
  if (holder.pidNamespace === null || (sameKernel && holder.pidNamespace === me.pidNamespace)) {
    if (!sameHost && holder.pidNamespace === null) return 'unknown';
    if (!pidAlive(holder.pid)) return 'dead';
    // A lock file of an older version names a pid alone: a process there that is not Node (init, a shell that got
    // the number since) cannot be the run that wrote it.
    if (holder.host === null && !runsNode(holder.pid)) return 'dead';
    // The same pid running with another start time is a newer process that reused the number.
    if (holder.startTime && me.startTime) return startTimeOf(holder.pid) === holder.startTime ? 'alive' : 'dead';
    return 'alive';
  }
  if (!sameKernel) return 'unknown';
  return findInNamespace(holder, holder.pidNamespace, me);
}
