/**
 * Install failures shaped like the real Amplifier repositories, through the built CLI into real venvs with real
 * pip: a runtime dependency the index lacks (tool-delegate wanting amplifier-core), a git-URL dependency on a
 * distribution the environment already holds (hook-shell's `amplifier-core @ git+...`), the same dependency when the
 * environment lacks it, a project whose own build fails, a setuptools module without `wheel`, and a bundle with a
 * Python package of its own that its module imports (python-dev, redaction). Every module ends with its own verdict
 * and cause, the good ones install, and each failure's "reproduce with" command fails when run.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeExec } from '../../src/ports/node-exec.js';
import type { Report } from '../../src/report/report.js';
import { renderText } from '../../src/report/text.js';
import { writeModuleProject } from '../helpers/python-projects.js';
import { createSandbox, type Sandbox } from '../helpers/sandbox.js';
import { BASE_PYTHON, createVenv, type TestVenv } from '../helpers/venv.js';
import { describeRun, profileText } from '../hostile/refusal.js';

const NO_INDEX = ['--installer-arg=--no-build-isolation', '--installer-arg=--no-index'];
const PIP_ENV = { PIP_DISABLE_PIP_VERSION_CHECK: '1' };

let sb: Sandbox;

beforeAll(async () => {
  sb = await createSandbox({ tools: 'pass' });
});

afterAll(async () => {
  await sb.cleanup();
});

/** A setuptools project with the given runtime dependencies and, optionally, a setup.py of its own. */
async function project(dir: string, name: string, dependencies: readonly string[], setupPy?: string): Promise<string> {
  const importName = name.replace(/-/g, '_');
  await mkdir(join(dir, importName), { recursive: true });
  await writeFile(join(dir, importName, '__init__.py'), 'async def mount(coordinator, config):\n    return None\n');
  await writeFile(
    join(dir, 'pyproject.toml'),
    `[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n[project]\nname = "${name}"\nversion = "1.0.0"\ndependencies = [${dependencies.map((d) => JSON.stringify(d)).join(', ')}]\n[tool.setuptools]\npackages = ["${importName}"]\n`,
  );
  if (setupPy) await writeFile(join(dir, 'setup.py'), setupPy);
  return dir;
}

function reproduceCommands(report: Report): Map<string, string> {
  const commands = new Map<string, string>();
  for (const module of report.modules) {
    const at = module.fix?.indexOf('reproduce with: ') ?? -1;
    if (module.status === 'install-failed' && module.fix && at >= 0) commands.set(module.id, module.fix.slice(at + 16));
  }
  return commands;
}

describe('a batch with several independent culprits and a git dependency on an installed peer (built CLI, real pip)', () => {
  let venv: TestVenv;
  let run: ReturnType<Sandbox['run']>;
  let report: Report;

  beforeAll(async () => {
    venv = await createVenv(join(sb.root, 'batch'));
    // The peer every module wants, installed as a wheel would be (the Amplifier CLI's environment holds amplifier-core).
    const peer = await project(join(sb.root, 'peer-core'), 'peer-core', []);
    const installed = await nodeExec.run(
      venv.python,
      ['-m', 'pip', 'install', '--no-build-isolation', '--no-index', peer],
      {
        env: { ...process.env, ...PIP_ENV },
      },
    );
    expect(installed.code, installed.stderr).toBe(0);
    const mods = join(sb.workspace, 'mods');
    await writeModuleProject(join(mods, 'tool-good'), { id: 'tool-good', backend: 'setuptools-flat' });
    await project(join(mods, 'tool-delegate'), 'amplifier-module-tool-delegate', ['acme-runtime-not-anywhere>=1.2.1']);
    await project(join(mods, 'hooks-display'), 'amplifier-module-hooks-display', ['acme-runtime-not-anywhere>=0.1']);
    await project(
      join(mods, 'tool-broken'),
      'amplifier-module-tool-broken',
      [],
      'raise SystemExit("the vendored grammar is missing")\n',
    );
    await project(join(mods, 'hook-shell'), 'amplifier-module-hook-shell', [
      'peer-core @ git+https://github.invalid/org/peer-core',
    ]);
    await project(join(mods, 'hook-other'), 'amplifier-module-hook-other', [
      // A host that cannot exist (.invalid): git cannot clone it.
      'other-core @ git+https://other-core.invalid/org/other-core',
    ]);
    const entry = (id: string) => `  - {module: ${id}, source: ./mods/${id}}`;
    await sb.write(
      'bundle.md',
      profileText(
        'bundle: {name: shapes, version: 1.0.0}',
        'tools:',
        entry('tool-good'),
        entry('tool-delegate'),
        entry('tool-broken'),
        'hooks:',
        entry('hooks-display'),
        entry('hook-shell'),
        entry('hook-other'),
      ),
    );
    run = sb.run(
      ['verify', '-p', 'bundle.md', '--python', venv.python, '--installer', 'pip', '--format', 'json', ...NO_INDEX],
      {
        env: PIP_ENV,
      },
    );
    report = JSON.parse(run.stdout) as Report;
  });

  it('installs every module that installs alone, and gives each failing one its own cause', () => {
    expect(run.code, describeRun(run)).toBe(1);
    const status = Object.fromEntries(report.modules.map((m) => [m.id, m.status]));
    expect(status).toEqual({
      'tool-good': 'ok',
      'tool-delegate': 'install-failed',
      'tool-broken': 'install-failed',
      'hooks-display': 'install-failed',
      'hook-shell': 'ok',
      'hook-other': 'install-failed',
    });
    const message = (id: string) => report.modules.find((m) => m.id === id)?.findings[0]?.message ?? '';
    expect(message('tool-delegate')).toMatch(
      /^needs acme-runtime-not-anywhere>=1\.2\.1, which the installer cannot find/,
    );
    expect(message('tool-broken')).toMatch(/^the vendored grammar is missing/);
    expect(message('hook-other')).toMatch(
      /^its dependency other-core \(git\+https:\/\/other-core\.invalid\/org\/other-core\) failed to build: git could not clone it/,
    );
    // Each is told its own requirement; the dependency both lack is one finding about the environment.
    expect(message('hooks-display')).toMatch(/^needs acme-runtime-not-anywhere>=0\.1, which the installer cannot find/);
    expect(report.environmentFindings).toEqual([
      expect.objectContaining({ code: 'dependency-unavailable', modules: ['tool-delegate', 'hooks-display'] }),
    ]);
    // The text says that cause once, with the two modules under it, not as two blocks of their own.
    const text = renderText(report);
    expect(text.match(/acme-runtime-not-anywhere is not in the environment/g)).toHaveLength(1);
    expect(text).not.toMatch(/^tool-delegate: install-failed$/m);
    expect(text).toMatch(/^tool-broken: install-failed$/m);
    // Nobody else is blamed for a dependency or a build that is not theirs.
    expect(message('tool-delegate')).not.toMatch(/grammar|other-core/);
  });

  it('pins the git dependency to the installed peer (pip: --no-deps, then pip check), and says so', () => {
    expect(run.stderr).toMatch(
      /installed amplifier-module-hook-shell without its dependencies \(Amplifier's rule: its git dependency is pinned to the installed peer-core 1\.0\.0\); pip check finds its other requirements met/,
    );
    expect(run.stderr).toMatch(/-m pip install --no-deps .*hook-shell/);
    // The peer was not rebuilt from git: still the one installed from its local directory.
    const freeze = spawnSync(venv.python, ['-m', 'pip', 'freeze'], { encoding: 'utf8' });
    expect(freeze.stdout).toMatch(/^peer-core @ file:/m);
    expect(freeze.stdout).not.toMatch(/git\+https:\/\/github\.invalid/);
  });

  it('costs one run per culprit at most, and every "reproduce with" command fails when run', () => {
    const runs = run.stderr.split('\n').filter((line) => /^installing \d+ modules?: /.test(line));
    // The batch, then without both wanting the missing runtime, without tool-broken, without hook-other; then
    // hook-shell without deps.
    expect(runs.length).toBeLessThanOrEqual(5);
    const commands = reproduceCommands(report);
    expect([...commands.keys()].sort()).toEqual(['hook-other', 'hooks-display', 'tool-broken', 'tool-delegate']);
    for (const [id, command] of commands) {
      const again = spawnSync('sh', ['-c', command], { encoding: 'utf8', env: { ...process.env, ...PIP_ENV } });
      expect(again.status, `${id}: ${command}`).not.toBe(0);
    }
  });
});

describe('a setuptools module built without isolation where `wheel` is missing (built CLI, real pip)', () => {
  it("names the missing 'wheel' and its fix, not 'fix the build'", async () => {
    // A venv of its own (no system site-packages): pip and setuptools, no wheel.
    const dir = join(sb.root, 'no-wheel-venv');
    const made = await nodeExec.run(BASE_PYTHON, ['-m', 'venv', dir]);
    expect(made.code, made.stderr).toBe(0);
    await project(join(sb.workspace, 'st', 'tool-st'), 'amplifier-module-tool-st', []);
    await sb.write(
      'st.md',
      profileText('bundle: {name: st, version: 1.0.0}', 'tools:', '  - {module: tool-st, source: ./st/tool-st}'),
    );
    const run = sb.run(
      ['verify', '-p', 'st.md', '--python', join(dir, 'bin', 'python'), '--installer', 'pip', ...NO_INDEX],
      {
        env: PIP_ENV,
      },
    );
    expect(run.code, describeRun(run)).toBe(1);
    expect(run.stdout).toMatch(
      /finding install-failed: setuptools cannot build an editable wheel without the 'wheel' package/,
    );
    expect(run.stdout).toMatch(/fix: install 'wheel' into the target environment \(`pip install wheel`\)/);
  });
});

describe('a bundle with a Python package of its own that its module imports (built CLI, real pip)', () => {
  it('installs the bundle package before the module, reports it as a row, and leaves it alone the next time', async () => {
    const venv = await createVenv(join(sb.root, 'kit'));
    const kit = join(sb.workspace, 'kit');
    await project(kit, 'amplifier-bundle-kit', []);
    await writeFile(join(kit, 'amplifier_bundle_kit', 'helpers.py'), 'GREETING = "hello"\n');
    // Like hook-redaction: the module depends on its bundle's package by git URL and imports it.
    await project(join(kit, 'modules', 'tool-kit'), 'amplifier-module-tool-kit', [
      'amplifier-bundle-kit @ git+https://github.invalid/org/amplifier-bundle-kit@main',
    ]);
    await writeFile(
      join(kit, 'modules', 'tool-kit', 'amplifier_module_tool_kit', '__init__.py'),
      'from amplifier_bundle_kit.helpers import GREETING\n\nasync def mount(coordinator, config):\n    return GREETING\n',
    );
    await writeFile(
      join(kit, 'bundle.md'),
      profileText(
        'bundle: {name: kit, version: 1.0.0}',
        'tools:',
        '  - {module: tool-kit, source: ./modules/tool-kit}',
      ),
    );
    const verify = () =>
      sb.run(
        [
          'verify',
          '-p',
          'kit/bundle.md',
          '--python',
          venv.python,
          '--installer',
          'pip',
          '--format',
          'json',
          ...NO_INDEX,
        ],
        {
          env: PIP_ENV,
        },
      );
    const first = verify();
    expect(first.code, describeRun(first)).toBe(0);
    const report = JSON.parse(first.stdout) as Report;
    expect(report.bundlePackages).toEqual([
      expect.objectContaining({
        name: 'amplifier-bundle-kit',
        path: kit,
        status: 'ok',
        install: { installed: true, reason: 'not installed' },
      }),
    ]);
    expect(report.modules.map((m) => m.status)).toEqual(['ok']);
    // Installed before the module: the module's git dependency was pinned to it, never fetched.
    const order = first.stderr.split('\n').filter((line) => /^installing /.test(line));
    expect(order[0]).toMatch(/-e .*\/kit$/);
    const imported = spawnSync(
      venv.python,
      ['-c', 'import amplifier_module_tool_kit, amplifier_bundle_kit; print("ok")'],
      {
        encoding: 'utf8',
      },
    );
    expect(imported.stdout.trim(), imported.stderr).toBe('ok');

    const second = verify();
    expect(second.code, describeRun(second)).toBe(0);
    expect(second.stderr).not.toMatch(/^installing /m);
    expect((JSON.parse(second.stdout) as Report).bundlePackages?.[0]?.install).toEqual({
      installed: false,
      reason: 'up to date',
    });
  });
});
