import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { loadDeclarations } from '../../../src/stages/declare/load-declarations.js';
import { createFixtureTree, type FixtureTree, failureOf, md } from './fixture-tree.js';

let tree: FixtureTree;
beforeEach(async () => {
  tree = await createFixtureTree();
});
afterEach(async () => {
  await tree.cleanup();
});

async function errorFor(name: string, content: string | Buffer): Promise<{ error: InputError; file: string }> {
  const file = await tree.write({ [`ws/${name}`]: content });
  const error = await failureOf(loadDeclarations(file, tree.context()));
  expect(error).toBeInstanceOf(InputError);
  return { error: error as InputError, file };
}

describe('bad input is an InputError naming file and line', () => {
  it('malformed YAML in front matter: line counted in the .md file', async () => {
    const { error, file } = await errorFor('p.md', md('profile: {name: p}', 'tools:', '  - module: [unclosed'));
    expect(error).toMatchObject({ code: 'yaml-syntax', file });
    expect(error.line).toBeGreaterThanOrEqual(4);
  });

  it('a non-mapping module entry names the list and index', async () => {
    const { error, file } = await errorFor(
      'b.yaml',
      ['bundle: {name: b}', 'tools:', '  - module: tool-a', '  - module: tool-b', '  - tool-c', ''].join('\n'),
    );
    expect(error).toMatchObject({
      code: 'invalid-type',
      message: 'tools[2] must be a mapping {module, source?, config?}',
      file,
      line: 5,
    });
  });

  it('a bare-string module list is rejected', async () => {
    const { error } = await errorFor('p.yaml', 'profile: {name: p}\nhooks: hooks-logging\n');
    expect(error).toMatchObject({ code: 'invalid-type', line: 2 });
    expect(error.message).toContain('hooks must be a list');
  });

  it('an entry without `module` is rejected', async () => {
    const { error, file } = await errorFor('p.md', md('profile: {name: p}', 'providers:', '  - source: pkg-x'));
    expect(error).toMatchObject({ code: 'invalid-value', message: "providers[0] has no 'module' key", file, line: 4 });
  });

  it.each([
    ['../escape', 'path traversal'],
    ['tools/bash', 'path separator'],
    ['-dash', 'leading dash'],
  ])('module id %s is rejected (%s)', async (id) => {
    const { error, file } = await errorFor(
      'p.md',
      md('profile: {name: p}', 'tools:', '  - module: tool-ok', `  - module: "${id}"`),
    );
    expect(error).toMatchObject({ code: 'invalid-module-id', file, line: 5 });
    expect(error.message).toContain(JSON.stringify(id));
  });

  it('duplicate keys are rejected at the repeated key', async () => {
    const { error, file } = await errorFor('p.md', md('profile: {name: p}', 'tools: []', 'tools: []'));
    expect(error).toMatchObject({ code: 'yaml-syntax', file, line: 4 });
    expect(error.message).toContain('duplicate key');
  });

  it('an alias bomb is refused', async () => {
    const bomb = [
      'profile: {name: p}',
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
      '',
    ].join('\n');
    const { error, file } = await errorFor('p.yaml', bomb);
    expect(error).toMatchObject({ code: 'yaml-too-complex', file });
  });

  it('a file that is not UTF-8 is refused', async () => {
    const latin1 = Buffer.from('profile: {name: caf\xe9}\n', 'latin1');
    const { error, file } = await errorFor('p.yaml', latin1);
    expect(error).toMatchObject({ code: 'invalid-encoding', file });
  });

  it('a UTF-8 BOM is tolerated and line numbers stay right', async () => {
    const file = await tree.write({
      'ws/p.md': `\uFEFF${md('profile: {name: p}', 'tools:', '  - module: tool-a', '    source: pkg-a')}`,
    });
    const { value } = await loadDeclarations(file, tree.context());
    expect(value.declarations).toMatchObject([{ id: 'tool-a', declaredAt: { file, line: 4 } }]);
  });

  it('a .md file without front matter is refused', async () => {
    const { error } = await errorFor('p.md', '# just markdown\n');
    expect(error).toMatchObject({ code: 'invalid-value', line: 1 });
  });

  it('a file that is neither profile nor bundle is refused', async () => {
    const { error } = await errorFor('x.yaml', 'tools: []\n');
    expect(error.code).toBe('invalid-value');
    expect(error.message).toContain('neither a profile');
  });

  it('a missing file is file-unreadable', async () => {
    const error = await failureOf(loadDeclarations(tree.path('ws/none.md'), tree.context()));
    expect(error).toMatchObject({ code: 'file-unreadable', file: tree.path('ws/none.md') });
  });
});

describe('positions', () => {
  it('declaredAt points at the module line of a .md file (front matter offset included)', async () => {
    const file = await tree.write({
      'ws/p.md': md(
        'profile: {name: p}',
        'session:',
        '  orchestrator: {module: loop-basic, source: pkg-loop}',
        '  context:',
        '    module: context-simple',
        'providers:',
        '  - module: provider-x',
        '    source: pkg-provider',
        'hooks:',
        '',
        '  - module: hooks-y',
      ),
    });
    const { value } = await loadDeclarations(file, tree.context());
    expect(value.declarations.map((d) => [d.id, d.declaredAt.line])).toEqual([
      ['loop-basic', 4],
      ['context-simple', 5],
      ['provider-x', 8],
      ['hooks-y', 12],
    ]);
  });

  it('parses quoted multi-line values the way PyYAML does (under-indented continuation lines)', async () => {
    const file = await tree.write({
      'ws/b.md': [
        '---',
        'bundle:',
        '  name: b',
        '  description: "first line',
        '',
        'second: line with a colon',
        'end"',
        'tools:',
        '  - module: tool-a',
        '---',
        '',
      ].join('\n'),
    });
    const { value } = await loadDeclarations(file, tree.context());
    expect(value.declarations).toMatchObject([{ id: 'tool-a', declaredAt: { line: 9 } }]);
  });
});
