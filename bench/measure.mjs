// Wall time and peak memory of one command, run as a user would run it (a child process, argument array).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';
const PROC_STAT = '/proc/stat';
// /proc/stat counts in USER_HZ, which Linux fixes at 100 for user space whatever the kernel's own tick.
const USER_HZ = 100;

/**
 * CPU time every process on the machine has used since boot (user, nice, system, irq, softirq), in ms, or null where
 * there is no /proc/stat. Read around a run, it counts what the run's children cost and what no child of it does:
 * the git daemon answering its ls-remotes (which shares these cores), and any other load, so it is a machine figure.
 */
function machineBusyMs() {
  try {
    const first = readFileSync(PROC_STAT, 'utf8').split('\n', 1)[0] ?? '';
    const [user, nice, system, , , irq, softirq] = first.trim().split(/\s+/).slice(1).map(Number);
    const busy = user + nice + system + irq + softirq;
    return Number.isFinite(busy) ? (busy * 1000) / USER_HZ : null;
  } catch {
    return null;
  }
}

/** How peak memory is read on this machine; said in BENCHMARKS.md next to the figures. */
export function memoryMethod() {
  if (existsSync(GNU_TIME) && spawnSync(GNU_TIME, ['-f', '%M', 'true'], { encoding: 'utf8' }).status === 0) {
    return {
      kind: 'gnu-time',
      text: '`/usr/bin/time -f %M` (maximum resident set size of the largest process in the tree: the node CLI, git or Python, whichever peaked highest)',
    };
  }
  return {
    kind: 'vmhwm',
    text: '`VmHWM` of `/proc/<pid>/status`, polled every 2 ms (the top process only: the node CLI; children are not counted)',
  };
}

function readHighWater(pid) {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/**
 * Runs `command args` once; resolves { ms, peakKb, busyMs } (peakKb null unless `memory`; busyMs the machine's CPU
 * time meanwhile, null without /proc/stat). A failing command throws with its output, so a broken fixture can never
 * pass for a fast one.
 */
export function timeOnce(spec, options = {}) {
  const { memory = null, scratch } = options;
  let command = spec.command;
  let args = spec.args;
  const timeFile = scratch ? join(scratch, `time-${process.pid}-${Date.now()}.txt`) : null;
  if (memory?.kind === 'gnu-time') {
    command = GNU_TIME;
    args = ['-f', '%M', '-o', timeFile, spec.command, ...spec.args];
  }
  return new Promise((resolve, reject) => {
    const busyBefore = machineBusyMs();
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { cwd: spec.cwd, env: spec.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => out.push(chunk));
    let peak = 0;
    const poller =
      memory?.kind === 'vmhwm' ? setInterval(() => (peak = Math.max(peak, readHighWater(child.pid))), 2) : null;
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const busyAfter = machineBusyMs();
      const busyMs = busyBefore === null || busyAfter === null ? null : busyAfter - busyBefore;
      if (poller) clearInterval(poller);
      const ok = spec.okCodes ? spec.okCodes.includes(code) : code === 0;
      if (!ok) {
        const text = Buffer.concat(out).toString('utf8');
        reject(new Error(`${spec.command} ${spec.args.join(' ')} exited ${code}:\n${text.slice(-3000)}`));
        return;
      }
      let peakKb = null;
      if (memory?.kind === 'gnu-time') {
        peakKb = Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop());
        rmSync(timeFile, { force: true });
      } else if (memory?.kind === 'vmhwm') {
        peakKb = peak;
      }
      resolve({ ms, peakKb, busyMs });
    });
  });
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Runs `spec` `runs` times, calling `before()` ahead of each run (untimed: resetting caches, fresh venvs).
 * Returns { runs, ms (median), min, max, peakKb (median, or null), busyMs (median machine CPU, or null), samples }.
 */
export async function measure(spec, runs, options = {}) {
  const samples = [];
  const peaks = [];
  const busy = [];
  for (let i = 0; i < runs; i += 1) {
    if (options.before) await options.before(i);
    const { ms, peakKb, busyMs } = await timeOnce(spec, options);
    samples.push(ms);
    if (peakKb !== null) peaks.push(peakKb);
    if (busyMs !== null) busy.push(busyMs);
  }
  return {
    command: [spec.command, ...spec.args],
    runs,
    ms: median(samples),
    min: Math.min(...samples),
    max: Math.max(...samples),
    peakKb: peaks.length > 0 ? median(peaks) : null,
    busyMs: busy.length === runs ? median(busy) : null,
    samples,
  };
}

/** Least squares t = a + b*n; returns { intercept, slope, r2 }. */
export function linearFit(points) {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const p of points) {
    sxy += (p.x - mx) * (p.y - my);
    sxx += (p.x - mx) ** 2;
    syy += (p.y - my) ** 2;
  }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  const r2 = syy === 0 ? 1 : (sxy * sxy) / (sxx * syy);
  return { intercept: my - slope * mx, slope, r2 };
}
