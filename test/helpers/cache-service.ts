/**
 * A real cache service for tests: the three twirp methods of the Actions cache service v2 (REFERENCE.md section 9),
 * hand-written on node:http, in front of Azurite's blob store (the real Azure Storage emulator). `@actions/cache`'s
 * own `restoreCache`/`saveCache` talk to it exactly as they talk to github.com: JSON twirp for the entries, the Azure
 * SDK uploading to a signed (SAS) URL, a plain GET downloading from it.
 *
 * Fault modes for tests: `refuse` answers `ok: false` to every method (no 5xx: those cost the toolkit five retries);
 * an unreachable service is a URL on a closed port (`closedPortUrl`); `damage` truncates or scrambles a stored archive.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import {
  BlobSASPermissions,
  BlobServiceClient,
  generateBlobSASQueryParameters,
  StorageSharedKeyCredential,
} from '@azure/storage-blob';
import { freePort } from './git-daemon.js';

// Azurite's published development account (https://learn.microsoft.com/azure/storage/common/storage-use-azurite).
const ACCOUNT = 'devstoreaccount1';
const ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const CONTAINER = 'actions-cache';
const TWIRP_PREFIX = '/twirp/github.actions.results.api.v1.CacheService/';

export interface CacheEntry {
  readonly key: string;
  readonly version: string;
  readonly blob: string;
  readonly seq: number;
  finalized: boolean;
  sizeBytes: number;
}

export interface TwirpCall {
  readonly method: string;
  readonly body: Record<string, unknown>;
}

export type CacheServiceMode = 'ok' | 'refuse';

export interface CacheService {
  /** ACTIONS_RESULTS_URL (ends with `/`). */
  readonly url: string;
  readonly token: string;
  readonly entries: CacheEntry[];
  readonly calls: TwirpCall[];
  mode: CacheServiceMode;
  /**
   * Damages the stored archive of an entry in place: `truncate` keeps its first half (a download cut short),
   * `garbage` replaces every byte (a corrupt blob). The entry still matches, so restore downloads it.
   */
  damage(key: string, how: 'truncate' | 'garbage'): Promise<void>;
  /** The environment `@actions/cache` needs to use this service (v2 protocol). */
  env(runnerTemp: string, workspace: string): Record<string, string>;
  stop(): Promise<void>;
}

function waitForHttp(url: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const attempt = async (): Promise<void> => {
    try {
      await fetch(url);
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`Azurite did not start at ${url}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      return attempt();
    }
  };
  return attempt();
}

async function startAzurite(): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const bin = join(process.cwd(), 'node_modules', '.bin', 'azurite-blob');
  const child = spawn(
    bin,
    [
      '--inMemoryPersistence',
      '--extentMemoryLimit',
      '256',
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      String(port),
      '--silent',
      '--disableTelemetry',
      '--skipApiVersionCheck',
    ],
    { stdio: 'ignore' },
  );
  await waitForHttp(`http://127.0.0.1:${port}/`);
  return { port, child };
}

function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      try {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve(text ? (JSON.parse(text) as Record<string, unknown>) : {});
      } catch (error) {
        reject(error);
      }
    });
    request.on('error', reject);
  });
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

function field(body: Record<string, unknown>, snake: string, camel: string): unknown {
  return body[snake] ?? body[camel];
}

/** Exact key, then newest entry with the key as prefix; the same for each restore key in order. */
function findEntry(entries: readonly CacheEntry[], keys: readonly string[], version: string): CacheEntry | null {
  const usable = entries.filter((entry) => entry.finalized && entry.version === version);
  const newestFirst = [...usable].sort((a, b) => b.seq - a.seq);
  for (const key of keys) {
    const exact = newestFirst.find((entry) => entry.key === key);
    if (exact) return exact;
    const prefixed = newestFirst.find((entry) => entry.key.startsWith(key));
    if (prefixed) return prefixed;
  }
  return null;
}

export async function startCacheService(): Promise<CacheService> {
  const azurite = await startAzurite();
  const blobEndpoint = `http://127.0.0.1:${azurite.port}/${ACCOUNT}`;
  const credential = new StorageSharedKeyCredential(ACCOUNT, ACCOUNT_KEY);
  const containerClient = new BlobServiceClient(blobEndpoint, credential).getContainerClient(CONTAINER);
  await containerClient.createIfNotExists();

  const signedUrl = (blob: string, permissions: string): string => {
    const sas = generateBlobSASQueryParameters(
      {
        containerName: CONTAINER,
        blobName: blob,
        permissions: BlobSASPermissions.parse(permissions),
        expiresOn: new Date(Date.now() + 60 * 60 * 1000),
      },
      credential,
    ).toString();
    return `${blobEndpoint}/${CONTAINER}/${blob}?${sas}`;
  };

  const token = randomBytes(16).toString('hex');
  let seq = 0;
  const entries: CacheEntry[] = [];
  const calls: TwirpCall[] = [];
  const state: { mode: CacheServiceMode } = { mode: 'ok' };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = (request.url ?? '').replace(/\/{2,}/g, '/');
    if (request.method !== 'POST' || !path.startsWith(TWIRP_PREFIX)) {
      reply(response, 404, { code: 'bad_route', msg: `no route for ${request.method} ${path}` });
      return;
    }
    if (request.headers.authorization !== `Bearer ${token}`) {
      reply(response, 401, { code: 'unauthenticated', msg: 'bad or missing token' });
      return;
    }
    const method = path.slice(TWIRP_PREFIX.length);
    const body = await readJson(request);
    calls.push({ method, body });
    if (state.mode === 'refuse') {
      reply(response, 200, { ok: false, message: 'refused by the test service' });
      return;
    }
    const key = String(body.key ?? '');
    const version = String(body.version ?? '');
    if (method === 'GetCacheEntryDownloadURL') {
      const restoreKeys = (field(body, 'restore_keys', 'restoreKeys') as string[] | undefined) ?? [];
      const entry = findEntry(entries, [key, ...restoreKeys], version);
      reply(
        response,
        200,
        entry
          ? { ok: true, signed_download_url: signedUrl(entry.blob, 'r'), matched_key: entry.key }
          : { ok: false, signed_download_url: '', matched_key: '' },
      );
    } else if (method === 'CreateCacheEntry') {
      if (entries.some((entry) => entry.key === key && entry.version === version)) {
        reply(response, 200, { ok: false, signed_upload_url: '', message: `entry ${key} already exists` });
        return;
      }
      seq += 1;
      const blob = `${seq}-${createHash('sha256').update(`${key}\n${version}`).digest('hex')}`;
      entries.push({ key, version, blob, seq, finalized: false, sizeBytes: 0 });
      reply(response, 200, { ok: true, signed_upload_url: signedUrl(blob, 'cw') });
    } else if (method === 'FinalizeCacheEntryUpload') {
      const entry = entries.find((candidate) => candidate.key === key && candidate.version === version);
      if (!entry || entry.finalized) {
        reply(response, 200, { ok: false, entry_id: '0', message: `no pending entry ${key}` });
        return;
      }
      entry.finalized = true;
      entry.sizeBytes = Number(field(body, 'size_bytes', 'sizeBytes') ?? 0);
      reply(response, 200, { ok: true, entry_id: String(entry.seq) });
    } else {
      reply(response, 404, { code: 'bad_route', msg: `unknown method ${method}` });
    }
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) =>
      reply(response, 400, { code: 'malformed', msg: String(error) }),
    );
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));

  return {
    url: `http://127.0.0.1:${port}/`,
    token,
    entries,
    calls,
    get mode() {
      return state.mode;
    },
    set mode(mode: CacheServiceMode) {
      state.mode = mode;
    },
    async damage(key, how) {
      const entry = entries.find((candidate) => candidate.key === key && candidate.finalized);
      if (!entry) throw new Error(`no finalized entry ${key}`);
      const blob = containerClient.getBlockBlobClient(entry.blob);
      const original = await blob.downloadToBuffer();
      const damaged =
        how === 'truncate' ? original.subarray(0, Math.floor(original.length / 2)) : randomBytes(original.length);
      await blob.uploadData(damaged);
    },
    env(runnerTemp, workspace) {
      return {
        ACTIONS_CACHE_SERVICE_V2: 'true',
        ACTIONS_RESULTS_URL: `http://127.0.0.1:${port}/`,
        ACTIONS_RUNTIME_TOKEN: token,
        RUNNER_TEMP: runnerTemp,
        GITHUB_WORKSPACE: workspace,
      };
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      const exited = new Promise<void>((resolve) => {
        if (azurite.child.exitCode !== null || azurite.child.signalCode !== null) resolve();
        else azurite.child.once('exit', () => resolve());
      });
      azurite.child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A URL on a port nothing listens on: the unreachable cache service. */
export async function closedPortUrl(): Promise<string> {
  return `http://127.0.0.1:${await freePort()}/`;
}
