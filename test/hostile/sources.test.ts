/**
 * Source strings written to make git (or the installer) do something other than fetch a repository: options
 * disguised as refs, hosts or users, other transports, revision syntax, control characters, subdirectories that
 * leave the clone. Each must be refused while the file is read (exit 2, file and line), before any process starts,
 * whichever command is run and wherever the source is written (profile, object form, settings, bundle include).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../helpers/sandbox.js';
import { describeRun, expectRefused, profileText } from './refusal.js';

let sb: Sandbox;
beforeAll(async () => {
  sb = await createSandbox();
});
afterAll(async () => {
  await sb.cleanup();
});

let written = 0;
function fileName(prefix: string): string {
  written += 1;
  return `${prefix}-${written}.md`;
}

/** [source as written in YAML (a double-quoted scalar body), error code, what the message must say] */
const HOSTILE_GIT_SOURCES: readonly (readonly [string, string, string])[] = [
  ['git+https://github.com/o/r@--upload-pack=touch$IFS/tmp/pwned', 'unsafe-source', "starts with '-'"],
  ['git+https://github.com/o/r@-cprotocol.ext.allow=always', 'unsafe-source', "starts with '-'"],
  ['git+--upload-pack=touch://h/r', 'unsafe-source', "starts with '-'"],
  ['git+ext::sh -c touch% /tmp/pwned', 'unsafe-source', 'whitespace or control characters'],
  ['git+ext::sh%20-c%20id', 'unsafe-source', 'allowed transport'],
  ['git+fd::3', 'unsafe-source', 'allowed transport'],
  ['git+transport-x::whatever', 'unsafe-source', 'allowed transport'],
  ['git+ftp://example.com/o/r', 'unsafe-source', "transport 'ftp'"],
  ['git+ssh://-oProxyCommand=touch/o/r', 'unsafe-source', 'not a valid host name'],
  ['git+ssh://-oProxyCommand=x@host/o/r', 'unsafe-source', "starts with '-'"],
  ['git+file://evil.example/srv/repo', 'unsafe-source', 'names a host'],
  ['git+https://github.com/o/r@main~1', 'unsafe-source', 'not a plain git ref name'],
  ['git+https://github.com/o/r@HEAD:secret.txt', 'unsafe-source', 'not a plain git ref name'],
  ['git+https://github.com/o/r@@{-1}', 'unsafe-source', 'not a plain git ref name'],
  ['git+https://github.com/o/r@main\\n--upload-pack=x', 'unsafe-source', 'whitespace or control characters'],
  ['git+https://github.com/o/../../r@main', 'unsafe-source', "'..' segment"],
  ['git+https://github.com/o/r@main#subdirectory=../../outside', 'unsafe-source', "'..' segment"],
  ['git+https://github.com/o/r@main#subdirectory=/etc', 'unsafe-source', 'absolute path'],
  ['git+https://github.com/o/r@main#subdirectory=%2e%2e/%2e%2e/outside', 'unsafe-source', "'..' segment"],
  ['git+https://github.com/o/r@main#subdirectory=a\\\\..\\\\..\\\\x', 'unsafe-source', "'..' segment"],
  ['git+https://github.com/o/r@main#subdirectory=C:/Windows', 'unsafe-source', 'absolute path'],
  ['git+https://github.com/o/r@main#subdirectory=--help', 'unsafe-source', "starting with '-'"],
];

describe('hostile git sources in a profile are refused at parse time, for every command', () => {
  it.each(HOSTILE_GIT_SOURCES)('%s', async (source, code, says) => {
    const name = fileName('git');
    const file = await sb.write(
      name,
      profileText(
        'profile: {name: p}',
        'tools:',
        '  - module: tool-ok',
        '  - module: tool-a',
        `    source: "${source}"`,
      ),
    );
    // `install` would run git and the installer if parsing let the source through. The error names the entry.
    await expectRefused(sb, ['install', '-p', name, '--python', `${sb.root}/bin/python3`], {
      code,
      file,
      line: 5,
      says,
    });
  });
});

describe('hostile values in the object form of a source', () => {
  it.each([
    ["{type: git, url: 'https://github.com/o/r', ref: '--output=/tmp/x'}", "starts with '-'"],
    ["{type: git, url: 'ext::sh -c id'}", 'whitespace or control characters'],
    ["{type: git, url: 'https://github.com/o/r', subdirectory: '../../outside'}", "'..' segment"],
    ["{type: git, url: 'https://github.com/o/r', subdirectory: '/abs'}", 'absolute path'],
  ])('%s', async (source, says) => {
    const name = fileName('obj');
    const file = await sb.write(
      name,
      profileText('profile: {name: p}', 'hooks:', '  - module: hooks-a', `    source: ${source}`),
    );
    await expectRefused(sb, ['warm', '-p', name], { code: 'unsafe-source', file, line: 4, says });
  });
});

describe('package and path sources that look like installer options', () => {
  it.each([
    ['--index-url=http://evil.example/simple', "is a URL without 'git+'"],
    ['-e/tmp/evil', 'neither a git URI, a path nor a package name'],
    ['pkg; rm -rf /', 'neither a git URI, a path nor a package name'],
    ['https://evil.example/pkg.whl', "is a URL without 'git+'"],
  ])('%s', async (source, says) => {
    const name = fileName('pkg');
    const file = await sb.write(
      name,
      profileText('profile: {name: p}', 'tools:', '  - module: tool-a', `    source: "${source}"`),
    );
    await expectRefused(sb, ['install', '-p', name, '--python', `${sb.root}/bin/python3`], {
      code: 'invalid-source',
      file,
      line: 4,
      says,
    });
  });
});

describe('hostile sources outside profiles', () => {
  it('in a settings override: refused at the settings line', async () => {
    const ws = `${sb.root}/settings-ws`;
    await sb.write(`${ws}/p.md`, profileText('profile: {name: p}', 'tools:', '  - module: tool-a'));
    const settings = await sb.write(
      `${ws}/.amplifier/settings.yaml`,
      'sources:\n  modules:\n    tool-a: git+https://github.com/o/r@--upload-pack=x\n',
    );
    await expectRefused(
      sb,
      ['warm', '-p', 'p.md'],
      { code: 'unsafe-source', file: settings, line: 3, says: "starts with '-'" },
      { cwd: ws },
    );
  });

  it('as a bundle git include: refused at the include line, not skipped', async () => {
    const file = await sb.write(
      'inc-hostile.yaml',
      'bundle: {name: b}\nincludes:\n  - git+https://github.com/o/r@--upload-pack=x\n',
    );
    await expectRefused(sb, ['warm', '-p', 'inc-hostile.yaml'], {
      code: 'unsafe-source',
      file,
      line: 3,
      says: "starts with '-'",
    });
  });

  it('as a bundle include over another transport: refused at the include line', async () => {
    const file = await sb.write('inc-ext.yaml', 'bundle: {name: b}\nincludes:\n  - bundle: "git+ext::sh%20-c%20id"\n');
    await expectRefused(sb, ['warm', '-p', 'inc-ext.yaml'], {
      code: 'unsafe-source',
      file,
      line: 3,
      says: 'allowed transport',
    });
  });

  it('as a bundle registered in settings (bundle.added): refused at the settings line', async () => {
    const ws = `${sb.root}/added-ws`;
    await sb.write(`${ws}/b.yaml`, 'bundle: {name: b}\nincludes:\n  - evil:behaviors/x\n');
    const settings = await sb.write(`${ws}/.amplifier/settings.yaml`, 'bundle:\n  added:\n    evil: git+fd::0\n');
    await expectRefused(
      sb,
      ['warm', '-p', 'b.yaml'],
      { code: 'unsafe-source', file: settings, line: 3, says: 'allowed transport' },
      { cwd: ws },
    );
  });

  it('in AMPLIFIER_MODULE_<ID>: rejected with the reason, the next layer decides, nothing runs', async () => {
    await sb.write('env.md', profileText('profile: {name: p}', 'tools:', '  - module: tool-a', '    source: ./mod-a'));
    await sb.write('mod-a/tool_a/__init__.py', '');
    const run = sb.run(['resolve', '-p', 'env.md', '--format', 'json'], {
      env: { AMPLIFIER_MODULE_TOOL_A: 'git+https://github.com/o/r@--upload-pack=touch' },
    });
    expect(run.code, describeRun(run)).toBe(0);
    const report = JSON.parse(run.stdout) as {
      modules: { resolution: { layer: string; trail: { layer: string; outcome: string; detail: string }[] } }[];
    };
    const [module] = report.modules;
    expect(module?.resolution.layer).toBe('profile');
    expect(module?.resolution.trail[0]).toMatchObject({ layer: 'env', outcome: 'rejected' });
    expect(module?.resolution.trail[0]?.detail).toContain("starts with '-'");
    expect(await sb.spawned()).toEqual([]);
  });
});
