/**
 * The setting of the credential tests: a sandbox for the built CLI and a real smart-HTTP git server demanding a
 * password, serving one module repository `private-mod`.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { type GitHttpServer, startGitHttpServer } from '../helpers/git-http-server.js';
import { makeModuleRepo } from '../helpers/git-repos.js';
import { createSandbox, type Sandbox } from '../helpers/sandbox.js';

export interface PrivateServer {
  readonly sb: Sandbox;
  readonly server: GitHttpServer;
}

/** Starts the sandbox and server before the file's tests and stops them after; call the result inside a test. */
export function usePrivateServer(): () => PrivateServer {
  let current: PrivateServer | null = null;
  beforeAll(async () => {
    const sb = await createSandbox({ tools: 'pass' });
    const base = join(sb.root, 'served');
    await makeModuleRepo(base, 'private-mod');
    current = { sb, server: await startGitHttpServer(base) };
  });
  afterAll(async () => {
    await current?.server.stop();
    await current?.sb.cleanup();
  });
  return () => {
    if (!current) throw new Error('usePrivateServer: used outside a test');
    return current;
  };
}

/** Every regular file below `dir` (none when it does not exist). */
export async function filesUnder(dir: string): Promise<string[]> {
  const names = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return names.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}
