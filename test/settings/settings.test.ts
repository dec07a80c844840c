import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { nodeFileSystem } from '../../src/ports/node-fs.js';
import { loadSettings, type ModuleSourceOverride, type Settings } from '../../src/settings/settings.js';
import { makeResolveWorld, type ResolveWorld, writeFile } from '../helpers/resolve-fixtures.js';

/** The override the settings layer tries first for a module (the head of its ranked list), or null. */
function winningOverride(settings: Settings, id: string): ModuleSourceOverride | null {
  return settings.moduleSources.get(id)?.[0] ?? null;
}

let world: ResolveWorld;
let userFile: string;
let projectFile: string;
let localFile: string;

beforeEach(async () => {
  world = await makeResolveWorld();
  userFile = join(world.home, 'settings.yaml');
  projectFile = join(world.workspace, '.amplifier', 'settings.yaml');
  localFile = join(world.workspace, '.amplifier', 'settings.local.yaml');
});
afterEach(async () => {
  await world.cleanup();
});

async function load() {
  return loadSettings({ fs: nodeFileSystem, workspace: world.workspace, home: world.home });
}

async function loadError(): Promise<InputError> {
  try {
    await load();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected settings to be rejected');
}

describe('loadSettings: files and scopes', () => {
  it('works with no settings files at all and lists the three paths it looked at', async () => {
    const { value, warnings } = await load();
    expect(value.files.map((file) => [file.scope, file.path, file.found])).toEqual([
      ['user', userFile, false],
      ['project', projectFile, false],
      ['local', localFile, false],
    ]);
    expect(value.moduleSources.size).toBe(0);
    expect(warnings).toEqual([]);
  });

  it('treats an empty file and a comment-only file as empty settings', async () => {
    await writeFile(userFile, '');
    await writeFile(projectFile, '# nothing yet\n');
    const { value } = await load();
    expect(value.files.map((file) => file.found)).toEqual([true, true, false]);
    expect(value.moduleSources.size).toBe(0);
  });
});

describe('loadSettings: the five module source shapes', () => {
  it('reads flat sources.<id> (amplifier-config era) with its line', async () => {
    await writeFile(
      projectFile,
      'profile:\n  active: dev\nsources:\n  tool-bash: git+https://github.com/org/flat@v1\n',
    );
    const override = winningOverride((await load()).value, 'tool-bash');
    expect(override).toMatchObject({
      shape: 'sources',
      keyPath: 'sources.tool-bash',
      source: 'git+https://github.com/org/flat@v1',
      scope: 'project',
      file: projectFile,
      line: 4,
      baseDir: join(world.workspace, '.amplifier'),
    });
  });

  it('reads sources.modules.<id> and keeps sources.bundles apart', async () => {
    await writeFile(
      userFile,
      'sources:\n  modules:\n    tool-bash: ./dev/tool-bash\n  bundles:\n    foundation: git+https://github.com/org/fork@main\n',
    );
    const { value } = await load();
    expect(winningOverride(value, 'tool-bash')).toMatchObject({
      shape: 'sources.modules',
      keyPath: 'sources.modules.tool-bash',
      scope: 'user',
      line: 3,
      baseDir: world.home,
    });
    expect(value.moduleSources.has('modules')).toBe(false);
    expect(value.moduleSources.has('bundles')).toBe(false);
    expect(value.bundleSources.get('foundation')).toMatchObject({
      value: 'git+https://github.com/org/fork@main',
      line: 5,
    });
  });

  it('reads overrides.<id>.source, including object sources, and skips overrides with config only', async () => {
    await writeFile(
      projectFile,
      [
        'overrides:',
        '  tool-bash:',
        '    config: {timeout: 5}',
        '    source:',
        '      type: git',
        '      url: https://github.com/org/over',
        '      ref: v2',
        '  tool-web:',
        '    config: {x: 1}',
        '',
      ].join('\n'),
    );
    const { value } = await load();
    expect(winningOverride(value, 'tool-bash')).toMatchObject({
      shape: 'overrides',
      keyPath: 'overrides.tool-bash.source',
      source: { type: 'git', url: 'https://github.com/org/over', ref: 'v2' },
      line: 4,
    });
    expect(winningOverride(value, 'tool-web')).toBeNull();
  });

  it('reads modules.<kind>[].source and config.providers[].source with list indexes in the key path', async () => {
    await writeFile(
      localFile,
      [
        'modules:',
        '  tools:',
        '    - module: tool-filesystem',
        '      config: {allowed_write_paths: [.]}',
        '    - module: tool-bash',
        '      source: git+https://github.com/org/listed@main',
        'config:',
        '  providers:',
        '    - module: provider-anthropic',
        '      source: git+https://github.com/org/provider@main',
        '      config: {priority: 1}',
        '',
      ].join('\n'),
    );
    const { value } = await load();
    expect(winningOverride(value, 'tool-filesystem')).toBeNull();
    expect(winningOverride(value, 'tool-bash')).toMatchObject({
      shape: 'modules',
      keyPath: 'modules.tools[1].source',
      scope: 'local',
      line: 6,
    });
    expect(winningOverride(value, 'provider-anthropic')).toMatchObject({
      shape: 'config.providers',
      keyPath: 'config.providers[0].source',
      line: 10,
    });
  });

  it('ranks the shapes: sources < modules.<kind> < sources.modules < overrides < config.providers', async () => {
    const line = (shape: string) => `git+https://github.com/org/${shape}@main`;
    const layers = [
      ['sources', `sources:\n  provider-x: ${line('flat')}\n`],
      ['modules', `modules:\n  providers:\n    - {module: provider-x, source: ${line('list')}}\n`],
      ['sources.modules', `sources:\n  modules:\n    provider-x: ${line('modules')}\n`],
      ['overrides', `overrides:\n  provider-x:\n    source: ${line('override')}\n`],
      ['config.providers', `config:\n  providers:\n    - {module: provider-x, source: ${line('provider')}}\n`],
    ] as const;
    // Add the shapes one by one, each in a different scope order, and check the newest (highest) shape wins.
    const files = [userFile, localFile, projectFile];
    const parts: Array<[string, string]> = [];
    for (const [index, [shape, yaml]] of layers.entries()) {
      parts.push([files[index % 3] ?? userFile, yaml]);
      const byFile = new Map<string, string[]>();
      for (const [file, text] of parts) byFile.set(file, [...(byFile.get(file) ?? []), text]);
      for (const file of files) await writeFile(file, mergeYamlTexts(byFile.get(file) ?? []));
      const { value } = await load();
      expect(winningOverride(value, 'provider-x')?.shape).toBe(shape);
      expect(value.moduleSources.get('provider-x')?.length).toBe(index + 1);
    }
  });
});

/** Joins top-level YAML snippets whose first keys may repeat (sources: twice) into one valid document. */
function mergeYamlTexts(texts: readonly string[]): string {
  const sourcesBodies = texts.filter((t) => t.startsWith('sources:')).map((t) => t.slice('sources:\n'.length));
  const others = texts.filter((t) => !t.startsWith('sources:'));
  return [...others, sourcesBodies.length > 0 ? `sources:\n${sourcesBodies.join('')}` : ''].join('');
}

describe('loadSettings: precedence across user, project and local', () => {
  it('the higher scope wins for the same key, whatever the shape', async () => {
    await writeFile(
      userFile,
      'sources:\n  modules:\n    tool-bash: git+https://github.com/org/user@main\n    tool-web: git+https://github.com/org/user-web@main\n',
    );
    await writeFile(projectFile, 'sources:\n  modules:\n    tool-bash: git+https://github.com/org/project@main\n');
    let value = (await load()).value;
    expect(winningOverride(value, 'tool-bash')).toMatchObject({
      scope: 'project',
      source: 'git+https://github.com/org/project@main',
    });
    // dicts deep-merge: the user's other entry survives
    expect(winningOverride(value, 'tool-web')).toMatchObject({ scope: 'user' });

    await writeFile(localFile, 'sources:\n  modules:\n    tool-bash: git+https://github.com/org/local@main\n');
    value = (await load()).value;
    expect(winningOverride(value, 'tool-bash')).toMatchObject({ scope: 'local', file: localFile, line: 3 });
  });

  it('a higher shape in a lower scope still beats a lower shape in a higher scope', async () => {
    await writeFile(userFile, 'overrides:\n  tool-bash:\n    source: git+https://github.com/org/user-override@main\n');
    await writeFile(localFile, 'sources:\n  modules:\n    tool-bash: git+https://github.com/org/local-source@main\n');
    const { value } = await load();
    const [winner, shadowed] = value.moduleSources.get('tool-bash') ?? [];
    expect(winner).toMatchObject({ shape: 'overrides', scope: 'user' });
    expect(shadowed).toMatchObject({ shape: 'sources.modules', scope: 'local' });
  });

  it('module lists merge by module id: a higher scope replaces one entry and keeps the others', async () => {
    await writeFile(
      userFile,
      'config:\n  providers:\n    - {module: provider-a, source: git+https://github.com/org/a-user@main}\n    - {module: provider-b, source: git+https://github.com/org/b-user@main}\n',
    );
    await writeFile(
      projectFile,
      'config:\n  providers:\n    - {module: provider-a, source: git+https://github.com/org/a-project@main}\n    - {module: provider-b, config: {priority: 2}}\n',
    );
    const { value } = await load();
    expect(winningOverride(value, 'provider-a')).toMatchObject({
      scope: 'project',
      source: 'git+https://github.com/org/a-project@main',
    });
    // the project's provider-b has no source, so the user's source stands
    expect(winningOverride(value, 'provider-b')).toMatchObject({
      scope: 'user',
      source: 'git+https://github.com/org/b-user@main',
    });
  });

  it('lists and scalars of the higher scope replace the lower one (bundle.app, bundle.active, profile.active)', async () => {
    await writeFile(
      userFile,
      'bundle:\n  active: foundation\n  app: [git+https://github.com/org/a@main, git+https://github.com/org/b@main]\n  added:\n    mine: git+https://github.com/me/mine@main\nprofile:\n  active: base\n',
    );
    await writeFile(
      projectFile,
      'bundle:\n  app: [git+https://github.com/org/c@main]\n  added:\n    team: file:///srv/team-bundle\n',
    );
    await writeFile(localFile, 'bundle:\n  active: team\nprofile:\n  active: dev\n');
    const { value } = await load();
    expect(value.activeBundle).toMatchObject({ value: 'team', scope: 'local', line: 2 });
    expect(value.activeProfile).toMatchObject({ value: 'dev', scope: 'local', line: 4 });
    expect(value.appBundles.map((b) => b.value)).toEqual(['git+https://github.com/org/c@main']);
    expect([...value.addedBundles.entries()].map(([name, v]) => [name, v.value, v.scope])).toEqual([
      ['mine', 'git+https://github.com/me/mine@main', 'user'],
      ['team', 'file:///srv/team-bundle', 'project'],
    ]);
  });
});

describe('loadSettings: wrongly shaped settings name the file and line', () => {
  const cases: Array<[string, string, number, string]> = [
    ['a list where sources belongs', 'sources:\n  - tool-bash\n', 1, "'sources' must be a mapping"],
    ['a list where sources.modules belongs', 'sources:\n  modules: [a, b]\n', 2, "'sources.modules' must be a mapping"],
    [
      'a number as a source',
      'sources:\n  modules:\n    tool-bash: 42\n',
      3,
      "'sources.modules.tool-bash' must be a source string",
    ],
    [
      'a list as a source',
      'overrides:\n  tool-bash:\n    source: [a]\n',
      3,
      "'overrides.tool-bash.source' must be a source",
    ],
    [
      'a string where overrides.<id> belongs',
      'overrides:\n  tool-bash: git+https://x/y\n',
      2,
      "'overrides.tool-bash' must be a mapping",
    ],
    ['a mapping where modules.tools belongs', 'modules:\n  tools: {module: x}\n', 2, "'modules.tools' must be a list"],
    ['a module entry without module', 'modules:\n  tools:\n    - source: ./x\n', 3, "has no 'module' key"],
    [
      'a string entry in config.providers',
      'config:\n  providers:\n    - provider-x\n',
      3,
      "'config.providers[0]' must be a mapping",
    ],
    ['a list where bundle.added belongs', 'bundle:\n  added: [a]\n', 2, "'bundle.added' must be a mapping"],
    ['a non-string bundle.active', 'bundle:\n  active: {name: x}\n', 2, "'bundle.active' must be a string"],
    ['a top-level list', '- a\n- b\n', 1, 'must be a mapping at the top level'],
  ];
  for (const [what, yaml, line, message] of cases) {
    it(`rejects ${what}`, async () => {
      await writeFile(projectFile, yaml);
      const error = await loadError();
      expect(error.code).toBe('invalid-settings');
      expect(error.file).toBe(projectFile);
      expect(error.line).toBe(line);
      expect(error.message).toContain(message);
      expect(error.fix).toBeTruthy();
    });
  }

  it('reports YAML syntax errors with the line', async () => {
    await writeFile(localFile, 'sources:\n  modules:\n    tool-bash: "unterminated\n');
    const error = await loadError();
    expect(error.code).toBe('yaml-syntax');
    expect(error.file).toBe(localFile);
    expect(error.line).toBeGreaterThanOrEqual(3);
  });

  it('warns about module lists the CLI does not read', async () => {
    await writeFile(projectFile, 'modules:\n  widgets:\n    - {module: x, source: ./x}\n');
    const { warnings } = await load();
    expect(warnings).toEqual([expect.objectContaining({ code: 'settings-unknown-key', file: projectFile, line: 2 })]);
  });
});

describe('loadSettings: what the CLI reads to build a session', () => {
  it('merges config.providers across scopes by id or module, a higher scope updating in place', async () => {
    await writeFile(
      userFile,
      [
        'config:',
        '  providers:',
        '    - module: provider-anthropic',
        '      source: git+https://github.com/microsoft/amplifier-module-provider-anthropic@main',
        '    - {module: provider-openai, id: openai-fast}',
        '',
      ].join('\n'),
    );
    await writeFile(
      projectFile,
      [
        'config:',
        '  providers:',
        '    - {module: provider-anthropic, config: {priority: 0}}',
        '    - module: provider-ollama',
        '',
      ].join('\n'),
    );
    const { value } = await load();
    expect(value.configuredProviders.map((p) => [p.key, p.module, p.source, p.file])).toEqual([
      [
        'provider-anthropic',
        'provider-anthropic',
        'git+https://github.com/microsoft/amplifier-module-provider-anthropic@main',
        projectFile,
      ],
      ['openai-fast', 'provider-openai', null, userFile],
      ['provider-ollama', 'provider-ollama', null, projectFile],
    ]);
  });

  it('enables push notifications through push or its ntfy alias, desktop only through desktop', async () => {
    await writeFile(userFile, 'config:\n  notifications:\n    ntfy: {enabled: true, topic: t}\n');
    expect((await load()).value.notifications).toEqual({ desktop: false, push: true });
    await writeFile(localFile, 'config:\n  notifications:\n    desktop: {enabled: true}\n    ntfy: {enabled: false}\n');
    expect((await load()).value.notifications).toEqual({ desktop: true, push: false });
  });

  it('reads booleans as PyYAML does (Amplifier reads settings with it): off and no are false, on and yes true', async () => {
    await writeFile(userFile, 'config:\n  notifications:\n    desktop: {enabled: off}\n    push: {enabled: no}\n');
    expect((await load()).value.notifications).toEqual({ desktop: false, push: false });
    await writeFile(userFile, 'config:\n  notifications:\n    desktop: {enabled: on}\n    push: {enabled: yes}\n');
    expect((await load()).value.notifications).toEqual({ desktop: true, push: true });
  });
});
