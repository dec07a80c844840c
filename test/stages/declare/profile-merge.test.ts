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

const PARENT = md(
  'profile: {name: parent, version: 1.0.0}',
  'session:',
  '  orchestrator: {module: loop-streaming, source: git+https://h/o/loop-streaming@main, config: {extended_thinking: true}}',
  '  context: {module: context-simple, source: git+https://h/o/context-simple@main}',
  'providers:',
  '  - module: provider-a',
  '    source: git+https://h/o/provider-a@main',
  '    config: {model: a1, options: {x: 1, y: 2}, list: [1, 2]}',
  '  - module: provider-b',
  '    source: git+https://h/o/provider-b@main',
  'tools:',
  '  - {module: tool-web, source: git+https://h/o/tool-web@main}',
  '  - {module: tool-search, source: git+https://h/o/tool-search@main}',
  'hooks:',
  '  - {module: hooks-logging, source: git+https://h/o/hooks-logging@main, config: {mode: all, keep: 1}}',
);

async function loadChild(...childLines: string[]) {
  await tree.write({ 'ws/.amplifier/profiles/parent.md': PARENT });
  const child = await tree.write({ 'ws/.amplifier/profiles/child.md': md(...childLines) });
  return loadDeclarations(child, tree.context());
}

describe('profile extends and merge', () => {
  it('merges module lists by id: parent order kept, child ids appended, config deep-merged, source inherited', async () => {
    const { value } = await loadChild(
      'profile: {name: child, extends: parent}',
      'providers:',
      '  - module: provider-c',
      '    source: git+https://h/o/provider-c@main',
      '  - module: provider-a',
      '    config: {model: a2, options: {y: 3}, list: [9]}',
      'tools:',
      '  - {module: tool-bash, source: ./local/tool-bash}',
    );
    expect(value.declarations.map((d) => `${d.kind}:${d.id}`)).toEqual([
      'orchestrator:loop-streaming',
      'context:context-simple',
      'provider:provider-a',
      'provider:provider-b',
      'provider:provider-c',
      'tool:tool-web',
      'tool:tool-search',
      'tool:tool-bash',
      'hook:hooks-logging',
    ]);
    const providerA = value.declarations.find((d) => d.id === 'provider-a');
    expect(providerA?.source).toBe('git+https://h/o/provider-a@main');
    // Lists inside config are replaced in profiles, dicts deep-merge.
    expect(providerA?.config).toEqual({ model: 'a2', options: { x: 1, y: 3 }, list: [9] });
    expect(providerA?.declaredAt).toEqual({ file: tree.path('ws/.amplifier/profiles/child.md'), line: 6 });
    // The source was written by the parent, so it is relative to the parent's directory.
    expect(providerA?.sourceBaseDir).toBe(tree.path('ws/.amplifier/profiles'));
    const bash = value.declarations.find((d) => d.id === 'tool-bash');
    expect(bash?.source).toBe('./local/tool-bash');
    expect(bash?.config).toBeNull();
  });

  it('removes inherited keys set to null and lists set to null', async () => {
    const { value } = await loadChild(
      'profile: {name: child, extends: parent}',
      'tools: null',
      'hooks:',
      '  - module: hooks-logging',
      '    config: {keep: null}',
    );
    expect(value.declarations.filter((d) => d.kind === 'tool')).toEqual([]);
    expect(value.declarations.find((d) => d.id === 'hooks-logging')?.config).toEqual({ mode: 'all' });
  });

  it('reproduces the session quirk: a new orchestrator module without source inherits the old source and config', async () => {
    const { value, warnings } = await loadChild(
      'profile: {name: child, extends: parent}',
      'session:',
      '  orchestrator:',
      '    module: loop-basic',
    );
    const orchestrator = value.declarations[0];
    expect(orchestrator).toMatchObject({
      id: 'loop-basic',
      kind: 'orchestrator',
      source: 'git+https://h/o/loop-streaming@main',
      config: { extended_thinking: true },
      declaredAt: { file: tree.path('ws/.amplifier/profiles/child.md'), line: 4 },
    });
    const quirk = warnings.find((w) => w.code === 'session-source-inherited');
    expect(quirk?.message).toContain("'loop-basic' inherits 'loop-streaming''s source");
    expect(quirk).toMatchObject({ file: tree.path('ws/.amplifier/profiles/child.md'), line: 4 });
  });

  it('lets a child override only the config of an inherited session slot', async () => {
    const { value } = await loadChild(
      'profile: {name: child, extends: parent}',
      'session:',
      '  orchestrator:',
      '    config: {default_provider: provider-b}',
    );
    expect(value.declarations[0]).toMatchObject({
      id: 'loop-streaming',
      config: { extended_thinking: true, default_provider: 'provider-b' },
    });
  });

  it('applies exclude to the parent before merging, and warns that the CLI would not', async () => {
    const { value, warnings } = await loadChild(
      'profile: {name: child, extends: parent}',
      'exclude:',
      '  tools: all',
      '  providers: [provider-b]',
      'tools:',
      '  - {module: tool-bash, source: git+https://h/o/tool-bash@main}',
    );
    expect(value.declarations.map((d) => d.id)).toEqual([
      'loop-streaming',
      'context-simple',
      'provider-a',
      'tool-bash',
      'hooks-logging',
    ]);
    expect(warnings.find((w) => w.code === 'exclude-ignored-upstream')).toMatchObject({
      file: tree.path('ws/.amplifier/profiles/child.md'),
      line: 3,
    });
  });

  it('rejects an extends cycle naming the chain', async () => {
    await tree.write({
      'ws/a.md': md('profile: {name: a, extends: ./b.md}'),
      'ws/b.md': md('profile: {name: b, extends: ./a.md}'),
    });
    const error = await failureOf(loadDeclarations(tree.path('ws/a.md'), tree.context()));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({
      code: 'extends-cycle',
      message: 'Circular dependency detected: a -> ./b.md -> ./a.md',
      file: tree.path('ws/b.md'),
      line: 2,
    });
  });

  it('names a missing parent and every path searched', async () => {
    const file = await tree.write({
      'ws/child.md': md('profile:', '  name: child', '  extends: dev-tools:profiles/nope.md'),
    });
    const error = await failureOf(loadDeclarations(file, tree.context()));
    expect(error).toMatchObject({ code: 'extends-not-found', file, line: 4 });
    const message = (error as InputError).message;
    expect(message).toContain("'dev-tools:profiles/nope.md'");
    expect(message).toContain(tree.path('ws/.amplifier/collections/dev-tools/profiles/nope.md'));
    expect(message).toContain(tree.path('home/collections/dev-tools/profiles/nope.md'));
  });

  it('finds a simple-name parent in the search path: workspace, home, then collections', async () => {
    await tree.write({
      'home/collections/team/profiles/base.md': md(
        'profile: {name: base}',
        'tools: [{module: tool-from-collection, source: pkg-a}]',
      ),
      'home/profiles/base.md': md('profile: {name: base}', 'tools: [{module: tool-from-home, source: pkg-b}]'),
    });
    const child = await tree.write({ 'ws/child.yml': 'profile: {name: child, extends: base}\n' });
    const { value } = await loadDeclarations(child, tree.context());
    expect(value.declarations.map((d) => d.id)).toEqual(['tool-from-home']);
  });

  it('reads `collection:name` as <collection>/profiles/name.md and honours --namespace first', async () => {
    await tree.write({
      'home/collections/team/profiles/base.md': md('profile: {name: base}', 'tools: [{module: tool-home}]'),
      'vendor/team/profiles/base.md': md('profile: {name: base}', 'tools: [{module: tool-vendor}]'),
    });
    const child = await tree.write({ 'ws/child.yaml': 'profile: {name: child, extends: "team:base"}\n' });
    const plain = await loadDeclarations(child, tree.context());
    expect(plain.value.declarations.map((d) => d.id)).toEqual(['tool-home']);
    const mapped = await loadDeclarations(
      child,
      tree.context({ namespaces: [{ name: 'team', dir: tree.path('vendor/team') }] }),
    );
    expect(mapped.value.declarations.map((d) => d.id)).toEqual(['tool-vendor']);
  });

  it('accepts ./relative extends (relative to the child file)', async () => {
    await tree.write({
      'ws/profiles/common/base.md': md('profile: {name: base}', 'hooks: [{module: hooks-x, source: pkg}]'),
    });
    const child = await tree.write({ 'ws/profiles/dev.md': md('profile: {name: dev, extends: ./common/base.md}') });
    const { value } = await loadDeclarations(child, tree.context());
    expect(value.declarations).toMatchObject([
      { id: 'hooks-x', kind: 'hook', declaredAt: { file: tree.path('ws/profiles/common/base.md'), line: 3 } },
    ]);
  });

  it('loads the agents a profile selects and attributes their modules', async () => {
    await tree.write({
      'home/collections/team/agents/helper.md': md(
        'meta: {name: helper, description: helps}',
        'tools:',
        '  - module: tool-helper',
        '    source: git+https://h/o/tool-helper@main',
      ),
      'home/collections/team/agents/other.md': md('meta: {name: other}'),
    });
    const file = await tree.write({ 'ws/p.md': md('profile: {name: p}', 'agents: [helper, missing-one]') });
    const { value, warnings } = await loadDeclarations(file, tree.context());
    expect(value.declarations).toEqual([
      {
        id: 'tool-helper',
        kind: 'tool',
        agent: 'helper',
        declaredAt: { file: tree.path('home/collections/team/agents/helper.md'), line: 4 },
        source: 'git+https://h/o/tool-helper@main',
        sourceBaseDir: tree.path('home/collections/team/agents'),
        config: null,
      },
    ]);
    expect(warnings.find((w) => w.code === 'agent-not-found')?.message).toContain("'missing-one'");
    const all = await tree.write({ 'ws/all.md': md('profile: {name: all}', 'agents: all') });
    const loaded = await loadDeclarations(all, tree.context());
    expect(loaded.value.declarations.map((d) => d.agent)).toEqual(['team:helper']);
  });

  it('rejects agents: as a mapping, naming the key and its line', async () => {
    const file = await tree.write({
      'ws/p.md': md('profile: {name: p}', 'agents:', '  inline:', '    a: {tools: [{module: tool-x}]}'),
    });
    const error = await failureOf(loadDeclarations(file, tree.context()));
    expect(error).toMatchObject({ code: 'invalid-value', file, line: 3 });
    expect((error as InputError).message).toContain('`agents`');
  });

  it('warns about unknown top-level keys at their line', async () => {
    const file = await tree.write({ 'ws/p.md': md('profile: {name: p}', 'toolz: []') });
    const { warnings } = await loadDeclarations(file, tree.context());
    expect(warnings).toContainEqual(expect.objectContaining({ code: 'unknown-key', file, line: 3 }));
  });
});
