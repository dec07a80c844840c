// A real `git daemon` on 127.0.0.1 so every fetch and ls-remote of the benchmark goes through a socket.
import { spawn } from 'node:child_process';
import { createConnection, createServer } from 'node:net';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function canConnect(port) {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Starts the daemon serving every repository under `baseDir`; resolves { port, baseUrl, args, stop() }. */
export async function startGitDaemon(baseDir) {
  const port = await freePort();
  const args = [
    'daemon',
    '--reuseaddr',
    '--export-all',
    `--base-path=${baseDir}`,
    '--listen=127.0.0.1',
    `--port=${port}`,
    '--enable=upload-pack',
    baseDir,
  ];
  const child = spawn('git', args, { stdio: 'ignore' });
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  const deadline = Date.now() + 10_000;
  while (!(await canConnect(port))) {
    if (exited || Date.now() > deadline) throw new Error(`git daemon did not start on 127.0.0.1:${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    port,
    baseUrl: `git://127.0.0.1:${port}`,
    args,
    /** For an interrupted run: signal the daemon without waiting. */
    killNow() {
      if (!exited) child.kill('SIGTERM');
    },
    async stop() {
      if (exited) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await gone;
    },
  };
}
