/**
 * A real `git daemon` on 127.0.0.1 serving every repository under a base path as `git://127.0.0.1:<port>/<name>`,
 * for the network path of the fetch stage: it can be stopped (connection refused) and started again on the same port.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createConnection, createServer } from 'node:net';

export interface GitDaemon {
  readonly port: number;
  url(repoName: string): string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export async function startGitDaemon(basePath: string): Promise<GitDaemon> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const daemon: GitDaemon = {
    port,
    url: (repoName) => `git://127.0.0.1:${port}/${repoName}`,
    async start() {
      if (child) return;
      child = spawn(
        'git',
        [
          'daemon',
          '--reuseaddr',
          '--listen=127.0.0.1',
          `--port=${port}`,
          '--export-all',
          `--base-path=${basePath}`,
          '--enable=upload-pack',
          '--informative-errors',
          basePath,
        ],
        // Its own process group: stopping it stops the `git daemon --serve` child of every connection too, which could
        // otherwise hold the listening socket open and keep the port answering after the daemon itself is gone.
        { stdio: 'ignore', detached: true },
      );
      await waitFor(() => canConnect(port), `git daemon on port ${port}`);
    },
    async stop() {
      const running = child;
      if (!running) return;
      child = null;
      const exited =
        running.exitCode !== null || running.signalCode !== null
          ? Promise.resolve()
          : new Promise<void>((resolve) => running.once('exit', () => resolve()));
      try {
        if (running.pid !== undefined) process.kill(-running.pid, 'SIGTERM');
      } catch {
        running.kill('SIGTERM');
      }
      await exited;
      await waitFor(async () => !(await canConnect(port)), `git daemon on port ${port} to stop`);
    },
  };
  await daemon.start();
  return daemon;
}
