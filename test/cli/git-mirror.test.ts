/**
 * A company mirror through the user's own git configuration: a throwaway HOME whose `~/.gitconfig` says
 * `url.<mirror>.insteadOf https://github.com/microsoft/`, the module declared with its public https URL, and the
 * mirror served over file:// and over smart HTTP on 127.0.0.1. The built CLI must fetch through each, keep the
 * declared URL as the cache identity, respect a GIT_ALLOW_PROTOCOL the user set, and print a fix command that fails
 * the same way when the user runs it.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { layoutARepoDir } from '../../src/source/cache-layout.js';
import { type GitHttpServer, startGitHttpServer } from '../helpers/git-http-server.js';
import { git, makeModuleRepo } from '../helpers/git-repos.js';
import { createSandbox, type Sandbox } from '../helpers/sandbox.js';
import { describeRun, profileText } from '../hostile/refusal.js';

const REPO = 'amplifier-module-tool-mirrored';
const DECLARED = `https://github.com/microsoft/${REPO}`;

let sb: Sandbox;
let served: string;
let http: GitHttpServer;

async function useMirror(base: string): Promise<void> {
  await rm(join(sb.userHome, '.gitconfig'), { force: true });
  const file = join(sb.userHome, '.gitconfig');
  await git(sb.userHome, ['config', '--file', file, `url.${base}.insteadOf`, 'https://github.com/microsoft/']);
}

async function warm(env: Record<string, string> = {}) {
  await rm(join(sb.amplifierHome, 'cache'), { recursive: true, force: true });
  const run = await sb.runAsync(['warm', '-p', 'p.md', '--format', 'json'], { env });
  return { run, report: JSON.parse(run.stdout || '{"modules":[]}') as Report };
}

/** Runs a printed fix the way a user pastes it into a shell with the same HOME and PATH. */
function runInShell(command: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', command], {
      env: { PATH: join(sb.root, 'bin'), HOME: sb.userHome, GIT_CONFIG_NOSYSTEM: '1', TMPDIR: join(sb.root, 'tmp') },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

beforeAll(async () => {
  sb = await createSandbox({ tools: 'pass' });
  served = join(sb.root, 'mirror', 'microsoft');
  await makeModuleRepo(served, REPO);
  http = await startGitHttpServer(served);
  await sb.write(
    'p.md',
    profileText('profile: {name: p}', 'tools:', '  - module: tool-mirrored', `    source: git+${DECLARED}@main`),
  );
}, 60_000);
afterAll(async () => {
  await http.stop();
  await sb.cleanup();
});

describe('url.<mirror>.insteadOf in the user git config (built CLI)', () => {
  it('fetches a github.com declaration through a file:// mirror into the cache directory of the declared URL', async () => {
    await useMirror(`file://${served}/`);
    const { run, report } = await warm();
    expect(run.code, describeRun(run)).toBe(0);
    expect(report.modules[0]?.fetch?.origin).toBe('network');
    expect(existsSync(join(layoutARepoDir(sb.amplifierHome, { url: DECLARED, ref: 'main' }), 'pyproject.toml'))).toBe(
      true,
    );
  });

  it('fetches through a plain http mirror (credentials in the mirror URL)', async () => {
    await useMirror(`${http.url('', 'mirror:s3cret')}`);
    const { run, report } = await warm();
    expect(run.code, describeRun(run)).toBe(0);
    expect(report.modules[0]?.fetch?.origin).toBe('network');
    expect(http.credentials).toContain('mirror:s3cret');
    expect(run.stdout + run.stderr).not.toContain('s3cret');
  });

  it('keeps a GIT_ALLOW_PROTOCOL the user set, and the printed fix fails the same way when run', async () => {
    await useMirror(`${http.url('', 'mirror:s3cret')}`);
    const { run, report } = await warm({ GIT_ALLOW_PROTOCOL: 'https:file' });
    expect(run.code, describeRun(run)).toBe(1);
    const module = report.modules[0];
    expect(module?.findings.map((f) => f.message).join('\n')).toContain("transport 'http' not allowed");
    const fix = module?.fix ?? '';
    const command = fix.slice(fix.indexOf('GIT_ALLOW_PROTOCOL='));
    expect(command).toMatch(/^GIT_ALLOW_PROTOCOL=https:file GIT_TERMINAL_PROMPT=0 git .* ls-remote -- /);
    const repeated = await runInShell(command);
    expect(repeated.code).not.toBe(0);
    expect(repeated.stderr).toContain("transport 'http' not allowed");
    // Without the user's restriction the same command goes through the mirror: it repeats, it does not invent.
    const allowed = await runInShell(command.replace('GIT_ALLOW_PROTOCOL=https:file', 'GIT_ALLOW_PROTOCOL=https:http'));
    expect(allowed.code, allowed.stderr).toBe(0);
  });
});
