import { type ChildProcess, spawn } from 'node:child_process';
import type { Exec, ExecOptions, ExecResult } from '../ports.js';

const MAX_CAPTURE = 8 * 1024 * 1024;
/** No child runs unbounded: callers pass tighter limits; this catches any that forgot. */
export const DEFAULT_CHILD_TIMEOUT_MS = 30 * 60 * 1000;
const KILL_GRACE_MS = 2000;

/** Children still running, so a signal to this process can stop each one's whole process group. */
const liveChildren = new Set<ChildProcess>();

/**
 * Signals a child's process group, not only the child: a child that started a grandchild holding its pipes (a
 * credential helper, a build backend) would otherwise keep `close` from ever firing.
 */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is gone already; fall back to the child itself in case it never became a group leader.
    try {
      child.kill(signal);
    } catch {
      // Nothing left to stop.
    }
  }
}

const REAP_WAIT_MS = 1500;

/**
 * Stops every running child's process group at once (SIGKILL): used when this process is interrupted. Resolves once
 * each child has exited and been reaped (or after a short wait), so none outlives this process or stays a zombie.
 */
export function stopAllChildren(): Promise<number> {
  const children = [...liveChildren];
  liveChildren.clear();
  const exited = children.map(
    (child) =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) resolve();
        else child.once('exit', () => resolve());
      }),
  );
  for (const child of children) signalGroup(child, 'SIGKILL');
  const patience = new Promise<void>((resolve) => setTimeout(resolve, REAP_WAIT_MS).unref());
  return Promise.race([Promise.all(exited).then(() => undefined), patience]).then(() => children.length);
}

/** Spawns programs with an argument array (`shell: false` always) and captures their output. */
export const nodeExec: Exec = {
  run(command: string, args: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    return new Promise((resolve) => {
      const child = spawn(command, [...args], {
        cwd: options.cwd,
        env: options.env ? { ...options.env } : process.env,
        shell: false,
        stdio: ['pipe', 'pipe', 'pipe'],
        windowsHide: true,
        // Its own process group, so a timeout or an interrupt can stop it together with whatever it started.
        detached: process.platform !== 'win32',
      });
      liveChildren.add(child);
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let outSize = 0;
      let errSize = 0;
      let settled = false;
      let timedOut = false;
      let killTimer: NodeJS.Timeout | undefined;
      const finish = (result: ExecResult): void => {
        if (settled) return;
        settled = true;
        // A child stopped for its timeout (or an abort) may have left its group behind: nothing in it outlives it.
        if (timedOut || options.signal?.aborted) signalGroup(child, 'SIGKILL');
        liveChildren.delete(child);
        clearTimeout(timer);
        if (killTimer) clearTimeout(killTimer);
        options.signal?.removeEventListener('abort', abort);
        resolve(result);
      };
      const terminate = (): void => {
        signalGroup(child, 'SIGTERM');
        killTimer = setTimeout(() => {
          signalGroup(child, 'SIGKILL');
          // A grandchild in another group may still hold the pipes: stop waiting for them.
          child.stdout.destroy();
          child.stderr.destroy();
        }, KILL_GRACE_MS);
        killTimer.unref();
      };
      const abort = (): void => terminate();
      const timeoutMs = options.timeoutMs ?? DEFAULT_CHILD_TIMEOUT_MS;
      const timer = setTimeout(() => {
        timedOut = true;
        terminate();
      }, timeoutMs);
      options.signal?.addEventListener('abort', abort, { once: true });
      child.stdout.on('data', (chunk: Buffer) => {
        options.onOutput?.(chunk.toString('utf8'));
        if (outSize < MAX_CAPTURE) out.push(chunk);
        outSize += chunk.length;
      });
      child.stderr.on('data', (chunk: Buffer) => {
        options.onOutput?.(chunk.toString('utf8'));
        if (errSize < MAX_CAPTURE) err.push(chunk);
        errSize += chunk.length;
      });
      child.on('error', (error: NodeJS.ErrnoException) => {
        finish({
          code: null,
          signal: null,
          stdout: '',
          stderr: '',
          spawnError: `${error.code ?? 'error'}: ${error.message}`,
        });
      });
      const settle = (code: number | null, signal: NodeJS.Signals | null): void => {
        const stderr = Buffer.concat(err).toString('utf8');
        const note = timedOut ? `\n[stopped after ${Math.round(timeoutMs / 1000)} s: timed out]` : '';
        finish({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: stderr + note, spawnError: null });
      };
      child.on('close', settle);
      // `close` waits for the pipes; after a kill, `exit` plus destroyed pipes must be enough.
      child.on('exit', (code, signal) => {
        if (timedOut || options.signal?.aborted) setImmediate(() => settle(code, signal));
      });
      child.stdin.on('error', () => {
        // The child may exit before reading its input; that is reported through its exit code.
      });
      const { input } = options;
      if (typeof input === 'string') child.stdin.end(input);
      else if (input)
        input.then(
          (text) => child.stdin.end(text),
          () => child.stdin.end(),
        );
      else child.stdin.end();
    });
  },
};
