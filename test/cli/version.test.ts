import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VERSION } from '../../src/version.js';
import { REPO_ROOT, runBuiltCli } from '../helpers/run-cli.js';

describe('the built CLI', () => {
  it('--version prints the package version', () => {
    const pkg = JSON.parse(readFileSync(`${REPO_ROOT}/package.json`, 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
    const run = runBuiltCli(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(pkg.version);
  });

  it('--help lists every command and exits 0', () => {
    const run = runBuiltCli(['--help']);
    expect(run.code).toBe(0);
    for (const command of ['resolve', 'warm', 'install', 'verify', 'doctor', 'prune'])
      expect(run.stdout).toContain(`  ${command} `);
  });

  it('a usage error exits 2 with the fix and no stack trace', () => {
    const run = runBuiltCli(['resolve', '--format', 'yaml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("error[invalid-option]: --format must be one of text, json, not 'yaml'");
    expect(run.stderr).toContain('fix:');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('--report into a missing directory is a usage error before any work starts', () => {
    const run = runBuiltCli(['resolve', '-p', 'examples/profiles/demo.md', '--report', '/nonexistent-dir/r.json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'error[usage]: --report /nonexistent-dir/r.json: the directory /nonexistent-dir does not exist',
    );
    expect(run.stdout).toBe('');
  });

  it('--namespace naming a missing directory is a usage error', () => {
    const run = runBuiltCli([
      'resolve',
      '-p',
      'examples/profiles/demo.md',
      '--namespace',
      'foundation=/nonexistent-ns',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error[usage]: --namespace foundation=/nonexistent-ns: no such directory');
  });
});
