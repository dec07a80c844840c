import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
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

const yaml = (...lines: string[]): string => `${lines.join('\n')}\n`;

describe('bundle includes and composition', () => {
  it('composes includes first, in order, then the bundle; entries deep-merge and config lists concatenate', async () => {
    await tree.write({
      'kit/bundle.md': md('bundle: {name: kit}'),
      'kit/behaviors/one.yaml': yaml(
        'bundle: {name: one}',
        'tools:',
        '  - module: tool-skills',
        '    source: git+https://h/o/skills@main',
        '    config: {skills: [a, b], keep: 1}',
        'hooks:',
        '  - {module: hooks-one, source: pkg-one}',
      ),
      'kit/behaviors/two.yaml': yaml(
        'bundle: {name: two}',
        'tools:',
        '  - module: tool-skills',
        '    config: {skills: [b, c]}',
        '  - {module: tool-two, source: pkg-two}',
      ),
    });
    const file = await tree.write({
      'ws/.amplifier/bundle.yaml': yaml(
        'bundle: {name: mine}',
        'includes:',
        '  - bundle: kit:behaviors/one',
        '  - kit:behaviors/two.yaml',
        'tools:',
        '  - {module: tool-own, source: pkg-own}',
        '  - {module: tool-two, source: pkg-two-override}',
      ),
    });
    const { value } = await loadDeclarations(
      file,
      tree.context({ namespaces: [{ name: 'kit', dir: tree.path('kit') }] }),
    );
    expect(value.format).toBe('bundle');
    expect(value.declarations.map((d) => `${d.kind}:${d.id}:${JSON.stringify(d.source)}`)).toEqual([
      'tool:tool-skills:"git+https://h/o/skills@main"',
      'tool:tool-two:"pkg-two-override"',
      'tool:tool-own:"pkg-own"',
      'hook:hooks-one:"pkg-one"',
    ]);
    const skills = value.declarations[0];
    expect(skills?.config).toEqual({ skills: ['a', 'b', 'c'], keep: 1 });
    // The most derived file that mentions it.
    expect(skills?.declaredAt).toEqual({ file: tree.path('kit/behaviors/two.yaml'), line: 3 });
    expect(skills?.sourceBaseDir).toBe(tree.path('kit/behaviors'));
    expect(value.unresolvedIncludes).toEqual([]);
  });

  it('merges by `id` when entries have one', async () => {
    const file = await tree.write({
      'ws/b.yaml': yaml(
        'bundle: {name: b}',
        'providers:',
        '  - {id: fast, module: provider-openai, source: pkg-openai, config: {model: mini}}',
        '  - {id: deep, module: provider-openai, source: pkg-openai, config: {model: large}}',
        '  - {id: fast, module: provider-openai, config: {temperature: 0}}',
      ),
    });
    const { value } = await loadDeclarations(file, tree.context());
    expect(value.declarations.map((d) => [d.id, d.source, d.config])).toEqual([
      ['fast', 'pkg-openai', { model: 'mini', temperature: 0 }],
      ['deep', 'pkg-openai', { model: 'large' }],
    ]);
  });

  it('makes ./ and ../ sources absolute for providers/tools/hooks only', async () => {
    const file = await tree.write({
      'ws/bundles/b.yaml': yaml(
        'bundle: {name: b}',
        'session:',
        '  orchestrator: {module: loop-local, source: ./modules/loop}',
        'tools:',
        '  - {module: tool-local, source: ../modules/tool}',
      ),
    });
    const { value } = await loadDeclarations(file, tree.context());
    expect(value.declarations.map((d) => [d.id, d.source, d.sourceBaseDir])).toEqual([
      ['loop-local', './modules/loop', tree.path('ws/bundles')],
      ['tool-local', tree.path('ws/modules/tool'), tree.path('ws/bundles')],
    ]);
  });

  it('a missing path inside a registered namespace is fatal even when not strict', async () => {
    await tree.write({ 'kit/bundle.md': md('bundle: {name: kit}') });
    const file = await tree.write({
      'ws/b.yaml': yaml('bundle: {name: b}', 'includes:', '  - bundle: kit:behaviors/does-not-exist'),
    });
    const error = await failureOf(
      loadDeclarations(file, tree.context({ namespaces: [{ name: 'kit', dir: tree.path('kit') }] })),
    );
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: 'include-not-found', file, line: 3 });
    expect((error as InputError).message).toContain(tree.path('kit/behaviors/does-not-exist.yaml'));
  });

  it('skips an unregistered namespace, a missing file:// and an unavailable git include (listed, warned)', async () => {
    const file = await tree.write({
      'ws/b.yaml': yaml(
        'bundle: {name: b}',
        'includes:',
        '  - bundle: nowhere:behaviors/x',
        `  - file://${tree.path('absent/bundle.md')}`,
        '  - bundle: git+https://example.com/org/other@main#subdirectory=behaviors/y.yaml',
        'tools: [{module: tool-a, source: pkg}]',
      ),
    });
    const { value, warnings } = await loadDeclarations(file, tree.context());
    expect(value.declarations.map((d) => d.id)).toEqual(['tool-a']);
    expect(value.unresolvedIncludes.map((u) => [u.uri, u.from])).toEqual([
      ['nowhere:behaviors/x', file],
      [`file://${tree.path('absent/bundle.md')}`, file],
      ['git+https://example.com/org/other@main#subdirectory=behaviors/y.yaml', file],
    ]);
    expect(value.unresolvedIncludes[2]?.reason).toBe('git include unavailable: not in the module cache');
    expect(warnings.filter((w) => w.code === 'include-skipped').map((w) => w.line)).toEqual([3, 4, 5]);

    // --strict fails the run on them (exit 1, runVerdict), it does not turn them into bad input.
    const strict = await loadDeclarations(file, tree.context({ strict: true }));
    expect(strict.value.unresolvedIncludes).toHaveLength(3);
  });

  it('loads a git include from the located checkout (+ #subdirectory) and registers the root bundle namespace', async () => {
    const checkout = tree.path('home/cache/other-0123456789abcdef');
    await tree.write({
      'home/cache/other-0123456789abcdef/bundle.md': md('bundle: {name: other}'),
      'home/cache/other-0123456789abcdef/behaviors/y.yaml': yaml(
        'bundle: {name: behavior-y}',
        'agents: {include: ["other:helper"]}',
      ),
      'home/cache/other-0123456789abcdef/agents/helper.md': md(
        'meta: {name: helper}',
        'providers: [{module: provider-z, source: pkg-z}]',
      ),
    });
    execFileSync('git', ['init', '--quiet', '--', checkout]);
    const file = await tree.write({
      'ws/b.yaml': yaml(
        'bundle: {name: b}',
        'includes:',
        '  - git+https://example.com/org/other@main#subdirectory=behaviors/y.yaml',
      ),
    });
    const located: string[] = [];
    const { value } = await loadDeclarations(
      file,
      tree.context({
        locateGitInclude: async (uri) => {
          located.push(uri);
          return { dir: join(checkout, 'behaviors/y.yaml') };
        },
      }),
    );
    expect(located).toEqual(['git+https://example.com/org/other@main#subdirectory=behaviors/y.yaml']);
    expect(value.declarations).toMatchObject([{ id: 'provider-z', kind: 'provider', agent: 'other:helper' }]);
  });

  it('an include cycle is an InputError at the include that closes it, strict or not', async () => {
    await tree.write({
      'ws/a.yaml': yaml('bundle: {name: a}', 'includes: [./b.yaml]', 'tools: [{module: tool-a, source: pkg}]'),
      'ws/b.yaml': yaml('bundle: {name: b}', 'includes: [./a.yaml]', 'tools: [{module: tool-b, source: pkg}]'),
    });
    for (const strict of [false, true]) {
      const error = await failureOf(loadDeclarations(tree.path('ws/a.yaml'), tree.context({ strict })));
      expect(error).toMatchObject({
        code: 'include-cycle',
        message: 'Circular dependency detected: a.yaml -> ./b.yaml -> ./a.yaml (Amplifier would skip this include)',
        file: tree.path('ws/b.yaml'),
        line: 2,
      });
    }
  });

  it('a nested bundle registers its own namespace; inline agents and agent files come after the session', async () => {
    await tree.write({
      'kit/bundle.md': md('bundle: {name: kit}'),
      'kit/bundles/inner/agents/scout.md': md(
        'meta: {name: scout}',
        'tools:',
        '  - {module: tool-scout, source: pkg-s}',
      ),
    });
    const file = await tree.write({
      'kit/bundles/inner/bundle.md': md(
        'bundle: {name: inner}',
        'session:',
        '  orchestrator: {module: loop-basic, source: pkg-loop}',
        'agents:',
        '  include: [inner:scout, kit:ghost]',
        '  local-helper:',
        '    hooks:',
        '      - {module: hooks-local, source: pkg-h}',
      ),
    });
    const { value, warnings } = await loadDeclarations(file, tree.context());
    expect(value.declarations.map((d) => [d.agent, d.kind, d.id, d.declaredAt.line])).toEqual([
      [null, 'orchestrator', 'loop-basic', 4],
      ['inner:scout', 'tool', 'tool-scout', 4],
      ['local-helper', 'hook', 'hooks-local', 9],
    ]);
    expect(warnings.find((w) => w.code === 'agent-not-found')?.message).toContain("'kit:ghost'");
  });

  it('resolves a bare bundle name registered in settings to its root bundle file', async () => {
    await tree.write({
      'shared/team/bundle.yaml': yaml('bundle: {name: team}', 'tools: [{module: tool-team, source: pkg}]'),
    });
    const file = await tree.write({ 'ws/b.md': md('bundle: {name: b}', 'includes:', '  - bundle: team') });
    const { value } = await loadDeclarations(
      file,
      tree.context({ registeredBundles: { team: `file://${tree.path('shared/team')}` } }),
    );
    expect(value.declarations.map((d) => d.id)).toEqual(['tool-team']);
  });

  it('rejects an include entry that is neither a string nor {bundle}', async () => {
    const file = await tree.write({ 'ws/b.yaml': yaml('bundle: {name: b}', 'includes:', '  - {path: x}') });
    const error = await failureOf(loadDeclarations(file, tree.context()));
    expect(error).toMatchObject({ code: 'invalid-type', file, line: 3 });
  });
});
