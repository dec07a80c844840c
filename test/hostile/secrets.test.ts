/**
 * A credential written inside a source URL (`git+http://user:TOKEN@host/...`) must never come out again: not on
 * stdout or stderr, not in the JSON report, not in an error message, not in the module cache on disk (the CI cache
 * uploads it). Every output of every run is scanned for the token and for its base64 form (what HTTP Basic sends).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { GitHttpServer } from '../helpers/git-http-server.js';
import type { CliRun } from '../helpers/run-cli.js';
import type { Sandbox } from '../helpers/sandbox.js';
import { filesUnder, usePrivateServer } from './private-server.js';
import { describeRun, profileText } from './refusal.js';

const TOKEN = 'tok3n-5ecret-Value-0123456789';
const USERINFO = `deploy:${TOKEN}`;
const FORMS = [TOKEN, Buffer.from(USERINFO).toString('base64'), encodeURIComponent(TOKEN)];

const fixture = usePrivateServer();
let sb: Sandbox;
let server: GitHttpServer;

beforeEach(() => {
  ({ sb, server } = fixture());
});

function expectNoToken(where: string, text: string): void {
  for (const form of FORMS) expect(text.includes(form), `${where} contains the token (${form})`).toBe(false);
}

function scan(run: CliRun): void {
  expectNoToken('stdout', run.stdout);
  expectNoToken('stderr', run.stderr);
}

describe('a token inside a source URL', () => {
  it('a successful warm: outputs, report file and every file of the module cache are free of it', async () => {
    const source = `git+${server.url('private-mod', USERINFO)}@main`;
    await sb.write(
      'ok.md',
      profileText('profile: {name: p}', 'tools:', '  - module: private-mod', `    source: ${source}`),
    );
    const report = join(sb.root, 'report-ok.json');
    const run = await sb.runAsync(['warm', '-p', 'ok.md', '--verbose', '--report', report]);
    expect(run.code, describeRun(run)).toBe(0);
    // The server really was given the credential: the test exercises the path where it exists.
    expect(server.credentials).toContain(USERINFO);
    scan(run);
    expect(run.stdout).toContain('***@127.0.0.1');
    expectNoToken('report', await readFile(report, 'utf8'));
    const cached = await filesUnder(join(sb.amplifierHome, 'cache'));
    expect(cached.length).toBeGreaterThan(0);
    for (const file of cached) expectNoToken(file, (await readFile(file)).toString('latin1'));
  });

  it('a failing fetch (repository missing on the server): the error and the JSON report are free of it', async () => {
    const source = `git+${server.url('no-such-repo', USERINFO)}@main`;
    await sb.write(
      'missing.md',
      profileText('profile: {name: p}', 'tools:', '  - module: gone', `    source: ${source}`),
    );
    const run = await sb.runAsync(['warm', '-p', 'missing.md', '--format', 'json', '--verbose']);
    expect(run.code, describeRun(run)).toBe(1);
    scan(run);
    const parsed = JSON.parse(run.stdout) as { modules: { status: string; findings: { message: string }[] }[] };
    expect(parsed.modules[0]?.status).toBe('fetch-failed');
  });

  it('an unreachable host: the error is free of it', async () => {
    const source = `git+http://${USERINFO}@127.0.0.1:9/o/r@main`;
    await sb.write('down.md', profileText('profile: {name: p}', 'tools:', '  - module: down', `    source: ${source}`));
    const run = await sb.runAsync(['warm', '-p', 'down.md', '--verbose']);
    expect(run.code, describeRun(run)).toBe(1);
    scan(run);
  });

  it('bad input carrying it: the exit-2 message (text and JSON) is free of it', async () => {
    const source = `git+https://${USERINFO}@github.com/o/r@--upload-pack=x`;
    await sb.write('bad.md', profileText('profile: {name: p}', 'tools:', '  - module: bad', `    source: ${source}`));
    for (const format of ['text', 'json']) {
      const run = await sb.runAsync(['warm', '-p', 'bad.md', '--format', format]);
      expect(run.code, describeRun(run)).toBe(2);
      expect(run.stderr).toContain('***@github.com');
      scan(run);
    }
  });

  it('an environment override carrying it: the trail and the warning are free of it', async () => {
    await sb.write('env.md', profileText('profile: {name: p}', 'tools:', '  - module: private-mod'));
    const run = await sb.runAsync(['resolve', '-p', 'env.md', '--format', 'json'], {
      env: { AMPLIFIER_MODULE_PRIVATE_MOD: `git+https://${USERINFO}@github.com/o/r@main` },
    });
    expect(run.code, describeRun(run)).toBe(0);
    scan(run);
  });
});
