import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LayerName, Resolution } from '../../../src/model.js';
import { suggestFix } from '../../../src/stages/resolve/fix.js';
import { resolveAll, resolveModule } from '../../../src/stages/resolve/resolver.js';
import {
  declaration,
  makeModuleDir,
  makeResolveWorld,
  makeUninitialisedSubmodule,
  type ResolveWorld,
  resolveContext,
  withSource,
  writeFile,
} from '../../helpers/resolve-fixtures.js';

let world: ResolveWorld;
beforeEach(async () => {
  world = await makeResolveWorld();
});
afterEach(async () => {
  await world.cleanup();
});

describe('resolveModule: expected paths', () => {
  it('puts git sources on the layout-A path (REFERENCE 5 vectors)', async () => {
    const ctx = await resolveContext(world);
    const bash = await resolveModule(
      withSource('tool-bash', 'git+https://github.com/microsoft/amplifier-module-tool-bash@main', '/p/dev.md'),
      ctx,
    );
    expect(bash.path).toBe(join(world.home, 'cache', 'amplifier-module-tool-bash-813c080b4c271b81'));
    const delegate = await resolveModule(
      withSource(
        'tool-delegate',
        'git+https://github.com/microsoft/amplifier-foundation@main#subdirectory=modules/tool-delegate',
        '/p/dev.md',
      ),
      ctx,
    );
    expect(delegate.path).toBe(
      join(world.home, 'cache', 'amplifier-foundation-c909465861f9d6ce', 'modules', 'tool-delegate'),
    );
    const noRef = await resolveModule(withSource('x', 'git+https://github.com/org/repo', '/p/dev.md'), ctx);
    expect(noRef.path).toBe(join(world.home, 'cache', 'repo-7933317bcbd5d4f1'));
  });

  it('gives the directory for file sources and no path for packages', async () => {
    const dir = await makeModuleDir(join(world.root, 'mods', 'tool-x'));
    const ctx = await resolveContext(world, { installed: ['amplifier-module-tool-y'] });
    expect((await resolveModule(withSource('tool-x', dir, '/p/dev.md'), ctx)).path).toBe(dir);
    const pkg = await resolveModule(declaration('tool-y'), ctx);
    expect(pkg).toMatchObject({ layer: 'package', path: null });
  });
});

describe('resolveAll', () => {
  it('resolves each declaration on its own, agents included', async () => {
    const ctx = await resolveContext(world);
    const session = withSource('tool-bash', 'git+https://github.com/org/a@main', '/p/dev.md');
    const agent = {
      ...withSource('tool-bash', 'git+https://github.com/org/b@v2', '/p/agents/x.md'),
      agent: 'foundation:x',
    };
    const results = await resolveAll([session, agent], ctx);
    expect(
      results.map((r) => [r.declaration.agent, r.resolution.source?.type === 'git' ? r.resolution.source.url : null]),
    ).toEqual([
      [null, 'https://github.com/org/a'],
      ['foundation:x', 'https://github.com/org/b'],
    ]);
  });
});

const TITLES: Readonly<Record<LayerName, string>> = {
  env: 'Environment',
  workspace: 'Workspace',
  settings: 'Settings',
  collection: 'Collections',
  profile: 'Profile',
  package: 'Package',
};

/** The trail in the shape of Amplifier's "Resolution attempted" list, one line per layer tried. */
function trailLines(resolution: Resolution): string[] {
  return resolution.trail.map((e, i) => `  ${i + 1}. ${TITLES[e.layer]}: ${e.outcome} - ${e.detail}`);
}

describe('trail text and fix lines for unresolved modules', () => {
  it('says what every layer really found', async () => {
    const missing = join(world.root, 'not-here');
    await writeFile(join(world.workspace, '.amplifier', 'settings.yaml'), 'bundle:\n  active: foundation\n');
    const ctx = await resolveContext(world, {
      env: { AMPLIFIER_MODULE_TOOL_CUSTOM: missing },
      installed: ['requests'],
    });
    const decl = declaration('tool-custom', { declaredAt: { file: 'profiles/dev.md', line: 14 } });
    const resolution = await resolveModule(decl, ctx);
    expect(trailLines(resolution)).toEqual([
      `  1. Environment: rejected - AMPLIFIER_MODULE_TOOL_CUSTOM=${missing} rejected: ${missing} does not exist`,
      '  2. Workspace: not-set - .amplifier/modules/tool-custom does not exist',
      `  3. Settings: not-set - no entry in ${join(world.workspace, '.amplifier', 'settings.yaml')}`,
      `  4. Collections: not-set - no collections installed (looked in ${join(world.workspace, '.amplifier', 'collections')}, ${join(world.home, 'collections')})`,
      '  5. Profile: not-set - no source given at profiles/dev.md:14',
      "  6. Package: not-set - tried 'tool-custom' and 'amplifier-module-tool-custom' in /venv/bin/python: neither is installed",
    ]);
    expect(suggestFix(decl, resolution)).toBe(
      `set AMPLIFIER_MODULE_TOOL_CUSTOM to an existing module directory or git URI, or unset it (AMPLIFIER_MODULE_TOOL_CUSTOM=${missing} rejected: ${missing} does not exist)`,
    );
  });

  it('suggests adding a source, a settings entry or installing the package when nothing was set', async () => {
    const decl = declaration('tool-custom', { declaredAt: { file: 'profiles/dev.md', line: 14 } });
    const resolution = await resolveModule(decl, await resolveContext(world));
    expect(suggestFix(decl, resolution)).toBe(
      "add `source: git+https://github.com/<org>/amplifier-module-tool-custom@main` to the 'tool-custom' entry at profiles/dev.md:14, or set sources.modules.tool-custom in .amplifier/settings.yaml, or install 'amplifier-module-tool-custom' into the target environment",
    );
    const unknownEnv = await resolveModule(decl, await resolveContext(world, { installed: null }));
    expect(suggestFix(decl, unknownEnv)).toContain(
      "or pass --python <interpreter> if 'amplifier-module-tool-custom' is installed there",
    );
  });

  it('suggests initialising an uninitialised submodule', async () => {
    const dir = join(world.workspace, '.amplifier', 'modules', 'tool-sub');
    await makeUninitialisedSubmodule(world, dir);
    const decl = declaration('tool-sub');
    const resolution = await resolveModule(decl, await resolveContext(world));
    expect(resolution.layer).toBeNull();
    expect(suggestFix(decl, resolution)).toBe(
      'run `git submodule update --init -- .amplifier/modules/tool-sub` in the workspace',
    );
  });

  it('points at the settings line of a rejected override', async () => {
    const settingsFile = join(world.workspace, '.amplifier', 'settings.local.yaml');
    await writeFile(settingsFile, 'sources:\n  modules:\n    tool-dev: /no/such/dir\n');
    const decl = declaration('tool-dev');
    const resolution = await resolveModule(decl, await resolveContext(world));
    expect(suggestFix(decl, resolution)).toBe(
      `fix the override at ${settingsFile}:3: it must name an existing module directory or a git URI`,
    );
  });

  it('says there is nothing to fix for a resolved module', async () => {
    const decl = withSource('tool-bash', 'git+https://github.com/org/a@main', '/p/dev.md');
    const resolution = await resolveModule(decl, await resolveContext(world));
    expect(suggestFix(decl, resolution)).toBe("nothing to fix: 'tool-bash' resolved through the profile layer");
  });
});
