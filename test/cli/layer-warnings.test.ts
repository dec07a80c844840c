/**
 * Layer warnings reach the report through the built CLI: a rejected `AMPLIFIER_MODULE_<ID>` is a warning in the JSON
 * report and the text output, `--strict` fails on it, and a module declared twice warns once.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { runBuiltCli } from '../helpers/run-cli.js';

let root: string;
let profile: string;
const missing = '/nonexistent/tool-local';

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'am-warn-'));
  await mkdir(join(root, 'mods', 'tool-local', 'amplifier_module_tool_local'), { recursive: true });
  await writeFile(join(root, 'mods', 'tool-local', 'amplifier_module_tool_local', '__init__.py'), '');
  profile = join(root, 'profile.md');
  await writeFile(
    profile,
    '---\nprofile: {name: p}\ntools:\n  - module: tool-local\n    source: ./mods/tool-local\nhooks:\n  - module: tool-local\n    source: ./mods/tool-local\n---\n',
  );
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function resolve(...extra: string[]) {
  return runBuiltCli(['resolve', '-p', profile, '--workspace', root, '--home', join(root, 'home'), ...extra], {
    cwd: root,
    env: { HOME: root, AMPLIFIER_MODULE_TOOL_LOCAL: missing },
  });
}

describe('a rejected AMPLIFIER_MODULE_<ID>', () => {
  it('is a warning in the report, once, while the next layer resolves the module', () => {
    const run = resolve('--format', 'json');
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.modules.map((m) => m.resolution.layer)).toEqual(['profile', 'profile']);
    const rejected = report.warnings.filter((w) => w.code === 'env-source-rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.message).toBe(`AMPLIFIER_MODULE_TOOL_LOCAL=${missing} rejected: ${missing} does not exist`);
    expect(rejected[0]?.fix).toBe('point AMPLIFIER_MODULE_TOOL_LOCAL at a module directory or unset it');
  });

  it('is printed in the text output', () => {
    const run = resolve();
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`warning: AMPLIFIER_MODULE_TOOL_LOCAL=${missing} rejected`);
  });

  it('fails the run with --strict', () => {
    const run = resolve('--strict', '--format', 'json');
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as Report).ok).toBe(false);
  });
});
