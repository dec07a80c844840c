/**
 * Where the installed amplifier-app-cli keeps the behavior the CLI composes onto every session, as its own
 * `_find_app_cli_bundle_root` finds it: a wheel's `<site>/amplifier_app_cli/_bundle`, or, for an editable install
 * (a developer's checkout), the project directory its `direct_url.json` records, where `behaviors/` sits beside the
 * package. Real files in a temp directory.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installedCliBundleRoot } from '../../src/commands/shared-stages/cli-package.js';
import { nodeFileSystem as fs } from '../../src/ports/node-fs.js';

let root: string;

async function write(path: string, text = ''): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, text);
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'am-cli-package-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('the installed amplifier-app-cli bundle root', () => {
  it('a wheel: <site>/amplifier_app_cli/_bundle', async () => {
    const site = join(root, 'wheel', 'site-packages');
    await write(join(site, 'amplifier_app_cli', '_bundle', 'behaviors', 'cli-expertise.yaml'), 'bundle: {name: x}\n');
    expect(await installedCliBundleRoot(fs, [site])).toEqual({ root: join(site, 'amplifier_app_cli', '_bundle') });
  });

  it('an editable install: the project directory direct_url.json records', async () => {
    const site = join(root, 'editable', 'site-packages');
    const project = join(root, 'checkout', 'amplifier-app-cli');
    await write(join(project, 'amplifier_app_cli', '__init__.py'));
    await write(join(project, 'behaviors', 'cli-expertise.yaml'), 'bundle: {name: x}\n');
    await write(
      join(site, 'amplifier_app_cli-2026.1.0.dist-info', 'direct_url.json'),
      JSON.stringify({ url: pathToFileURL(project).href, dir_info: { editable: true } }),
    );
    expect(await installedCliBundleRoot(fs, [site])).toEqual({ root: project });
  });

  it('not installed: every place looked at is named', async () => {
    const site = join(root, 'none', 'site-packages');
    await mkdir(site, { recursive: true });
    const found = await installedCliBundleRoot(fs, [site]);
    expect('searched' in found && found.searched).toEqual([
      join(site, 'amplifier_app_cli', '_bundle', 'behaviors', 'cli-expertise.yaml'),
      join(site, 'behaviors', 'cli-expertise.yaml'),
    ]);
  });
});
