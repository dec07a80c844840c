/**
 * A real smart-HTTP git server on 127.0.0.1 for credential tests: node:http in front of `git http-backend` (CGI),
 * serving every repository under a base path as `http://127.0.0.1:<port>/<name>`. It demands HTTP Basic auth (401
 * until a request carries credentials), so git sends the userinfo of the URL, and records what it was sent.
 */
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { freePort } from './git-daemon.js';

export interface GitHttpServer {
  readonly port: number;
  /** `http://<userinfo@>127.0.0.1:<port>/<name>` */
  url(repoName: string, userinfo?: string): string;
  /** Decoded `user:password` of every authenticated request. */
  readonly credentials: string[];
  stop(): Promise<void>;
}

function runBackend(request: IncomingMessage, response: ServerResponse, basePath: string, user: string): void {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const child = spawn('git', ['http-backend'], {
    env: {
      PATH: process.env.PATH,
      GIT_PROJECT_ROOT: basePath,
      GIT_HTTP_EXPORT_ALL: '1',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.slice(1),
      REQUEST_METHOD: request.method ?? 'GET',
      CONTENT_TYPE: request.headers['content-type'] ?? '',
      REMOTE_USER: user,
      REMOTE_ADDR: '127.0.0.1',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
    },
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  request.pipe(child.stdin);
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  child.on('close', () => {
    const out = Buffer.concat(chunks);
    const split = out.indexOf('\r\n\r\n');
    const head = split >= 0 ? out.subarray(0, split).toString('utf8') : '';
    const body = split >= 0 ? out.subarray(split + 4) : out;
    let status = 200;
    const headers: Record<string, string> = {};
    for (const line of head.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 200;
      else headers[name] = value;
    }
    response.writeHead(status, headers);
    response.end(body);
  });
}

export async function startGitHttpServer(basePath: string): Promise<GitHttpServer> {
  const port = await freePort();
  const credentials: string[] = [];
  const server = createServer((request, response) => {
    const auth = request.headers.authorization ?? '';
    if (!auth.toLowerCase().startsWith('basic ')) {
      response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="test"' });
      response.end('authentication required\n');
      return;
    }
    const decoded = Buffer.from(auth.slice('basic '.length), 'base64').toString('utf8');
    credentials.push(decoded);
    runBackend(request, response, basePath, decoded.split(':')[0] ?? '');
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port,
    url: (repoName, userinfo) => `http://${userinfo ? `${userinfo}@` : ''}127.0.0.1:${port}/${repoName}`,
    credentials,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
