/**
 * The package as a new user gets it: `npm pack`, install the tarball into a fresh project, then use it as a library
 * (import and require, with types for both) and as a CLI, and check what the install pulled in.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    env: { PATH: process.env.PATH, HOME: process.env.HOME, npm_config_cache: process.env.npm_config_cache },
    timeout: 240_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
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

  it('pulls in only itself, yaml and smol-toml', () => {
    const installed = readdirSync(join(project, 'node_modules')).filter((name) => !name.startsWith('.'));
    expect(installed.sort()).toEqual(['amplifier-modules', 'smol-toml', 'yaml']);
  });

  it('imports as an ES module and resolves a profile in a few lines', () => {
    const script = `import { runCommand } from 'amplifier-modules';
const report = await runCommand('resolve', { profiles: ['profile.md'], home: 'home' });
console.log(JSON.stringify(report));`;
    const result = run(process.execPath, ['--input-type=module', '-e', script]);
    expect(result.code, result.stderr).toBe(0);
    const report = expectValidOutput(result.stdout);
    expect(report).toMatchObject({ command: 'resolve', ok: true });
    expect(report.modules?.map((m) => [m.id, m.path])).toEqual([
      ['tool-hello', join(project, 'modules', 'tool-hello')],
    ]);
  });

  it('loads with require() and refuses an option the command does not take', () => {
    const script = `const lib = require('amplifier-modules');
const schema = require('amplifier-modules/report.schema.json');
let refused = null;
try { lib.pipelineOptions('resolve', { fix: true }); } catch (error) { refused = error.code + ': ' + error.message; }
console.log(JSON.stringify({ version: lib.VERSION, commands: lib.COMMANDS, schema: schema.title, refused }));`;
    const result = run(process.execPath, ['-e', script]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toContain('ERR_');
    const out = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(out.commands).toEqual(['resolve', 'warm', 'install', 'verify', 'doctor', 'prune', 'lock']);
    expect(out.schema).toMatch(/amplifier-modules JSON output/);
    expect(out.refused).toBe("usage: option 'fix' does not apply to resolve");
  });

  it('type-checks for an ES module and for a CommonJS consumer', { timeout: 240_000 }, () => {
    writeFileSync(
      join(project, 'use.mts'),
      `import { runCommand, type Report } from 'amplifier-modules';
export const report: Promise<Report> = runCommand('verify', { profiles: ['profile.md'], importCheck: true });
`,
    );
    writeFileSync(
      join(project, 'use.cts'),
      `import lib = require('amplifier-modules');
export const options: lib.PipelineOptions = lib.pipelineOptions('resolve', { profiles: ['profile.md'] });
`,
    );
    const tsc = run(process.execPath, [
      TSC,
      '--noEmit',
      '--strict',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--types',
      'node',
      '--typeRoots',
      join(REPO_ROOT, 'node_modules', '@types'),
      'use.mts',
      'use.cts',
    ]);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.code).toBe(0);
  });

  it('runs its CLI from node_modules/.bin', () => {
    const bin = join(project, 'node_modules', '.bin', 'amplifier-modules');
    const result = run(bin, ['resolve', '-p', 'profile.md', '--home', 'home', '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    expect(expectValidOutput(result.stdout)).toMatchObject({ command: 'resolve', ok: true });
    expect(run(bin, ['help', 'resolve']).stdout).toContain('usage: amplifier-modules resolve');
  });
});
