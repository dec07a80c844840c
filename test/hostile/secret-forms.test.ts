/**
 * Credentials whatever characters they hold, wherever they are written: a password with `/`, `#`, `@`, `:`, quotes or
 * percent escapes, a user-only token, in a profile source, a settings source, an environment override and an
 * object-form source. Each run goes through the built CLI against a real smart-HTTP git server that demands a
 * password; stdout, stderr, the `--report` file and every file under the sandbox's Amplifier home and TMPDIR are
 * scanned for the secret and for every piece of it between its special characters.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { GitHttpServer } from '../helpers/git-http-server.js';
import { runBundledAction } from '../helpers/runner.js';
import type { Sandbox } from '../helpers/sandbox.js';
import { filesUnder, usePrivateServer } from './private-server.js';
import { describeRun, profileText } from './refusal.js';

const fixture = usePrivateServer();
let sb: Sandbox;
let server: GitHttpServer;

beforeEach(() => {
  ({ sb, server } = fixture());
});

/** The secret, its percent-decoded form, and every run of 4+ characters between its special characters. */
function secretPieces(secret: string): string[] {
  let decoded = secret;
  try {
    decoded = decodeURIComponent(secret);
  } catch {
    // not percent-encoded: the raw form is all there is
  }
  const pieces = new Set([secret, decoded]);
  for (const form of [secret, decoded]) {
    for (const part of form.split(/[/#@:"'%]/)) if (part.length >= 4) pieces.add(part);
  }
  return [...pieces];
}

async function expectNowhere(secret: string, texts: Record<string, string>): Promise<void> {
  const all: Record<string, string> = { ...texts };
  for (const dir of [sb.amplifierHome, join(sb.root, 'tmp')]) {
    for (const file of await filesUnder(dir)) all[file] = (await readFile(file)).toString('latin1');
  }
  for (const piece of secretPieces(secret)) {
    for (const [where, text] of Object.entries(all)) {
      expect(text.includes(piece), `${where} contains '${piece}' of the secret:\n${text.slice(0, 2000)}`).toBe(false);
    }
  }
}

/** Runs warm with text and JSON output and a report; returns the exit codes seen. */
async function warmEverywhere(name: string, env: Record<string, string> = {}): Promise<number[]> {
  const codes: number[] = [];
  const texts: Record<string, string> = {};
  for (const format of ['text', 'json']) {
    const report = join(sb.root, `${name}-${format}.json`);
    const run = await sb.runAsync(['warm', '-p', `${name}.md`, '--verbose', '--format', format, '--report', report], {
      env,
    });
    codes.push(run.code ?? -1);
    texts[`${format} stdout`] = run.stdout;
    texts[`${format} stderr`] = run.stderr;
    texts[`${format} report`] = await readFile(report, 'utf8').catch(() => '');
    texts[`${format} run`] = describeRun(run);
  }
  await expectNowhere(currentSecret, texts);
  return codes;
}

let currentSecret = '';

function profileWith(name: string, source: string): Promise<string> {
  return sb.write(`${name}.md`, profileText('profile: {name: p}', 'tools:', '  - module: private-mod', source));
}

/** Each password and the exit code warm must give: a password that breaks the URL syntax is bad input (2). */
const PASSWORDS: Record<string, [string, number]> = {
  slash: ['Slash-Part1/Secret-Part2', 2],
  hash: ['Hash-Part1#Secret-Part2', 2],
  at: ['AtSign-Part1@Secret-Part2', 0],
  colon: ['Colon-Part1:Secret-Part2', 0],
  quotes: [`Quote-Part1"Secret-Part2'Tail-Part3`, 0],
  percent: ['Percent-Part1%2FSecret%40Part2', 0],
};

describe('a password in a profile source, whatever it holds', () => {
  for (const [name, [password, code]] of Object.entries(PASSWORDS)) {
    it(`${name}: never printed, reported or written to disk`, async () => {
      currentSecret = password;
      await profileWith(name, `    source: git+${server.url('private-mod', `deploy:${password}`)}@main`);
      expect(await warmEverywhere(name)).toEqual([code, code]);
      // The server really got the password, decoded the way git decodes it: the path where it exists was exercised.
      if (code === 0) expect(server.credentials).toContain(`deploy:${decodeURIComponent(password)}`);
    });
  }
});

describe('other places a credential is written', () => {
  it('a user-only token (https://TOKEN@host) is sent and never shown', async () => {
    currentSecret = 'OnlyTokenValue0123456789abcdef';
    await profileWith('token', `    source: git+${server.url('private-mod', currentSecret)}@main`);
    expect(await warmEverywhere('token')).toEqual([0, 0]);
    expect(server.credentials.some((c) => c.startsWith(currentSecret))).toBe(true);
  });

  it('an object-form source url', async () => {
    currentSecret = 'Object-Part1@Secret-Part2';
    await profileWith(
      'object',
      `    source: {type: git, url: "${server.url('private-mod', `deploy:${currentSecret}`)}", ref: main}`,
    );
    expect(await warmEverywhere('object')).toEqual([0, 0]);
  });

  it('a settings source override', async () => {
    currentSecret = 'Settings-Part1#Secret-Part2';
    await sb.write(
      '.amplifier/settings.yaml',
      `sources:\n  private-mod: "git+https://deploy:${currentSecret}@127.0.0.1/x/private-mod@main"\n`,
    );
    await profileWith('settings', '');
    const codes = await warmEverywhere('settings');
    for (const code of codes) expect(code).not.toBe(0);
    await sb.write('.amplifier/settings.yaml', '{}\n');
  });

  it('an environment override', async () => {
    currentSecret = 'Environment-Part1/Secret-Part2';
    await profileWith('env', '');
    const env = {
      AMPLIFIER_MODULE_PRIVATE_MOD: `git+${server.url('private-mod', `deploy:${currentSecret}`)}@main`,
    };
    await warmEverywhere('env', env);
  });
});

describe('the action (bundled dist/main and dist/post)', () => {
  async function runAction(name: string, sources: readonly string[]): Promise<Record<string, string>> {
    const lines = sources.flatMap((source, index) => [`  - module: mod-${index}`, `    source: ${source}`]);
    await sb.write(`.amplifier/profiles/${name}.md`, profileText('profile: {name: p}', 'tools:', ...lines));
    const run = await runBundledAction({
      inputs: {
        command: 'warm',
        profile: `.amplifier/profiles/${name}.md`,
        cache: 'false',
        'amplifier-home': sb.amplifierHome,
      },
      workspace: sb.workspace,
      runnerTemp: await mkdtemp(join(sb.root, 'tmp', 'runner-')),
      env: { HOME: sb.userHome, PATH: `${join(sb.root, 'bin')}` },
      post: 'always',
    });
    return {
      log: run.main.stdout,
      stderr: run.main.stderr,
      post: `${run.post?.stdout ?? ''}${run.post?.stderr ?? ''}`,
      outputs: JSON.stringify(run.outputs),
      summary: run.summary,
      report: await readFile(run.outputs.report ?? '/nonexistent', 'utf8').catch(() => ''),
      ok: run.outputs.ok ?? '',
    };
  }

  it('a failing and a working source: log, annotations, outputs, summary and report are free of the password', async () => {
    currentSecret = 'Action-Part1@Secret"Part2';
    const texts = await runAction('action', [
      `git+${server.url('private-mod', `deploy:${currentSecret}`)}@main`,
      `git+${server.url('no-such-repo', `deploy:${currentSecret}`)}@main`,
    ]);
    expect(texts.ok).toBe('false');
    expect(texts.log).toContain('::error');
    expect(server.credentials).toContain(`deploy:${currentSecret}`);
    await expectNowhere(currentSecret, texts);
  });

  it('bad input (a password cutting the URL short): the error annotation is free of it', async () => {
    currentSecret = 'Action-Part1/Secret#Part2';
    const texts = await runAction('action-bad', [`git+${server.url('private-mod', `deploy:${currentSecret}`)}@main`]);
    expect(texts.log).toContain('::error');
    await expectNowhere(currentSecret, texts);
  });
});
