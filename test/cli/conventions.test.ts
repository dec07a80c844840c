/**
 * The CLI as pip, uv and npm users expect it, through the built dist/: a closing line that says what was done and
 * how long it took, -q/--quiet, --color with NO_COLOR/FORCE_COLOR, completion scripts that load in their shell,
 * install --dry-run, parser messages in the product's words with the command's usage, paths relative to the cwd.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { REPO_ROOT, runBuiltCli } from '../helpers/run-cli.js';
import { createVenv, type TestVenv } from '../helpers/venv.js';

const DEMO = ['-p', 'examples/profiles/demo.md'];
const ESC = '\u001b[';
const home = mkdtempSync(join(tmpdir(), 'am-conventions-'));
const env = { AMPLIFIER_HOME: home };

function shellHas(shell: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0;
}

describe('the closing line and --quiet', () => {
  it('says what was done and how long it took', () => {
    const run = runBuiltCli(['resolve', ...DEMO], { env });
    expect(run.code).toBe(0);
    expect(run.stdout.trimEnd().split('\n').pop()).toMatch(/^resolve: 4 ok, 0 failed in (\d+ms|\d+\.\ds)$/);
  });

  it('-q prints only the closing line when all is well, and the failure with it when not', () => {
    expect(runBuiltCli(['resolve', '-q', ...DEMO], { env }).stdout).toMatch(/^resolve: 4 ok, 0 failed in \S+\n$/);
    const profile = join(home, 'missing.md');
    writeFileSync(profile, '---\nprofile: {name: m}\ntools:\n  - {module: tool-gone, source: ./nowhere}\n---\n');
    const failed = runBuiltCli(['resolve', '--quiet', '-p', profile], { env });
    expect(failed.code).toBe(1);
    expect(failed.stdout.startsWith('tool-gone: unresolved\n')).toBe(true);
    expect(failed.stdout).not.toMatch(/^unresolved {2,}tool-gone/m);
    expect(failed.stdout).toMatch(/\nresolve: 0 ok, 1 failed in \S+\n$/);
  });

  it('--quiet with --verbose is a usage error', () => {
    const run = runBuiltCli(['resolve', '-q', '-v', ...DEMO], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--quiet and --verbose ask for opposite things');
  });
});

describe('--color', () => {
  const colourOf = (args: readonly string[], extra: Record<string, string> = {}) =>
    runBuiltCli(['resolve', ...DEMO, ...args], { env: { ...env, ...extra } }).stdout.includes(ESC);

  it('auto follows NO_COLOR and FORCE_COLOR; always and never decide whatever they say', () => {
    expect(colourOf([])).toBe(false);
    expect(colourOf([], { FORCE_COLOR: '1' })).toBe(true);
    expect(colourOf(['--color=auto'], { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(false);
    expect(colourOf(['--color=always'])).toBe(true);
    expect(colourOf(['--color', 'always'], { NO_COLOR: '1' })).toBe(true);
    expect(colourOf(['--color=never'], { FORCE_COLOR: '1' })).toBe(false);
    expect(runBuiltCli(['resolve', '--color=rainbow'], { env }).stderr).toContain(
      "--color must be one of auto, always, never, not 'rainbow'",
    );
  });
});

describe('completion scripts', () => {
  let scripts: Record<string, string>;
  beforeAll(() => {
    scripts = {};
    for (const shell of ['bash', 'zsh', 'fish']) {
      const run = runBuiltCli(['completion', shell]);
      expect(run.code).toBe(0);
      scripts[shell] = join(home, `completion.${shell}`);
      writeFileSync(scripts[shell] ?? '', run.stdout);
    }
  });

  /** What bash offers for the words typed so far (the last one is being completed). */
  function bashComplete(words: readonly string[]): string[] {
    const quoted = words.map((word) => `'${word}'`).join(' ');
    const script = `source '${scripts.bash}'; COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _amplifier_modules; printf '%s\\n' "\${COMPREPLY[@]}"`;
    const run = spawnSync('bash', ['-c', script], { encoding: 'utf8', cwd: REPO_ROOT });
    expect(run.stderr).toBe('');
    return run.stdout.split('\n').filter(Boolean);
  }

  it('bash: loads, completes commands, the flags of each command and their choices', () => {
    expect(spawnSync('bash', ['-c', `source '${scripts.bash}' && complete -p amplifier-modules`]).status).toBe(0);
    expect(bashComplete(['amplifier-modules', 're'])).toEqual(['resolve']);
    expect(bashComplete(['amplifier-modules', 'verify', '--inst'])).toEqual(['--installer', '--installer-arg']);
    expect(bashComplete(['amplifier-modules', 'resolve', '--fi'])).toEqual([]);
    expect(bashComplete(['amplifier-modules', 'install', '--installer', ''])).toEqual(['auto', 'uv', 'pip']);
    expect(bashComplete(['amplifier-modules', 'install', '--dry'])).toEqual(['--dry-run']);
    expect(bashComplete(['amplifier-modules', 'completion', ''])).toEqual(['bash', 'zsh', 'fish']);
  });

  it.skipIf(!shellHas('zsh'))('zsh: loads after compinit', () => {
    const run = spawnSync('zsh', ['-c', `autoload -U compinit && compinit -u && source '${scripts.zsh}'`], {
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it.skipIf(!shellHas('fish'))('fish: loads and completes the flags of a command', () => {
    const run = spawnSync('fish', ['-c', `source '${scripts.fish}'; complete -C 'amplifier-modules verify --inst'`], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('--installer');
  });

  it('an unknown shell is a usage error', () => {
    const run = runBuiltCli(['completion', 'tcsh']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('fix: run amplifier-modules completion bash|zsh|fish');
  });
});

describe('parser messages in the product’s own words, with the command’s usage', () => {
  it.each([
    [['verify', '-p'], '--profile needs a value', 'pass --profile PATH'],
    [['resolve', '--strict=yes'], '--strict takes no value', 'write --strict alone'],
    [
      ['verify', '--installer-arg', '--no-deps'],
      "--installer-arg needs a value, and '--no-deps' looks like an option",
      '--installer-arg=--no-deps',
    ],
    [['verify', '-x'], "unknown option '-x'", 'amplifier-modules --help'],
  ])('%j', (argv, message, fix) => {
    const run = runBuiltCli(argv, { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain(fix);
    expect(run.stderr).toContain(`usage: amplifier-modules ${argv[0]} [options]`);
    expect(run.stderr).not.toMatch(/Option '|argument missing|To specify/);
  });
});

describe('paths', () => {
  it('are relative to the working directory in text, absolute in JSON', () => {
    const text = runBuiltCli(['resolve', ...DEMO], { env }).stdout;
    expect(text).toContain('-> examples/modules/tool-greet\n');
    const json = JSON.parse(runBuiltCli(['resolve', ...DEMO, '--format', 'json'], { env }).stdout) as Report;
    expect(json.modules.find((m) => m.id === 'tool-greet')?.path).toBe(join(REPO_ROOT, 'examples/modules/tool-greet'));
  });
});

describe('install --dry-run', () => {
  let venv: TestVenv;
  beforeAll(async () => {
    venv = await createVenv(mkdtempSync(join(tmpdir(), 'am-dry-run-')));
  });

  it('says what would be installed and why, and installs nothing', { timeout: 120_000 }, () => {
    const args = ['install', '--dry-run', ...DEMO, '--python', venv.python, '--installer', 'pip'];
    const run = runBuiltCli(args, { env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('dry run: would install 4 module(s): loop-demo (new), context-demo (new)');
    expect(run.stdout).toContain('-> examples/modules/tool-greet  [would install: new]');
    expect(run.stdout).toMatch(/install: 4 ok, 0 failed; would install 4 \(4 new\), 0 up to date in \S+\n$/);
    const report = JSON.parse(runBuiltCli([...args, '--format', 'json'], { env }).stdout) as Report;
    expect(report.modules.map((m) => m.install)).toEqual(
      Array(4).fill({ installed: false, wouldInstall: true, reason: 'new' }),
    );
    const site = readdirSync(join(venv.dir, 'lib')).map((python) => join(venv.dir, 'lib', python, 'site-packages'));
    expect(site.flatMap((dir) => (existsSync(dir) ? readdirSync(dir) : [])).filter((f) => f.includes('demo'))).toEqual(
      [],
    );
    expect(existsSync(join(home, 'amplifier-modules', 'install-state'))).toBe(false);
  });

  it("leaves a bundle's own package uninstalled too, saying it would install it", { timeout: 120_000 }, () => {
    const kit = mkdtempSync(join(tmpdir(), 'am-dry-kit-'));
    const module = join(kit, 'modules', 'tool-dry');
    mkdirSync(join(module, 'amplifier_module_tool_dry'), { recursive: true });
    writeFileSync(join(module, 'amplifier_module_tool_dry', '__init__.py'), '');
    writeFileSync(join(module, 'pyproject.toml'), '[project]\nname = "amplifier-module-tool-dry"\nversion = "1"\n');
    writeFileSync(join(kit, 'pyproject.toml'), '[project]\nname = "amplifier-bundle-dry"\nversion = "1"\n');
    writeFileSync(
      join(kit, 'bundle.md'),
      '---\nbundle: {name: dry, version: 1.0.0}\ntools:\n  - {module: tool-dry, source: ./modules/tool-dry}\n---\n',
    );
    const args = ['install', '--dry-run', '-p', join(kit, 'bundle.md'), '--python', venv.python, '--format', 'json'];
    const run = runBuiltCli(args, { env });
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.bundlePackages?.map((row) => [row.name, row.status, row.install])).toEqual([
      ['amplifier-bundle-dry', 'ok', { installed: false, wouldInstall: true, reason: 'not installed' }],
    ]);
    expect(report.modules.map((m) => m.install)).toEqual([{ installed: false, wouldInstall: true, reason: 'new' }]);
    const site = readdirSync(join(venv.dir, 'lib')).map((python) => join(venv.dir, 'lib', python, 'site-packages'));
    expect(site.flatMap((dir) => (existsSync(dir) ? readdirSync(dir) : [])).filter((f) => f.includes('dry'))).toEqual(
      [],
    );
  });

  it('is refused by commands it does not apply to', () => {
    expect(runBuiltCli(['verify', '--dry-run', ...DEMO], { env }).stderr).toContain(
      '--dry-run does not apply to verify',
    );
  });
});
