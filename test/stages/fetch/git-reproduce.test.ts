/**
 * The commands a fix line prints to repeat a failed git step: they carry the environment git had here and never
 * the token, and run in a real shell against a real repository they do what the tool's step did.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redactor } from '../../../src/secrets.js';
import { reproduceFetch, reproduceLsRemote } from '../../../src/stages/fetch/git-reproduce.js';
import { makeModuleRepo, type TestRepo } from '../../helpers/git-repos.js';

const run = promisify(execFile);
let root: string;
let repo: TestRepo;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'am-reproduce-'));
  repo = await makeModuleRepo(root, 'amplifier-module-tool-r');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function shell(command: string): Promise<{ code: number; stderr: string }> {
  try {
    await run('/bin/sh', ['-c', command], { env: { PATH: process.env.PATH, HOME: root, TMPDIR: root } });
    return { code: 0, stderr: '' };
  } catch (error) {
    const failed = error as { code?: number; stderr?: string };
    return { code: failed.code ?? -1, stderr: failed.stderr ?? '' };
  }
}

describe('reproduce commands', () => {
  const ctx = { env: {}, token: null, git: undefined, redactor: new Redactor() };

  it('ls-remote: the allow-list, no prompts, the refs asked for', async () => {
    const command = reproduceLsRemote(ctx, repo.url, ['refs/heads/main', 'refs/tags/main']);
    expect(command).toMatch(/^GIT_ALLOW_PROTOCOL=https:http:ssh:git:file GIT_TERMINAL_PROMPT=0 git -c /);
    expect((await shell(command)).code).toBe(0);
    const refused = reproduceLsRemote({ ...ctx, env: { GIT_ALLOW_PROTOCOL: 'https' } }, repo.url, ['refs/heads/main']);
    const result = await shell(refused);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("transport 'file' not allowed");
  });

  it('fetch: a fresh repository fetching the commit, failing for a commit the server does not have', async () => {
    expect((await shell(reproduceFetch(ctx, repo.url, repo.commit))).code).toBe(0);
    const missing = await shell(reproduceFetch(ctx, repo.url, 'f'.repeat(40)));
    expect(missing.code).not.toBe(0);
  });

  it('builds the token header from $GITHUB_TOKEN in the shell, never from the value', () => {
    const token = { host: 'github.com', value: 'ghs_secretsecretsecret' };
    const command = reproduceLsRemote({ ...ctx, token }, 'https://github.com/o/r', ['refs/heads/main']);
    expect(command).not.toContain(token.value);
    expect(command).toContain('http.https://github.com/.extraheader=AUTHORIZATION: basic $(printf');
    expect(command).toContain('"$GITHUB_TOKEN"');
  });
});
