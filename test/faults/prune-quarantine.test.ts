/**
 * prune never makes an install dangle (real git, real venvs, real `pip install -e`, the built CLI): a clone it believes
 * unused is moved into the quarantine inside the cache, never deleted in the same run; `doctor` names a missing
 * target that sits there and `doctor --fix` moves it back with no network; quarantined clones are deleted only past
 * the retention period (or with --purge). Every declaration of the workspace counts (three refs of one module are
 * three clones), an environment with a broken interpreter link still counts, Amplifier's install-state.json counts,
 * and with no declarations found prune says so and keeps clones that may be bundle includes.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeExec } from '../../src/ports/node-exec.js';
import { commitFiles, git, makeModuleRepo, type TestRepo } from '../helpers/git-repos.js';
import { createSandbox, type Sandbox } from '../helpers/sandbox.js';
import { createVenv, OFFLINE_PIP_ARGS, pipInstallEditable, type TestVenv } from '../helpers/venv.js';
import { describeRun, profileText } from '../hostile/refusal.js';

const PYPROJECT = (name: string): string =>
  [
    '[build-system]',
    'requires = ["setuptools"]',
    'build-backend = "setuptools.build_meta"',
    '[project]',
    `name = "${name}"`,
    'version = "0.1.0"',
    '',
  ].join('\n');

const MODULE = 'amplifier-module-tool-kept';
const PACKAGE = 'amplifier_module_tool_kept';
const INSTALLER = ['--installer', 'pip', ...OFFLINE_PIP_ARGS.map((arg) => `--installer-arg=${arg}`)];
const PIP_ENV = { PIP_DISABLE_PIP_VERSION_CHECK: '1' };

let sb: Sandbox;
let repo: TestRepo;
let tagged = '';
/** The environment each prune names with --python: it never installed anything. */
let bystander: TestVenv;
let bare = '';
const cache = (): string => join(sb.amplifierHome, 'cache');

async function clones(): Promise<string[]> {
  return (await readdir(cache()).catch(() => [] as string[])).filter((n) => !n.startsWith('.') && !n.endsWith('.json'));
}

async function quarantineEntries(): Promise<string[]> {
  return (await readdir(join(cache(), '.quarantine')).catch(() => [] as string[])).sort();
}

function pruneBare(...extra: string[]) {
  return sb.run(['prune', '--workspace', bare, '--python', bystander.python, ...extra]);
}

async function warmedClone(profile: string): Promise<string> {
  const before = new Set(await clones());
  const run = sb.run(['warm', '-p', profile]);
  expect(run.code, describeRun(run)).toBe(0);
  const made = (await clones()).filter((name) => !before.has(name));
  expect(made).toHaveLength(1);
  return join(cache(), made[0] ?? '');
}

beforeAll(async () => {
  sb = await createSandbox({ tools: 'pass' });
  repo = await makeModuleRepo(join(sb.root, 'repos'), MODULE, { 'pyproject.toml': PYPROJECT(MODULE) });
  await git(repo.path, ['tag', 'v1']);
  // main moves on after the tag: main, the first commit and v1 are three refs, three cache directories.
  tagged = repo.commit;
  await commitFiles(repo.path, { 'CHANGES.md': 'second\n' });
  bystander = await createVenv(join(sb.root, 'bystander'));
  bare = join(sb.root, 'bare');
  await mkdir(bare, { recursive: true });
});
afterAll(async () => {
  await sb.cleanup();
});

describe('a venv prune never saw keeps working', () => {
  let outsider: TestVenv;
  let clone = '';

  it('prune quarantines the clone a plain pip install -e uses; doctor names it; doctor --fix puts it back offline', async () => {
    await sb.write(
      'main.md',
      profileText('profile: {name: m}', 'tools:', `  - {module: tool-kept, source: "git+${repo.url}@main"}`),
    );
    clone = await warmedClone('main.md');
    outsider = await createVenv(join(sb.root, 'outsider'));
    // Made outside this tool: nothing records it, so prune cannot know it.
    await pipInstallEditable(outsider, [clone]);
    const pruned = pruneBare();
    expect(pruned.code, describeRun(pruned)).toBe(0);
    expect(pruned.stdout).toContain('quarantined 1 module-cache director(ies)');
    expect(existsSync(clone)).toBe(false);
    const [entry] = await quarantineEntries();
    expect(entry).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z-[0-9a-f]{8}$/);
    const record = JSON.parse(await readFile(join(cache(), '.quarantine', entry ?? '', 'quarantined.json'), 'utf8'));
    expect(record.from).toBe(clone);
    expect(existsSync(join(cache(), '.quarantine', entry ?? '', basename(clone), PACKAGE, '__init__.py'))).toBe(true);

    const doctor = sb.run(['doctor', '--python', outsider.python, '--workspace', bare]);
    expect(doctor.code, describeRun(doctor)).toBe(1);
    expect(doctor.stdout + doctor.stderr).toContain(`${clone} is missing: prune moved ${clone} into its quarantine`);
    expect(doctor.stdout + doctor.stderr).toContain('doctor --fix');

    // The sandbox's pip and git stand-ins fail: the fix must need neither (a rename, no reinstall, no network).
    const fix = sb.run(['doctor', '--fix', '--python', outsider.python, '--workspace', bare, ...INSTALLER], {
      env: PIP_ENV,
    });
    expect(fix.code, describeRun(fix)).toBe(0);
    expect(fix.stdout).toContain(`moved ${clone} back from prune's quarantine`);
    expect(existsSync(join(clone, PACKAGE, '__init__.py'))).toBe(true);
    expect(await quarantineEntries()).toEqual([]);
    const imported = await nodeExec.run(outsider.python, ['-c', `import ${PACKAGE}; print(${PACKAGE}.__file__)`]);
    expect(imported.stdout.trim()).toBe(join(clone, PACKAGE, '__init__.py'));
  });

  it('a quarantined clone is deleted only past the retention period, or at once with --purge', async () => {
    await rm(outsider.dir, { recursive: true, force: true });
    expect(pruneBare().code).toBe(0);
    const [entry] = await quarantineEntries();
    const recordFile = join(cache(), '.quarantine', entry ?? '', 'quarantined.json');
    // A fresh entry survives the next prune: the retention counts from the day it was moved.
    const fresh = pruneBare();
    expect(fresh.stdout).toContain('deleted 0 quarantined (older than 14 day(s))');
    expect(await quarantineEntries()).toEqual([entry]);
    const record = JSON.parse(await readFile(recordFile, 'utf8'));
    await writeFile(
      recordFile,
      JSON.stringify({ ...record, moved_at: new Date(Date.now() - 20 * 86400000).toISOString() }),
    );
    const longer = pruneBare('--retention-days', '30');
    expect(longer.code, describeRun(longer)).toBe(0);
    expect(await quarantineEntries()).toEqual([entry]);
    const dry = pruneBare('--dry-run');
    expect(dry.stdout).toContain('would delete');
    expect(await quarantineEntries()).toEqual([entry]);
    const expired = pruneBare();
    expect(expired.stdout).toContain('deleted 1 quarantined');
    expect(await quarantineEntries()).toEqual([]);

    clone = await warmedClone('main.md');
    expect(pruneBare().code).toBe(0);
    expect(await quarantineEntries()).toHaveLength(1);
    // warm finds a quarantined clone before it would fetch: offline, it comes back by a rename.
    const offline = sb.run(['warm', '--offline', '-p', 'main.md']);
    expect(offline.code, describeRun(offline)).toBe(0);
    expect(offline.stdout).toContain(`moved ${clone} back from prune's quarantine`);
    expect(await quarantineEntries()).toEqual([]);
    expect(pruneBare().code).toBe(0);
    expect(await quarantineEntries()).toHaveLength(1);
    const purged = pruneBare('--purge');
    expect(purged.stdout).toContain('deleted 1 quarantined (purged)');
    expect(await quarantineEntries()).toEqual([]);
  });

  it('--retention-days takes a whole number of days', () => {
    const run = pruneBare('--retention-days', 'soon');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--retention-days must be a whole number of days');
  });
});

describe('prune keeps what any declaration and any environment needs', () => {
  it('three refs of one module across three profiles keep three clones; warm --offline still works', async () => {
    const ws = join(sb.root, 'three');
    const profiles = join(ws, '.amplifier', 'profiles');
    await mkdir(profiles, { recursive: true });
    const refs = { 'a.md': 'main', 'b.md': tagged, 'c.md': 'v1' };
    const made: string[] = [];
    for (const [file, ref] of Object.entries(refs)) {
      await writeFile(
        join(profiles, file),
        profileText('profile: {name: x}', 'tools:', `  - {module: tool-kept, source: "git+${repo.url}@${ref}"}`),
      );
      made.push(await warmedClone(join(profiles, file)));
    }
    const run = sb.run(['prune', '--workspace', ws, '--python', bystander.python]);
    expect(run.code, describeRun(run)).toBe(0);
    for (const dir of made) expect(existsSync(join(dir, PACKAGE, '__init__.py')), dir).toBe(true);
    for (const file of Object.keys(refs)) {
      const offline = sb.run(['warm', '--offline', '-p', join(profiles, file)]);
      expect(offline.code, describeRun(offline)).toBe(0);
    }
    await rm(ws, { recursive: true, force: true });
    expect(pruneBare('--purge').code).toBe(0);
  });

  it('a registered venv whose interpreter link broke still holds its clone', async () => {
    const venv = await createVenv(join(sb.root, 'upgraded'));
    await sb.write(
      'main.md',
      profileText('profile: {name: m}', 'tools:', `  - {module: tool-kept, source: "git+${repo.url}@main"}`),
    );
    const install = sb.run(['install', '-p', 'main.md', '--python', venv.python, ...INSTALLER], { env: PIP_ENV });
    expect(install.code, describeRun(install)).toBe(0);
    const clone = (await clones()).find((name) => name.startsWith(`${MODULE}-`)) ?? '';
    // A Python upgrade removed the base interpreter the venv's links point at.
    for (const name of await readdir(join(venv.dir, 'bin'))) {
      if (!name.startsWith('python')) continue;
      await rm(join(venv.dir, 'bin', name));
      await symlink('/nonexistent/python3.99', join(venv.dir, 'bin', name));
    }
    const run = pruneBare();
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).not.toContain('forgetting');
    expect(existsSync(join(cache(), clone, PACKAGE, '__init__.py'))).toBe(true);
    await rm(venv.dir, { recursive: true, force: true });
  });

  it("a clone Amplifier's install-state.json records as installed is kept", async () => {
    const clone = (await clones()).find((name) => name.startsWith(`${MODULE}-`)) ?? '';
    expect(clone).not.toBe('');
    const state = {
      version: 1,
      python: join(sb.root, 'gone', 'bin', 'python'),
      python_mtime: 0,
      modules: { [join(cache(), clone)]: { pyproject_hash: 'sha256:00' } },
    };
    await writeFile(join(cache(), 'install-state.json'), JSON.stringify(state));
    const run = pruneBare();
    expect(run.code, describeRun(run)).toBe(0);
    expect(existsSync(join(cache(), clone))).toBe(true);
    await rm(join(cache(), 'install-state.json'));
    expect(pruneBare().stdout).toContain('quarantined 1');
  });

  it('with no declarations, prune says so and keeps clones that may be bundle includes unless told', async () => {
    const bundle = join(cache(), 'amplifier-bundle-extras-0123456789abcdef');
    await mkdir(join(bundle, '.git'), { recursive: true });
    await writeFile(join(bundle, 'bundle.md'), '---\nbundle: {name: extras, version: 1.0.0}\n---\n');
    const run = pruneBare();
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).toContain('no profile or bundle found');
    expect(existsSync(bundle)).toBe(true);
    const told = pruneBare('--include-clones');
    expect(told.code, describeRun(told)).toBe(0);
    expect(existsSync(bundle)).toBe(false);
    expect(await clones()).toEqual([]);
  });
});
