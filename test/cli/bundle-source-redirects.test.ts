/**
 * `sources.bundles` (redirects of bundle includes) through the built CLI, written in each settings scope the way
 * `amplifier source add --bundle` writes them: a key that is a substring of an include URI sends that include to
 * a local checkout or another git repository, the include's `#subdirectory=` kept; a higher scope's value for the
 * same key wins; a `namespace:path` include is never redirected.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { makeModuleRepo, type TestRepo } from '../helpers/git-repos.js';
import { runBuiltCli } from '../helpers/run-cli.js';

const RECIPES = 'git+https://github.com/microsoft/amplifier-bundle-recipes@main#subdirectory=behaviors/recipes.yaml';

let root: string;
let ws: string;
let home: string;
let remote: TestRepo;

async function put(path: string, text: string): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, text);
}

const settingsFile = {
  user: () => join(home, 'settings.yaml'),
  project: () => join(ws, '.amplifier', 'settings.yaml'),
  local: () => join(ws, '.amplifier', 'settings.local.yaml'),
};

async function redirect(scope: keyof typeof settingsFile, key: string, uri: string): Promise<void> {
  await put(settingsFile[scope](), ['sources:', '  bundles:', `    ${key}: ${uri}`, ''].join('\n'));
}

/** A checkout of the recipes bundle with one behavior declaring `tool`. */
async function recipesCheckout(dir: string, tool: string): Promise<void> {
  await put(join(dir, 'bundle.md'), '---\nbundle: {name: recipes, version: 1.0.0}\n---\n');
  await put(
    join(dir, 'behaviors', 'recipes.yaml'),
    [
      'bundle: {name: recipes-behavior, version: 1.0.0}',
      'tools:',
      `  - {module: ${tool}, source: ./modules/${tool}}`,
      '',
    ].join('\n'),
  );
}

/** The project's bundle: one include, then its own tool. */
async function appBundle(include: string): Promise<void> {
  await put(
    join(ws, '.amplifier', 'bundle.md'),
    [
      '---',
      'bundle: {name: app, version: 1.0.0}',
      'includes:',
      `  - ${include}`,
      'tools:',
      '  - {module: tool-own, source: ./modules/tool-own}',
      '---',
      '',
    ].join('\n'),
  );
}

function run(command: 'resolve' | 'warm') {
  const result = runBuiltCli(
    [command, '-p', join(ws, '.amplifier', 'bundle.md'), '--workspace', ws, '--home', home, '--format', 'json'],
    { env: { VIRTUAL_ENV: undefined, GIT_CONFIG_NOSYSTEM: '1' }, cwd: ws },
  );
  const report = result.stdout ? (JSON.parse(result.stdout) as Report) : null;
  return { result, report, ids: report?.modules.map((m) => m.id) ?? [] };
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'am-bundle-redirect-'));
  ws = join(root, 'ws');
  home = join(root, 'home');
  await recipesCheckout(join(ws, 'vendor', 'recipes-project'), 'tool-from-project');
  await recipesCheckout(join(ws, 'vendor', 'recipes-local'), 'tool-from-local');
  await recipesCheckout(join(home, 'checkouts', 'recipes-user'), 'tool-from-user');
  remote = await makeModuleRepo(join(root, 'repos'), 'amplifier-bundle-recipes-fork', {
    'bundle.md': '---\nbundle: {name: recipes, version: 2.0.0}\n---\n',
    'behaviors/recipes.yaml': 'bundle: {name: fork}\ntools:\n  - {module: tool-from-fork, source: pkg-fork}\n',
  });
});

beforeEach(async () => {
  await appBundle(`bundle: ${RECIPES}`);
});

afterEach(async () => {
  for (const file of Object.values(settingsFile)) await rm(file(), { force: true });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('sources.bundles redirects bundle includes (built CLI)', () => {
  it('without a redirect the github include is not in the cache and is skipped, as Amplifier skips it', () => {
    const { report, ids } = run('resolve');
    expect(ids).toEqual(['tool-own']);
    expect(JSON.stringify(report?.warnings)).toContain('amplifier-bundle-recipes');
  });

  it('user scope: an absolute path, the include’s #subdirectory kept', async () => {
    await redirect('user', 'amplifier-bundle-recipes', join(home, 'checkouts', 'recipes-user'));
    const { report, ids } = run('resolve');
    expect(ids).toEqual(['tool-from-user', 'tool-own']);
    expect(report?.modules[0]?.declaredAt?.file).toBe(
      join(home, 'checkouts', 'recipes-user', 'behaviors', 'recipes.yaml'),
    );
  });

  it('project scope: a path relative to the workspace', async () => {
    await redirect('project', 'amplifier-bundle-recipes', './vendor/recipes-project');
    expect(run('resolve').ids).toEqual(['tool-from-project', 'tool-own']);
  });

  it('local scope wins over project and user for the same key', async () => {
    await redirect('user', 'amplifier-bundle-recipes', join(home, 'checkouts', 'recipes-user'));
    await redirect('project', 'amplifier-bundle-recipes', './vendor/recipes-project');
    await redirect('local', 'amplifier-bundle-recipes', `file://${join(ws, 'vendor', 'recipes-local')}`);
    expect(run('resolve').ids).toEqual(['tool-from-local', 'tool-own']);
  });

  it('a redirect to another git repository is fetched by warm and composed', async () => {
    await redirect('project', 'microsoft/amplifier-bundle-recipes@', `git+${remote.url}@main`);
    const { result, ids } = run('warm');
    expect(ids, result.stderr).toContain('tool-from-fork');
    expect(ids.indexOf('tool-from-fork')).toBeLessThan(ids.indexOf('tool-own'));
  });

  it('a key that matches only a namespace:path include does not redirect it', async () => {
    await put(
      join(ws, '.amplifier', 'settings.yaml'),
      [
        'bundle:',
        '  added:',
        `    recipes: ${join(ws, 'vendor', 'recipes-project', 'bundle.md')}`,
        'sources:',
        '  bundles:',
        `    recipes: ${join(home, 'checkouts', 'recipes-user')}`,
        '',
      ].join('\n'),
    );
    await appBundle('bundle: recipes:behaviors/recipes');
    expect(run('resolve').ids).toEqual(['tool-from-project', 'tool-own']);
  });
});
