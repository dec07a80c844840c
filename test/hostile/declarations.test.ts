/**
 * Hostile profile and bundle files through the built CLI: broken, huge and malicious YAML, wrong encodings, wrong
 * types at every level, bad module ids, extends/includes loops and missing targets.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../helpers/sandbox.js';
import { expectRefused, profileText } from './refusal.js';

let sb: Sandbox;
beforeAll(async () => {
  sb = await createSandbox();
});
afterAll(async () => {
  await sb.cleanup();
});

/** Writes `name` and expects `resolve -p name` to be refused at `line`. */
async function refuses(
  name: string,
  content: string | Buffer,
  code: string,
  line: number | null,
  says?: string | RegExp,
) {
  const file = await sb.write(name, content);
  return expectRefused(sb, ['resolve', '-p', name], { code, file, line, ...(says === undefined ? {} : { says }) });
}

describe('malformed, huge and malicious YAML', () => {
  it('an unclosed flow sequence names the line inside the .md file', async () => {
    await refuses('unclosed.md', profileText('profile: {name: p}', 'tools:', '  - module: [tool-a'), 'yaml-syntax', 4);
  });

  it('a tab used for indentation is a syntax error at its line', async () => {
    await refuses('tabs.yaml', 'profile: {name: p}\ntools:\n\t- module: tool-a\n', 'yaml-syntax', 3);
  });

  it('front matter that is never closed is refused at line 1', async () => {
    await refuses('open.md', '---\nprofile: {name: p}\ntools: []\n', 'invalid-value', 1, 'not closed');
  });

  it('a file larger than the size limit is refused without being parsed', async () => {
    const entries = Array.from({ length: 40_000 }, (_, i) => `  - module: tool-${i}\n    config: {n: ${i}}`);
    await refuses('huge.md', profileText('profile: {name: p}', 'tools:', ...entries), 'yaml-too-complex', 1, /larger/);
  });

  it('nesting 100 000 levels deep is refused, not a crash', async () => {
    const deep = `x: ${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const run = await refuses('deep.md', profileText('profile: {name: p}', deep), 'yaml-syntax', 3);
    expect(run.stderr).not.toContain('RangeError');
  });

  it('a billion-laughs alias bomb is refused at the first alias', async () => {
    const bomb = [
      'profile: {name: p}',
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
      'f: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]',
    ];
    await refuses('bomb.md', profileText(...bomb), 'yaml-too-complex', 4, 'aliases');
  });

  it('a duplicate top-level key is refused at the repeated key', async () => {
    await refuses(
      'dup.md',
      profileText('profile: {name: p}', 'tools: []', 'hooks: []', 'tools: []'),
      'yaml-syntax',
      5,
      'duplicate key',
    );
  });

  it('a duplicate key inside one module entry is refused at that key', async () => {
    const text = profileText('profile: {name: p}', 'tools:', '  - module: tool-a', '    module: tool-b');
    await refuses('dup-entry.md', text, 'yaml-syntax', 5, 'duplicate key');
  });

  it('bytes that are not UTF-8 are refused at the line holding them', async () => {
    const bytes = Buffer.concat([
      Buffer.from('---\nprofile: {name: p}\ntools:\n  - module: tool-'),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from('\n---\n'),
    ]);
    await refuses('latin.md', bytes, 'invalid-encoding', 4, 'not valid UTF-8');
  });

  it('a UTF-16 file (FF FE byte order mark) is refused at line 1', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('profile: {name: p}\n', 'utf16le')]);
    await refuses('utf16.yaml', utf16, 'invalid-encoding', 1, 'UTF-8');
  });

  it('a UTF-8 BOM is tolerated and later errors keep their true line', async () => {
    const text = `\uFEFF${profileText('profile: {name: p}', 'tools:', '  - tool-a')}`;
    await refuses('bom.md', text, 'invalid-type', 4, 'tools[0] must be a mapping');
  });

  it('a FIFO given as --profile is refused instead of blocking on read', async () => {
    const fifo = `${sb.root}/pipe.yaml`;
    // mkfifo(1): node has no API for it; this runs in the test process, not the CLI under test.
    execFileSync('mkfifo', [fifo]);
    await expectRefused(sb, ['resolve', '-p', fifo], {
      code: 'file-unreadable',
      file: fifo,
      line: null,
      says: 'regular file',
    });
  });
});

describe('wrong types at every level', () => {
  it('a top-level list', async () => {
    await refuses('list.yaml', '- profile\n- tools\n', 'invalid-value', 1, 'neither a profile');
  });

  it('a top-level scalar in front matter', async () => {
    await refuses('scalar.md', profileText('just words'), 'invalid-value', 2, 'neither a profile');
  });

  it('`profile:` as a list', async () => {
    await refuses('meta-list.md', profileText('profile: [a, b]'), 'invalid-type', 2, '`profile` must be a mapping');
  });

  it('`tools:` as a mapping', async () => {
    await refuses(
      'tools-map.md',
      profileText('profile: {name: p}', 'tools: {module: tool-a}'),
      'invalid-type',
      3,
      'tools must be a list',
    );
  });

  it('a list item that is a bare string', async () => {
    const text = profileText('profile: {name: p}', 'hooks:', '  - module: hooks-a', '  - hooks-b');
    await refuses('bare.md', text, 'invalid-type', 5, 'hooks[1] must be a mapping');
  });

  it('`session:` as a list', async () => {
    await refuses('session-list.md', profileText('profile: {name: p}', 'session: [loop-basic]'), 'invalid-type', 3);
  });

  it('`session.orchestrator` as a string', async () => {
    const text = profileText('profile: {name: p}', 'session:', '  orchestrator: loop-basic');
    await refuses('slot-string.md', text, 'invalid-type', 4);
  });

  it('`config:` as a list', async () => {
    const text = profileText('profile: {name: p}', 'tools:', '  - module: tool-a', '    config: [1, 2]');
    await refuses('config-list.md', text, 'invalid-type', 5, 'config must be a mapping');
  });

  it('`source:` as a list', async () => {
    const text = profileText('profile: {name: p}', 'tools:', '  - module: tool-a', '    source: [git+https://h/o/r]');
    await refuses('source-list.md', text, 'invalid-source', 5);
  });

  it('a source object of an unknown type', async () => {
    const text = profileText('profile: {name: p}', 'tools:', '  - module: tool-a', '    source: {type: svn, url: x}');
    await refuses('svn.md', text, 'invalid-source-type', 4, "Invalid source type 'svn' for module 'tool-a'");
  });

  it('`profile.extends:` as a number', async () => {
    await refuses('extends-num.md', profileText('profile: {name: p, extends: 42}'), 'invalid-value', 2);
  });

  it('`agents:` as a mapping in a profile', async () => {
    await refuses(
      'agents-map.md',
      profileText('profile: {name: p}', 'agents: {helper: {tools: []}}'),
      'invalid-value',
      3,
      'agents',
    );
  });

  it('bundle `includes:` as a mapping', async () => {
    await refuses('inc-map.yaml', 'bundle: {name: b}\nincludes: {a: b}\n', 'invalid-type', 2, 'includes');
  });

  it('a bundle include that is a number', async () => {
    await refuses('inc-num.yaml', 'bundle: {name: b}\nincludes:\n  - 42\n', 'invalid-type', 3);
  });
});

describe('module ids that could name a path', () => {
  it.each([
    ['../../outside', 'parent traversal'],
    ['tools/bash', 'a path separator'],
    ['/etc/passwd', 'an absolute path'],
    ['..', 'the parent directory itself'],
    ['tool\\\\bash', 'a backslash'],
    ['-rf', 'a leading dash'],
  ])('module id %j (%s) is refused at its line', async (id) => {
    const name = `id-${Buffer.from(id).toString('hex')}.md`;
    const text = profileText('profile: {name: p}', 'tools:', '  - module: tool-ok', `  - module: "${id}"`);
    await refuses(name, text, 'invalid-module-id', 5, 'not a valid module id');
  });

  it('a numeric module id is refused', async () => {
    await refuses('id-num.md', profileText('profile: {name: p}', 'tools:', '  - module: 42'), 'invalid-module-id', 4);
  });

  it('a bundle entry `id:` with a path separator is refused', async () => {
    const text = 'bundle: {name: b}\ntools:\n  - module: tool-a\n    id: ../x\n';
    await refuses('bundle-id.yaml', text, 'invalid-module-id', 4, '"../x"');
  });
});

describe('extends and includes: cycles and missing targets', () => {
  it('an extends cycle names the chain and the line that closes it', async () => {
    await sb.write('.amplifier/profiles/cyc-a.md', profileText('profile: {name: cyc-a, extends: cyc-b}'));
    const b = await sb.write(
      '.amplifier/profiles/cyc-b.md',
      profileText('profile: {name: cyc-b, extends: ./cyc-a.md}'),
    );
    await expectRefused(sb, ['resolve', '-p', '.amplifier/profiles/cyc-a.md'], {
      code: 'extends-cycle',
      file: b,
      line: 2,
      says: 'Circular dependency detected: cyc-a -> cyc-b -> ./cyc-a.md',
    });
  });

  it('a profile extending itself is a cycle', async () => {
    await refuses('self.md', profileText('profile: {name: self, extends: ./self.md}'), 'extends-cycle', 2);
  });

  it('a missing parent lists every path searched', async () => {
    const run = await refuses('orphan.md', profileText('profile: {name: o, extends: nowhere}'), 'extends-not-found', 2);
    expect(run.stderr).toContain(`${sb.workspace}/.amplifier/profiles/nowhere.md`);
    expect(run.stderr).toContain(`${sb.amplifierHome}/profiles/nowhere.md`);
  });

  it('a missing path inside a registered namespace is fatal', async () => {
    await sb.write(`${sb.root}/ns/bundle.yaml`, 'bundle: {name: ns}\n');
    const file = await sb.write('inc-missing.yaml', 'bundle: {name: b}\nincludes:\n  - ns:behaviors/none\n');
    await expectRefused(sb, ['resolve', '-p', 'inc-missing.yaml', '--namespace', `ns=${sb.root}/ns`], {
      code: 'include-not-found',
      file,
      line: 3,
      says: `${sb.root}/ns/behaviors/none.yaml`,
    });
  });

  it('an include cycle is refused with its chain at the include that closes it (Amplifier would skip it)', async () => {
    await sb.write(
      'loop-1.yaml',
      'bundle: {name: l1}\nincludes:\n  - ./loop-2.yaml\ntools:\n  - {module: tool-a, source: ./m}\n',
    );
    const second = await sb.write('loop-2.yaml', 'bundle: {name: l2}\nincludes:\n  - ./loop-1.yaml\n');
    await sb.write('m/tool_a/__init__.py', '');
    for (const extra of [[], ['--strict']]) {
      await expectRefused(sb, ['resolve', '-p', 'loop-1.yaml', ...extra], {
        code: 'include-cycle',
        file: second,
        line: 3,
        says: 'Circular dependency detected: loop-1.yaml -> ./loop-2.yaml -> ./loop-1.yaml',
      });
    }
  });
});
