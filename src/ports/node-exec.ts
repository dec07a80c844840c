import { spawn } from 'node:child_process';
import type { Exec, ExecOptions, ExecResult } from '../ports.js';

const MAX_CAPTURE = 8 * 1024 * 1024;

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
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let outSize = 0;
      let errSize = 0;
      let settled = false;
      let killTimer: NodeJS.Timeout | undefined;
      const finish = (result: ExecResult): void => {
        if (settled) return;
        settled = true;
        if (timer) clearTimeout(timer);
        if (killTimer) clearTimeout(killTimer);
        options.signal?.removeEventListener('abort', abort);
        resolve(result);
      };
      const terminate = (): void => {
        child.kill('SIGTERM');
        killTimer = setTimeout(() => child.kill('SIGKILL'), 2000);
        killTimer.unref();
      };
      const abort = (): void => terminate();
      const timer = options.timeoutMs ? setTimeout(terminate, options.timeoutMs) : undefined;
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
      child.on('close', (code, signal) => {
        finish({
          code,
          signal,
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
          spawnError: null,
        });
      });
      child.stdin.on('error', () => {
        // The child may exit before reading its input; that is reported through its exit code.
      });
      if (options.input !== undefined) child.stdin.end(options.input);
      else child.stdin.end();
    });
  },
};
