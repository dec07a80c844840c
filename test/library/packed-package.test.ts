/**
 * The package as a new user gets it: `npm pack`, install the tarball into a fresh project, then use it as a library
 * (the README's library examples as written, type-checked strictly and run, as an ES module and with require()) and
 * as a CLI, and check what the install pulled in.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fencedBlocks } from '../helpers/readme-blocks.js';
import { expectValidOutput } from '../helpers/report-schema.js';
import { REPO_ROOT } from '../helpers/run-cli.js';

const TSC = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
let root: string;
let project: string;
let tarball: string;

function run(command: string, args: readonly string[], cwd = project) {
  const result = spawnSync(command, [...args], {
    cwd,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      npm_config_cache: process.env.npm_config_cache,
      AMPLIFIER_HOME: join(root, 'amplifier-home'),
      PIP_DISABLE_PIP_VERSION_CHECK: '1',
    },
    timeout: 240_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Strict type-checking as a consumer's project does it, with the package's own types. */
function typeCheck(files: readonly string[]) {
  const result = run(process.execPath, [
    TSC,
    '--noEmit',
    '--strict',
    '--allowJs',
    '--checkJs',
    '--target',
    'es2022',
    '--module',
    'nodenext',
    '--moduleResolution',
    'nodenext',
    '--types',
    'node',
    '--typeRoots',
    join(REPO_ROOT, 'node_modules', '@types'),
    ...files,
  ]);
  return { code: result.code, output: result.stdout + result.stderr };
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'am-packed-'));
  project = join(root, 'consumer');
  mkdirSync(join(project, 'modules', 'tool-hello', 'amplifier_module_tool_hello'), { recursive: true });
  writeFileSync(join(project, 'modules', 'tool-hello', 'amplifier_module_tool_hello', '__init__.py'), '');
  writeFileSync(
    join(project, 'profile.md'),
    '---\nprofile: {name: consumer}\ntools:\n  - module: tool-hello\n    source: ./modules/tool-hello\n---\n',
  );
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  // lib/ and dist/ are fresh: the suite runs after `npm run build`, so the pack needs no scripts of its own.
  const packed = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', root], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  tarball = join(root, packed.trim().split('\n').pop() ?? '');
  // The README's library examples, as written, run from a project holding a copy of the repository's examples.
  cpSync(join(REPO_ROOT, 'examples'), join(project, 'examples'), { recursive: true });
  const venv = join(root, 'demo-venv');
  execFileSync('/usr/bin/python3', ['-m', 'venv', '--system-site-packages', '--without-pip', venv]);
  const library = fencedBlocks(join(REPO_ROOT, 'README.md')).filter((block) => block.section === 'Library API');
  const esm = library.find((block) => block.lang === 'ts');
  const cjs = library.find((block) => block.lang === 'js');
  if (!esm || !cjs) throw new Error("README's Library API lost its ts or js example");
  // The one rewrite: the quick start's venv under /tmp becomes this test's own.
  const own = (text: string) => text.replaceAll('/tmp/demo-venv', venv);
  writeFileSync(join(project, 'example.mts'), own(esm.text));
  writeFileSync(join(project, 'example.mjs'), own(esm.text));
  writeFileSync(join(project, 'example.cjs'), own(cjs.text));
  const install = run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball]);
  expect(install.code, install.stderr).toBe(0);
  // Nothing runs at install time, so npm has no install script to warn the user about.
  expect(install.stderr).not.toContain('install-scripts');
}, 300_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the packed package', () => {
  it('ships the library, the CLI bundle and the schema, not the action', () => {
    const files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).split('\n');
    expect(files).toContain('package/lib/index.js');
    expect(files).toContain('package/lib/index.d.ts');
    expect(files).toContain('package/dist/cli/index.js');
    expect(files).toContain('package/schema/report.schema.json');
    const action = files.filter((file) => /^package\/(dist\/(main|post)|lib\/(action|cli)\/|action\.yml)/.test(file));
    expect(action).toEqual([]);
  });

  it('pulls in only itself and its two parsers, yaml and smol-toml', () => {
    const installed = readdirSync(join(project, 'node_modules')).filter((name) => !name.startsWith('.'));
    expect(installed.sort()).toEqual(['amplifier-modules', 'smol-toml', 'yaml']);
  });

  it("type-checks the README's library examples strictly, ES module and CommonJS", { timeout: 240_000 }, () => {
    const tsc = typeCheck(['example.mts', 'example.cjs']);
    expect(tsc.output).toBe('');
    expect(tsc.code).toBe(0);
  });

  it("runs the README's ES module example as written: resolve, then verify into a venv", { timeout: 240_000 }, () => {
    const result = run(process.execPath, ['example.mjs']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`tool-greet profile ${join(project, 'examples', 'modules', 'tool-greet')}`);
    expect(result.stdout).toMatch(/verify: 4 ok, 0 failed/);
  });

  it("runs the README's CommonJS example as written", () => {
    const result = run(process.execPath, ['example.cjs']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe('true');
  });

  it('a misspelt key fails type-checking and throws a typed error at run time', { timeout: 240_000 }, () => {
    const call = "await verify({ profile: ['examples/profiles/demo.md'] });";
    writeFileSync(join(project, 'misspelt.mts'), `import { verify } from 'amplifier-modules';\n${call}\n`);
    writeFileSync(
      join(project, 'misspelt.mjs'),
      `import { verify } from 'amplifier-modules';\ntry {\n  ${call}\n} catch (e) {\n  console.log(e.name, e.code, e.suggestion);\n}\n`,
    );
    const tsc = typeCheck(['misspelt.mts']);
    expect(tsc.code).not.toBe(0);
    expect(tsc.output).toMatch(/error TS2561: .*'profile' does not exist in type .*Did you mean to write 'profiles'\?/);
    const result = run(process.execPath, ['misspelt.mjs']);
    expect(result.stdout.trim()).toBe('InputError unknown-option profiles');
    const command = run(process.execPath, [
      '-e',
      "require('amplifier-modules').runCommand('nope').catch((e) => console.log(e.name, e.code))",
    ]);
    expect(command.stdout.trim()).toBe('InputError unknown-command');
  });

  it('loads the schema and the version with require()', () => {
    const script = `const lib = require('amplifier-modules');
const schema = require('amplifier-modules/report.schema.json');
console.log(JSON.stringify({ version: lib.VERSION, commands: lib.COMMANDS, schema: schema.title }));`;
    const result = run(process.execPath, ['-e', script]);
    expect(result.code, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(out.commands).toEqual(['resolve', 'warm', 'install', 'verify', 'doctor', 'prune', 'lock']);
    expect(out.schema).toMatch(/amplifier-modules JSON output/);
  });

  it('runs its CLI from node_modules/.bin', () => {
    const bin = join(project, 'node_modules', '.bin', 'amplifier-modules');
    const result = run(bin, ['resolve', '-p', 'profile.md', '--home', 'home', '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    expect(expectValidOutput(result.stdout)).toMatchObject({ command: 'resolve', ok: true });
    expect(run(bin, ['help', 'resolve']).stdout).toContain('usage: amplifier-modules resolve');
  });
});
