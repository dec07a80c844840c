import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/diagnostics.js';
import { InputError } from '../../../src/errors.js';
import type { Declaration, TrailReason } from '../../../src/model.js';
import type { LayerAttempt } from '../../../src/stages/resolve/layer.js';
import { collectionLayer } from '../../../src/stages/resolve/layers/collection-layer.js';
import { envLayer, envVariableName } from '../../../src/stages/resolve/layers/env-layer.js';
import { packageLayer } from '../../../src/stages/resolve/layers/package-layer.js';
import { profileLayer } from '../../../src/stages/resolve/layers/profile-layer.js';
import { settingsLayer } from '../../../src/stages/resolve/layers/settings-layer.js';
import { workspaceLayer } from '../../../src/stages/resolve/layers/workspace-layer.js';
import {
  declaration,
  git,
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

/** A layer's attempt taken apart (what it says, its typed reason, its warnings), so each is compared on its own. */
async function collecting(work: Promise<LayerAttempt>): Promise<{
  attempt: Omit<LayerAttempt, 'warnings' | 'reason'>;
  reason: TrailReason | undefined;
  warnings: readonly Diagnostic[];
}> {
  const taken = await work;
  const { warnings = [], ...rest } = taken;
  const reason = taken.outcome === 'matched' ? undefined : taken.reason;
  const { reason: _typed, ...attempt } = rest as typeof rest & { reason?: TrailReason };
  return { attempt, reason, warnings };
}

async function expectInputError(work: Promise<LayerAttempt>): Promise<InputError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('env layer', () => {
  const bash = declaration('tool-bash');

  it('names the variable: upper case, only - becomes _', () => {
    expect(envVariableName('tool-bash')).toBe('AMPLIFIER_MODULE_TOOL_BASH');
    expect(envVariableName('hooks-logging.v2')).toBe('AMPLIFIER_MODULE_HOOKS_LOGGING.V2');
  });

  it('says which variable is unset, and treats an empty value as unset', async () => {
    const unset = await envLayer.attempt(bash, await resolveContext(world));
    expect(unset).toEqual({ outcome: 'not-set', detail: 'AMPLIFIER_MODULE_TOOL_BASH is not set' });
    const empty = await envLayer.attempt(
      bash,
      await resolveContext(world, { env: { AMPLIFIER_MODULE_TOOL_BASH: '' } }),
    );
    expect(empty.outcome).toBe('not-set');
    expect(empty.detail).toContain('empty');
  });

  it('resolves a relative path against the workspace', async () => {
    const dir = await makeModuleDir(join(world.workspace, 'vendor', 'tool-bash'));
    const ctx = await resolveContext(world, { env: { AMPLIFIER_MODULE_TOOL_BASH: './vendor/tool-bash' } });
    const attempt = await envLayer.attempt(bash, ctx);
    expect(attempt).toMatchObject({ outcome: 'matched', source: { type: 'file', path: dir } });
    expect(attempt.detail).toBe(`AMPLIFIER_MODULE_TOOL_BASH=./vendor/tool-bash -> file ${dir}`);
  });

  it('rejects a path that does not exist or is a file, saying which and why, and warns', async () => {
    const missing = join(world.root, 'nowhere');
    const ctx = await resolveContext(world, { env: { AMPLIFIER_MODULE_TOOL_BASH: missing } });
    const { attempt, warnings } = await collecting(envLayer.attempt(bash, ctx));
    expect(attempt).toEqual({
      outcome: 'rejected',
      detail: `AMPLIFIER_MODULE_TOOL_BASH=${missing} rejected: ${missing} does not exist`,
    });
    expect(warnings).toHaveLength(1);

    const file = await writeFile(join(world.root, 'a-file.txt'), 'x');
    const fileCtx = await resolveContext(world, { env: { AMPLIFIER_MODULE_TOOL_BASH: file } });
    expect((await envLayer.attempt(bash, fileCtx)).detail).toContain('is a file, not a directory');
  });

  it('rejects an unsafe value without echoing its credentials', async () => {
    const ctx = await resolveContext(world, {
      env: { AMPLIFIER_MODULE_TOOL_BASH: 'git+https://bot:ghp_secretsecretsecret1234@github.com/o/r@-oops' },
    });
    const attempt = await envLayer.attempt(bash, ctx);
    expect(attempt.outcome).toBe('rejected');
    expect(attempt.detail).toContain("starts with '-'");
    expect(attempt.detail).not.toContain('ghp_secret');
  });

  it('accepts a git URI as is', async () => {
    const ctx = await resolveContext(world, {
      env: { AMPLIFIER_MODULE_TOOL_BASH: 'git+https://github.com/me/fork@fix/x' },
    });
    expect(await envLayer.attempt(bash, ctx)).toMatchObject({
      outcome: 'matched',
      source: { type: 'git', url: 'https://github.com/me/fork', ref: 'fix/x' },
    });
  });
});

describe('workspace layer', () => {
  const id = 'tool-bash';
  const decl = declaration(id);
  const dirOf = () => join(world.workspace, '.amplifier', 'modules', id);

  it('reports a missing directory', async () => {
    const attempt = await workspaceLayer.attempt(decl, await resolveContext(world));
    expect(attempt).toEqual({ outcome: 'not-set', detail: '.amplifier/modules/tool-bash does not exist' });
  });

  it('matches a directory with Python code', async () => {
    await makeModuleDir(dirOf());
    const attempt = await workspaceLayer.attempt(decl, await resolveContext(world));
    expect(attempt).toMatchObject({ outcome: 'matched', source: { type: 'file', path: dirOf() } });
  });

  it('skips an uninitialised submodule: a real git-made .git file and no .py', async () => {
    // `git init --separate-git-dir` writes exactly what a submodule checkout has: a `.git` *file* pointing elsewhere.
    await makeUninitialisedSubmodule(world, dirOf());
    expect((await fsp.lstat(join(dirOf(), '.git'))).isFile()).toBe(true);
    const ctx = await resolveContext(world);
    const { attempt, reason, warnings } = await collecting(workspaceLayer.attempt(decl, ctx));
    expect(attempt).toEqual({
      outcome: 'skipped',
      detail:
        '.amplifier/modules/tool-bash is an uninitialised git submodule (.git is a file and there are no .py files)',
    });
    expect(reason).toEqual({ kind: 'uninitialised-submodule' });
    expect(warnings).toEqual([]);

    // Once initialised (code checked out), the same directory matches.
    await makeModuleDir(dirOf());
    expect((await workspaceLayer.attempt(decl, ctx)).outcome).toBe('matched');
  });

  it('matches a real submodule added with git submodule add', async () => {
    const origin = join(world.root, 'origin');
    await makeModuleDir(origin);
    git(origin, 'init', '-q');
    git(origin, 'add', '.');
    git(origin, 'commit', '-q', '-m', 'init');
    git(world.workspace, 'init', '-q');
    git(
      world.workspace,
      '-c',
      'protocol.file.allow=always',
      'submodule',
      'add',
      '-q',
      origin,
      '.amplifier/modules/tool-bash',
    );
    expect((await fsp.lstat(join(dirOf(), '.git'))).isFile()).toBe(true);
    expect((await workspaceLayer.attempt(decl, await resolveContext(world))).outcome).toBe('matched');
  });

  it('skips, with a warning, a directory that holds no Python at all', async () => {
    await writeFile(join(dirOf(), 'README.md'), '# not code\n');
    await fsp.mkdir(join(dirOf(), '.git'), { recursive: true });
    await writeFile(join(dirOf(), '.git', 'hook.py'), '# inside .git, does not count\n');
    const ctx = await resolveContext(world);
    const { attempt, warnings } = await collecting(workspaceLayer.attempt(decl, ctx));
    expect(attempt).toEqual({
      outcome: 'skipped',
      detail: '.amplifier/modules/tool-bash exists but contains no .py files',
    });
    expect(warnings).toEqual([expect.objectContaining({ code: 'workspace-module-empty', file: dirOf() })]);
  });

  it('rejects a symlink that leads out of the workspace, and accepts one that stays inside', async () => {
    const outside = await makeModuleDir(join(world.root, 'elsewhere', 'tool-bash'));
    await fsp.mkdir(join(world.workspace, '.amplifier', 'modules'), { recursive: true });
    await fsp.symlink(outside, dirOf());
    const escaped = await workspaceLayer.attempt(decl, await resolveContext(world));
    expect(escaped.outcome).toBe('rejected');
    expect(escaped.detail).toBe(
      `.amplifier/modules/tool-bash is a symlink to ${outside}, outside the workspace ${world.workspace}`,
    );

    await fsp.rm(dirOf());
    const inside = await makeModuleDir(join(world.workspace, 'src', 'tool-bash'));
    await fsp.symlink(inside, dirOf());
    expect(await workspaceLayer.attempt(decl, await resolveContext(world))).toMatchObject({
      outcome: 'matched',
      source: { type: 'file', path: inside },
    });
  });

  it('rejects a file or a dangling symlink where the directory belongs', async () => {
    await writeFile(dirOf(), 'oops');
    expect((await workspaceLayer.attempt(decl, await resolveContext(world))).detail).toContain(
      'is a file, not a directory',
    );
    await fsp.rm(dirOf());
    await fsp.symlink(join(world.workspace, 'gone'), dirOf());
    expect((await workspaceLayer.attempt(decl, await resolveContext(world))).detail).toContain('does not exist');
  });

  it('rejects module ids that are not plain directory names', async () => {
    const attempt = await workspaceLayer.attempt(declaration('../escape'), await resolveContext(world));
    expect(attempt.outcome).toBe('rejected');
  });
});

describe('settings layer', () => {
  const decl = declaration('tool-bash');
  const projectFile = () => join(world.workspace, '.amplifier', 'settings.yaml');

  it('says which files it read when there is no entry', async () => {
    const none = await settingsLayer.attempt(decl, await resolveContext(world));
    expect(none).toEqual({ outcome: 'not-set', detail: 'no settings files' });
    await writeFile(projectFile(), 'bundle:\n  active: foundation\n');
    const some = await settingsLayer.attempt(decl, await resolveContext(world));
    expect(some.detail).toBe(`no entry in ${projectFile()}`);
  });

  it('names file:line, the key path and the value that matched, and what it overrode', async () => {
    await writeFile(join(world.home, 'settings.yaml'), 'sources:\n  tool-bash: git+https://github.com/org/old@main\n');
    await writeFile(projectFile(), '# team\nsources:\n  modules:\n    tool-bash: git+https://github.com/org/team@v3\n');
    const attempt = await settingsLayer.attempt(decl, await resolveContext(world));
    expect(attempt.outcome).toBe('matched');
    expect(attempt.detail).toBe(
      `${projectFile()}:4 sources.modules.tool-bash = git+https://github.com/org/team@v3 -> git https://github.com/org/team@v3; overrides ${join(world.home, 'settings.yaml')}:2 sources.tool-bash`,
    );
  });

  it("resolves a relative file source against the settings file's directory", async () => {
    const dir = await makeModuleDir(join(world.workspace, '.amplifier', 'dev', 'tool-bash'));
    await writeFile(projectFile(), 'sources:\n  modules:\n    tool-bash: ./dev/tool-bash\n');
    expect(await settingsLayer.attempt(decl, await resolveContext(world))).toMatchObject({
      outcome: 'matched',
      source: { type: 'file', path: dir },
    });
  });

  it('rejects a file override whose directory is missing, with file:line', async () => {
    await writeFile(projectFile(), 'overrides:\n  tool-bash:\n    source: ./dev/missing\n');
    const ctx = await resolveContext(world);
    const { attempt, warnings } = await collecting(settingsLayer.attempt(decl, ctx));
    expect(attempt.outcome).toBe('rejected');
    expect(attempt.detail).toBe(
      `${projectFile()}:3 overrides.tool-bash.source = ./dev/missing rejected: ${join(world.workspace, '.amplifier', 'dev', 'missing')} does not exist`,
    );
    expect(warnings[0]).toMatchObject({ file: projectFile(), line: 3 });
  });

  it('raises a bad override as an InputError at its settings line', async () => {
    await writeFile(projectFile(), 'sources:\n  modules:\n    tool-bash: {type: svn, url: x}\n');
    const error = await expectInputError(settingsLayer.attempt(decl, await resolveContext(world)));
    expect(error).toMatchObject({ code: 'invalid-source-type', file: projectFile(), line: 3 });
  });
});

describe('collection layer', () => {
  const decl = declaration('tool-x');

  it('says when no collections are installed', async () => {
    const attempt = await collectionLayer.attempt(decl, await resolveContext(world));
    expect(attempt.outcome).toBe('not-set');
    expect(attempt.detail).toContain('no collections installed');
  });

  it('searches workspace collections before home collections and lists what it searched', async () => {
    await fsp.mkdir(join(world.workspace, '.amplifier', 'collections', 'local-one'), { recursive: true });
    await fsp.mkdir(join(world.home, 'collections', 'foundation', 'profiles'), { recursive: true });
    const none = await collectionLayer.attempt(decl, await resolveContext(world));
    expect(none.detail).toBe(
      `no modules/tool-x in ${join(world.workspace, '.amplifier', 'collections', 'local-one')}, ${join(world.home, 'collections', 'foundation')}`,
    );

    const homeDir = await makeModuleDir(join(world.home, 'collections', 'foundation', 'modules', 'tool-x'));
    expect(await collectionLayer.attempt(decl, await resolveContext(world))).toMatchObject({
      source: { path: homeDir },
    });
    const workspaceDir = await makeModuleDir(
      join(world.workspace, '.amplifier', 'collections', 'local-one', 'modules', 'tool-x'),
    );
    expect(await collectionLayer.attempt(decl, await resolveContext(world))).toMatchObject({
      outcome: 'matched',
      source: { path: workspaceDir },
    });
  });
  it('lists the collections once per resolution, however many modules search them', async () => {
    await fsp.mkdir(join(world.home, 'collections', 'foundation'), { recursive: true });
    const ctx = await resolveContext(world);
    const listed: string[] = [];
    const counting = {
      ...ctx,
      fs: {
        ...ctx.fs,
        readdir: (path: string) => {
          listed.push(path);
          return ctx.fs.readdir(path);
        },
      },
    };
    const attempts = await Promise.all(
      ['tool-a', 'tool-b', 'tool-c'].map((id) => collectionLayer.attempt(declaration(id), counting)),
    );
    expect(attempts.map((a) => a.detail)).toEqual(
      ['tool-a', 'tool-b', 'tool-c'].map(
        (id) => `no modules/${id} in ${join(world.home, 'collections', 'foundation')}`,
      ),
    );
    expect(listed).toEqual([join(world.workspace, '.amplifier', 'collections'), join(world.home, 'collections')]);

    // A context is a snapshot: a collection installed afterwards is seen by the next context, not by this one.
    const later = await makeModuleDir(join(world.home, 'collections', 'later', 'modules', 'tool-a'));
    expect((await collectionLayer.attempt(declaration('tool-a'), counting)).outcome).toBe('not-set');
    expect(await collectionLayer.attempt(declaration('tool-a'), await resolveContext(world))).toMatchObject({
      outcome: 'matched',
      source: { path: later },
    });
  });
});

describe('profile layer', () => {
  it('says where the declaration is when it gives no source', async () => {
    const attempt = await profileLayer.attempt(declaration('tool-x'), await resolveContext(world));
    expect(attempt).toEqual({ outcome: 'not-set', detail: 'no source given at /profiles/dev.md:12' });
  });

  it('resolves a relative source against the declaring file', async () => {
    const profile = join(world.workspace, '.amplifier', 'profiles', 'dev.md');
    const dir = await makeModuleDir(join(world.workspace, '.amplifier', 'profiles', 'mods', 'tool-x'));
    const attempt = await profileLayer.attempt(
      withSource('tool-x', './mods/tool-x', profile, 9),
      await resolveContext(world),
    );
    expect(attempt).toMatchObject({ outcome: 'matched', source: { type: 'file', path: dir } });
    expect(attempt.detail).toBe(`${profile}:9 source = ./mods/tool-x -> file ${dir}`);
  });

  it('rejects a missing directory and raises a bad source at the declaring line', async () => {
    const profile = join(world.root, 'p.md');
    const missing = await profileLayer.attempt(withSource('tool-x', './gone', profile), await resolveContext(world));
    expect(missing.outcome).toBe('rejected');
    expect(missing.detail).toContain(`${join(world.root, 'gone')} does not exist`);
    const error = await expectInputError(
      profileLayer.attempt(withSource('tool-x', 'git+ext::sh', profile, 21), await resolveContext(world)),
    );
    expect(error).toMatchObject({ code: 'unsafe-source', file: profile, line: 21 });
  });
});

describe('package layer', () => {
  const decl: Declaration = declaration('tool-x');

  it('cannot look without a target environment, and says so', async () => {
    const ctx = await resolveContext(world, { installed: null });
    const { attempt, reason } = await collecting(packageLayer.attempt(decl, ctx));
    expect(attempt).toEqual({
      outcome: 'skipped',
      detail: "no target environment to look in (pass --python PATH); would try 'tool-x' and 'amplifier-module-tool-x'",
    });
    expect(reason).toEqual({ kind: 'no-environment' });
  });

  it('tries <id> first, then amplifier-module-<id>, comparing normalised names', async () => {
    const both = await packageLayer.attempt(
      decl,
      await resolveContext(world, { installed: ['tool-x', 'amplifier-module-tool-x'] }),
    );
    expect(both).toMatchObject({ outcome: 'matched', source: { type: 'package', name: 'tool-x' } });
    const prefixed = await packageLayer.attempt(
      decl,
      await resolveContext(world, { installed: ['amplifier-module-tool-x'] }),
    );
    expect(prefixed).toMatchObject({ source: { name: 'amplifier-module-tool-x' } });
    expect(prefixed.detail).toBe("'amplifier-module-tool-x' is installed in /venv/bin/python");
    const underscored = await packageLayer.attempt(
      declaration('tool_x'),
      await resolveContext(world, { installed: ['amplifier-module-tool-x'] }),
    );
    expect(underscored.outcome).toBe('matched');
  });

  it('names both candidates and the environment when neither is installed', async () => {
    const attempt = await packageLayer.attempt(decl, await resolveContext(world, { installed: ['requests'] }));
    expect(attempt).toEqual({
      outcome: 'not-set',
      detail: "tried 'tool-x' and 'amplifier-module-tool-x' in /venv/bin/python: neither is installed",
    });
  });
});
