// Realistic benchmark fixtures: module repositories in the three layouts Amplifier modules use (setuptools flat,
// setuptools src/, hatchling), a profile declaring the first N of them as git sources, and a venv per N.
// Each repository has branch `main` and branch `rotated` at the same commit (another ref, another cache directory).
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const BASE_PYTHON = '/usr/bin/python3';
export const LAYOUTS = ['setuptools-flat', 'setuptools-src', 'hatchling'];
export const ROTATED_REF = 'rotated';

// A fixed identity and no user or system config, so fixtures are the same on every machine.
export const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.invalid',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.error || result.status !== 0) {
    const why = result.error ? String(result.error) : `exit ${result.status}\n${result.stdout}\n${result.stderr}`;
    throw new Error(`${command} ${args.join(' ')} failed: ${why}`);
  }
  return result.stdout;
}

/** The i-th module (0-based): id, names and layout. */
export function moduleAt(index) {
  const id = `tool-b${String(index + 1).padStart(3, '0')}`;
  return {
    id,
    repo: `amplifier-module-${id}`,
    distName: `amplifier-module-${id}`,
    importName: `amplifier_module_${id.replace(/-/g, '_')}`,
    layout: LAYOUTS[index % LAYOUTS.length],
  };
}

function write(path, text) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

function pyproject(module) {
  const project = `[project]\nname = "${module.distName}"\nversion = "0.1.0"\ndescription = "benchmark module ${module.id}"\nrequires-python = ">=3.9"\n`;
  const entryPoint = `\n[project.entry-points."amplifier.modules"]\n"${module.id}" = "${module.importName}:mount"\n`;
  switch (module.layout) {
    case 'setuptools-flat':
      return `[build-system]\nrequires = ["setuptools>=64"]\nbuild-backend = "setuptools.build_meta"\n\n${project}${entryPoint}\n[tool.setuptools]\npackages = ["${module.importName}"]\n`;
    case 'setuptools-src':
      return `[build-system]\nrequires = ["setuptools>=64"]\nbuild-backend = "setuptools.build_meta"\n\n${project}${entryPoint}\n[tool.setuptools.packages.find]\nwhere = ["src"]\n`;
    case 'hatchling':
      // Debian ships no `editables`; dev-mode-dirs makes hatchling write a plain path .pth instead.
      return `[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n\n${project}${entryPoint}\n[tool.hatch.build]\ndev-mode-dirs = ["."]\n\n[tool.hatch.build.targets.wheel]\npackages = ["${module.importName}"]\n`;
    default:
      throw new Error(`unknown layout ${module.layout}`);
  }
}

/** Writes and commits one module repository on branch main; returns its directory. */
export function makeModuleRepo(reposDir, module) {
  const dir = join(reposDir, module.repo);
  const packageDir = join(dir, module.layout === 'setuptools-src' ? 'src' : '', module.importName);
  write(
    join(packageDir, '__init__.py'),
    `"""Benchmark module ${module.id}."""\n\nfrom .tool import BenchTool\n\n\nasync def mount(coordinator, config):\n    await coordinator.mount("tools", BenchTool(config or {}), name="${module.id}")\n`,
  );
  write(
    join(packageDir, 'tool.py'),
    `class BenchTool:\n    name = "${module.id}"\n\n    def __init__(self, config):\n        self.config = config\n\n    async def execute(self, payload):\n        return {"tool": self.name, "echo": payload}\n`,
  );
  write(join(dir, 'pyproject.toml'), pyproject(module));
  write(join(dir, 'README.md'), `# ${module.repo}\n\nA generated module for the amplifier-modules benchmarks.\n`);
  write(join(dir, 'tests', 'test_tool.py'), `def test_name():\n    assert "${module.id}"\n`);
  run('git', ['init', '--quiet', '--initial-branch=main', dir], { env: GIT_ENV });
  run('git', ['-C', dir, 'add', '-A'], { env: GIT_ENV });
  run('git', ['-C', dir, 'commit', '--quiet', '-m', `${module.id}: initial`], { env: GIT_ENV });
  run('git', ['-C', dir, 'branch', ROTATED_REF], { env: GIT_ENV });
  return dir;
}

/** The profile declaring modules 0..n-1, every one a git source served by the daemon on `port`. */
export function profileText(n, port) {
  const lines = [
    '---',
    'profile:',
    `  name: bench-${n}`,
    '  version: 1.0.0',
    `  description: ${n} generated modules served by git daemon`,
    'tools:',
  ];
  for (let i = 0; i < n; i += 1) {
    const module = moduleAt(i);
    lines.push(`  - module: ${module.id}`, `    source: git+git://127.0.0.1:${port}/${module.repo}@main`);
  }
  lines.push('---', 'Benchmark profile.', '');
  return lines.join('\n');
}

/** A fresh venv at `dir`. --system-site-packages: Debian's pip, setuptools and hatchling live there. */
export function newVenv(dir) {
  rmSync(dir, { recursive: true, force: true });
  run(BASE_PYTHON, ['-m', 'venv', '--system-site-packages', '--without-pip', dir]);
  return join(dir, 'bin', 'python');
}

/**
 * One N: a workspace with `.amplifier/profiles/bench.md`, an Amplifier home, a venv, and `modules.txt` (one
 * `repo import_name` line per module, what the naive scripts read).
 */
export function makeScenario(root, n, port) {
  const dir = join(root, `n${n}`);
  const workspace = join(dir, 'workspace');
  const profile = join(workspace, '.amplifier', 'profiles', 'bench.md');
  write(profile, profileText(n, port));
  const home = join(dir, 'home');
  mkdirSync(home, { recursive: true });
  const venv = join(dir, 'venv');
  const modules = join(dir, 'modules.txt');
  const lines = Array.from({ length: n }, (_, i) => `${moduleAt(i).repo} ${moduleAt(i).importName}\n`);
  write(modules, lines.join(''));
  return { n, dir, workspace, profile, home, venv, python: newVenv(venv), modules, cache: join(home, 'cache') };
}
