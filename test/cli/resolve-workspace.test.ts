/**
 * The built CLI on real files in a temp workspace: every layer can win, the trail says what each layer found,
 * --report writes the same JSON, and auto-detection finds the workspace's bundle.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { runBuiltCli } from '../helpers/run-cli.js';

let ws: string;
let home: string;

async function put(path: string, text: string): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, text);
}

function resolveJson(extraEnv: Record<string, string> = {}, ...args: string[]) {
  const run = runBuiltCli(['resolve', '--workspace', ws, '--home', home, '--format', 'json', ...args], {
    env: { VIRTUAL_ENV: undefined, ...extraEnv },
  });
  return { run, report: run.stdout ? (JSON.parse(run.stdout) as Report) : null };
}

beforeAll(async () => {
  ws = await mkdtemp(join(tmpdir(), 'am-ws-'));
  home = join(ws, 'home');
  await put(
    join(ws, '.amplifier', 'bundle.md'),
    [
      '---',
      'bundle: {name: app, version: 1.0.0}',
      'session:',
      '  orchestrator: {module: loop-basic, source: "git+https://github.com/microsoft/amplifier-module-loop-basic@main"}',
      '  context: {module: context-simple, source: ./modules/context-simple}',
      'tools:',
      '  - module: tool-bash',
      '    source: git+https://github.com/microsoft/amplifier-module-tool-bash@main',
      '  - module: tool-local',
      '  - module: tool-settings',
      '  - module: tool-missing',
      '---',
      'instructions',
    ].join('\n'),
  );
  await put(join(ws, '.amplifier', 'modules', 'context-simple', 'pkg', '__init__.py'), '');
  await put(join(ws, '.amplifier', 'modules', 'tool-local', 'amplifier_module_tool_local', '__init__.py'), '');
  await put(join(ws, 'vendor', 'tool-settings', 'm.py'), '');
  await put(
    join(ws, '.amplifier', 'settings.yaml'),
    'sources:\n  modules:\n    tool-settings: ../vendor/tool-settings\n',
  );
  await put(join(ws, 'override', 'tool-bash', 'x.py'), '');
});

afterAll(async () => {
  await rm(ws, { recursive: true, force: true });
});

describe('resolve in a workspace (built CLI)', () => {
  it('auto-detects .amplifier/bundle.md and says which layer won for every module', () => {
    const { run, report } = resolveJson();
    expect(run.code).toBe(1);
    const layers = Object.fromEntries(report!.modules.map((m) => [m.id, m.resolution.layer]));
    expect(layers).toEqual({
      'loop-basic': 'profile',
      'context-simple': 'workspace',
      'tool-bash': 'profile',
      'tool-local': 'workspace',
      'tool-settings': 'settings',
      'tool-missing': null,
    });
    const bash = report!.modules.find((m) => m.id === 'tool-bash');
    expect(bash?.path).toBe(join(home, 'cache', 'amplifier-module-tool-bash-813c080b4c271b81'));
    const missing = report!.modules.find((m) => m.id === 'tool-missing');
    expect(missing?.status).toBe('unresolved');
    expect(missing?.resolution.trail.map((t) => t.layer)).toEqual([
      'env',
      'workspace',
      'settings',
      'collection',
      'profile',
      'package',
    ]);
    expect(missing?.fix).toContain('tool-missing');
    expect(missing?.declaredAt).toEqual({ file: join(ws, '.amplifier', 'bundle.md'), line: 11 });
  });

  it('an env override beats every other layer; a bad one is rejected and the next layer wins', () => {
    const good = resolveJson({ AMPLIFIER_MODULE_TOOL_BASH: join(ws, 'override', 'tool-bash') }).report!;
    expect(good.modules.find((m) => m.id === 'tool-bash')?.resolution.layer).toBe('env');
    const bad = resolveJson({ AMPLIFIER_MODULE_TOOL_BASH: join(ws, 'nope') }).report!;
    const bash = bad.modules.find((m) => m.id === 'tool-bash');
    expect(bash?.resolution.layer).toBe('profile');
    expect(bash?.resolution.trail[0]).toMatchObject({ layer: 'env', outcome: 'rejected' });
    expect(bash?.resolution.trail[0]?.detail).toContain(join(ws, 'nope'));
  });

  it('text output prints the trail and the fix for the unresolved module; --report writes the same JSON', async () => {
    const reportFile = join(ws, 'report.json');
    const run = runBuiltCli(['resolve', '-w', ws, '--home', home, '--report', reportFile], {
      env: { VIRTUAL_ENV: undefined },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^unresolved\s+tool-missing/m);
    expect(run.stdout).toContain('resolution trail:');
    expect(run.stdout).toMatch(/6\. package\s+(not-set|skipped)/);
    expect(run.stdout).toContain('fix: ');
    const written = JSON.parse(await readFile(reportFile, 'utf8')) as Report;
    expect(written.version).toBe(1);
    expect(written.command).toBe('resolve');
    expect(written.modules).toHaveLength(6);
  });

  it('exit 0 when every module resolves', async () => {
    const profile = join(ws, 'ok.yaml');
    await writeFile(profile, 'profile: {name: ok}\ntools:\n  - {module: tool-local}\n');
    const { run, report } = resolveJson({}, '--profile', profile);
    expect(run.code).toBe(0);
    expect(report!.ok).toBe(true);
  });
});
