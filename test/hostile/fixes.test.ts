/**
 * Fixes do exactly what they say. `doctor --fix` reinstalls a dangling editable only from a clone whose recorded
 * origin (URL and ref in its cache metadata) is the module's source: never from a fork's clone that merely shares the
 * repository name (its setup.py would run). A printed command is shell-quoted: pasting one whose ref holds `$(...)`
 * runs nothing else. Real git repositories, a real venv with real `pip install -e`, the built CLI.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { layoutAPath } from '../../src/source/cache-layout.js';
import { commitFiles, git } from '../helpers/git-repos.js';
import { writeModuleProject } from '../helpers/python-projects.js';
import { runBuiltCli } from '../helpers/run-cli.js';
import { createVenv, OFFLINE_PIP_ARGS, type TestVenv } from '../helpers/venv.js';
import { describeRun } from './refusal.js';

const REPO = 'amplifier-module-tool-named';
let root: string;
let home: string;
let upstream: string;
let fork: string;
let forkRan: string;
let venv: TestVenv;
const installerArgs = OFFLINE_PIP_ARGS.map((arg) => `--installer-arg=${arg}`);

async function moduleRepo(dir: string, setupPy: string | null): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeModuleProject(dir, { id: 'tool-named', backend: 'setuptools-flat' });
  if (setupPy !== null) await writeFile(join(dir, 'setup.py'), setupPy);
  await git(dir, ['init', '--quiet', '--initial-branch=main']);
  await commitFiles(dir, {}, 'initial');
}

async function profile(name: string, source: string): Promise<string> {
  const file = join(root, `${name}.md`);
  await writeFile(file, `---\nprofile: {name: p}\ntools:\n  - module: tool-named\n    source: ${source}\n---\n`);
  return file;
}

function cli(profileFile: string, ...args: string[]) {
  return runBuiltCli(
    [...args, '--profile', profileFile, '--home', home, '--python', venv.python, '--workspace', root],
    { env: { PIP_DISABLE_PIP_VERSION_CHECK: '1' } },
  );
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'am-fixes-'));
  home = join(root, 'home');
  upstream = join(root, 'upstream', REPO);
  fork = join(root, 'fork', REPO);
  forkRan = join(root, 'fork-setup-py-ran');
  await moduleRepo(upstream, null);
  await moduleRepo(
    fork,
    `import pathlib\npathlib.Path(${JSON.stringify(forkRan)}).write_text("ran")\nfrom setuptools import setup\nsetup()\n`,
  );
  venv = await createVenv(root);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('doctor --fix and where it reinstalls from', () => {
  it("never reinstalls from a fork's clone sharing the repository name", async () => {
    const mine = await profile('upstream', `git+file://${upstream}@main`);
    const theirs = await profile('fork', `git+file://${fork}@main`);
    const install = cli(mine, 'install', ...installerArgs);
    expect(install.code, describeRun(install)).toBe(0);
    const warmFork = cli(theirs, 'warm');
    expect(warmFork.code, describeRun(warmFork)).toBe(0);
    const forkClone = layoutAPath(home, { url: `file://${fork}`, ref: 'main', subdirectory: null });
    expect(existsSync(join(forkClone, 'setup.py'))).toBe(true);
    // The module's own clone goes away: the editable install dangles, the fork's clone is its only sibling.
    await rm(layoutAPath(home, { url: `file://${upstream}`, ref: 'main', subdirectory: null }), {
      recursive: true,
      force: true,
    });
    const doctor = cli(mine, 'doctor', '--fix', ...installerArgs, '--format', 'json');
    expect(doctor.code, describeRun(doctor)).toBe(1);
    const report = JSON.parse(doctor.stdout) as Report;
    expect(report.modules.find((m) => m.id === 'tool-named')?.status).toBe('dangling');
    const warning = report.warnings.find((w) => w.code === 'unfixable');
    expect(warning?.message).toContain(`no clone of file://${upstream} is in the module cache`);
    // The fix says exactly what repairs it: install fetches the declared clone.
    expect(warning?.fix).toContain(`amplifier-modules install -p ${mine} --python ${venv.python}`);
    expect(warning?.message).not.toContain('warm first');
    expect(existsSync(forkRan), "the fork's setup.py ran").toBe(false);
  });

  it('does reinstall from the clone whose metadata records the declared URL and ref', async () => {
    const mine = await profile('upstream', `git+file://${upstream}@main`);
    const warm = cli(mine, 'warm');
    expect(warm.code, describeRun(warm)).toBe(0);
    const doctor = cli(mine, 'doctor', '--fix', ...installerArgs, '--format', 'json');
    expect(doctor.code, describeRun(doctor)).toBe(0);
    expect((JSON.parse(doctor.stdout) as Report).modules.find((m) => m.id === 'tool-named')).toMatchObject({
      status: 'ok',
      path: layoutAPath(home, { url: `file://${upstream}`, ref: 'main', subdirectory: null }),
    });
    expect(existsSync(forkRan)).toBe(false);
  });
});

describe('doctor --fix with no declaration', () => {
  it("reinstalls from the newest clone whose recorded URL is the install's (another ref), never a newer fork's", async () => {
    const mine = await profile('upstream', `git+file://${upstream}@main`);
    await git(upstream, ['tag', 'v1']);
    const atV1 = await profile('upstream-v1', `git+file://${upstream}@v1`);
    expect(cli(atV1, 'warm').code).toBe(0);
    expect(cli(mine, 'doctor').code).toBe(0);
    await rm(layoutAPath(home, { url: `file://${upstream}`, ref: 'main', subdirectory: null }), {
      recursive: true,
      force: true,
    });
    // The fork's clone is the newest sibling: only the recorded URL can tell it apart.
    const forkClone = layoutAPath(home, { url: `file://${fork}`, ref: 'main', subdirectory: null });
    const later = new Date(Date.now() + 60_000);
    await utimes(forkClone, later, later);
    const doctor = runBuiltCli(
      ['doctor', '--fix', ...installerArgs, '--home', home, '--python', venv.python, '--workspace', root],
      { env: { PIP_DISABLE_PIP_VERSION_CHECK: '1' } },
    );
    expect(doctor.code, describeRun(doctor)).toBe(0);
    const v1Clone = layoutAPath(home, { url: `file://${upstream}`, ref: 'v1', subdirectory: null });
    expect(doctor.stdout).toContain(`declarations: none:`);
    expect(doctor.stdout).toContain(
      `note: tool-named: doctor --fix reinstalled it from ${v1Clone}: the newest clone of file://${upstream} (ref v1), the repository the install came from`,
    );
    expect(existsSync(forkRan), "the fork's setup.py ran").toBe(false);
  });
});

describe('printed commands are shell-quoted', () => {
  it('a ref holding $(...): pasting the printed fix runs exactly git ls-remote, nothing else', async () => {
    const marker = join(root, 'pwned');
    // `${IFS}` is for the shell that runs the pasted text (a ref may hold no space).
    const ref = ['$(touch', '$', '{IFS}', marker, ')'].join('');
    const file = await profile('evil-ref', `git+file://${upstream}@${ref}`);
    const run = cli(file, 'warm', '--format', 'json');
    expect(run.code, describeRun(run)).toBe(1);
    const fix = (JSON.parse(run.stdout) as Report).modules[0]?.fix ?? '';
    // The fix ends with the command: the failed step repeated in git's environment, or a plain ls-remote.
    const marks = ['in the environment git had: ', 'the ref exists: '];
    const mark = marks.find((text) => fix.includes(text)) ?? '';
    expect(mark, fix).not.toBe('');
    const command = fix.slice(fix.indexOf(mark) + mark.length);
    expect(command).toContain('ls-remote');
    // Paste it into a real POSIX shell, in an empty directory.
    const scratch = await mkdtemp(join(root, 'paste-'));
    try {
      execFileSync('/bin/sh', ['-c', command], { cwd: scratch, stdio: 'ignore' });
    } catch {
      // ls-remote exits non-zero: the ref does not exist. What matters is what else ran.
    }
    expect(existsSync(marker), 'the pasted fix ran the command inside the ref').toBe(false);
    expect(await readdir(scratch)).toEqual([]);
  });
});
