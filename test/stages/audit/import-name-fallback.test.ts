/**
 * Modules without an `amplifier.modules` entry point are real: amplifier-core's loader falls back to importing
 * `amplifier_module_<id with - as _>` and calling its `mount`. Fixtures in the shape of the python-dev bundle's
 * `tool-python-check` / `hooks-python-check` (hatchling, a package named by the convention, no entry points),
 * installed editable into a real venv; verify and doctor run by the built CLI must agree on every one of them.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../helpers/sandbox.js';
import { createVenv, OFFLINE_PIP_ARGS, type TestVenv } from '../../helpers/venv.js';
import { describeRun, profileText } from '../../hostile/refusal.js';

let sb: Sandbox;
let venv: TestVenv;

interface Finding {
  readonly code: string;
  readonly message: string;
}
interface ReportModule {
  readonly id: string;
  readonly status: string;
  readonly findings: readonly Finding[];
}

/** A module project like python-dev's: hatchling, no entry points, the package under its conventional name. */
async function writeFallbackModule(id: string, options: { packageName?: string; body?: string } = {}): Promise<string> {
  const dir = join(sb.workspace, 'modules', id);
  const packageName = options.packageName ?? `amplifier_module_${id.replace(/-/g, '_')}`;
  await mkdir(join(dir, packageName), { recursive: true });
  await writeFile(
    join(dir, 'pyproject.toml'),
    [
      '[project]',
      `name = "amplifier-module-${id}"`,
      'version = "0.1.0"',
      'requires-python = ">=3.9"',
      'dependencies = []',
      '',
      '[build-system]',
      'requires = ["hatchling"]',
      'build-backend = "hatchling.build"',
      '',
      '[tool.hatch.build]',
      'dev-mode-dirs = ["."]',
      '',
      '[tool.hatch.build.targets.wheel]',
      `packages = ["${packageName}"]`,
      '',
    ].join('\n'),
  );
  const mount = 'async def mount(coordinator, config=None):\n    return None\n';
  await writeFile(join(dir, packageName, '__init__.py'), `"""${id}"""\n${options.body ?? mount}`);
  return dir;
}

beforeAll(async () => {
  sb = await createSandbox({ tools: 'pass' });
  venv = await createVenv(sb.root);
  await writeFallbackModule('tool-lint-check');
  await writeFallbackModule('hooks-lint-check');
  await writeFallbackModule('hooks-no-mount', { body: 'def helper():\n    return None\n' });
  await writeFallbackModule('tool-misnamed', { packageName: 'misnamed_tool' });
  const entries = ['tool-lint-check', 'tool-misnamed'].map((id) => `  - {module: ${id}, source: ./modules/${id}}`);
  const hooks = ['hooks-lint-check', 'hooks-no-mount'].map((id) => `  - {module: ${id}, source: ./modules/${id}}`);
  await sb.write('dev.md', profileText('profile: {name: dev}', 'tools:', ...entries, 'hooks:', ...hooks));
});

afterAll(async () => {
  await rm(sb.root, { recursive: true, force: true });
});

function run(command: 'verify' | 'doctor', ...extra: string[]) {
  const args = [command, '-p', 'dev.md', '--python', venv.python, '--installer', 'pip', '--format', 'json', ...extra];
  const result = sb.run([...args, ...OFFLINE_PIP_ARGS.map((arg) => `--installer-arg=${arg}`)], {
    env: { PIP_DISABLE_PIP_VERSION_CHECK: '1' },
  });
  const report = JSON.parse(result.stdout) as { modules: ReportModule[] };
  const byId = new Map(report.modules.map((m) => [m.id, m]));
  return { result, byId };
}

const codes = (module: ReportModule | undefined) => module?.findings.map((f) => f.code) ?? [];

describe('modules amplifier-core loads by their import name', () => {
  it('verify: ok with a note on how each is loaded; a package under another name is a mismatch', () => {
    const { result, byId } = run('verify');
    expect(result.code, describeRun(result)).toBe(1);
    for (const id of ['tool-lint-check', 'hooks-lint-check', 'hooks-no-mount']) {
      expect(byId.get(id)?.status, id).toBe('ok');
      expect(codes(byId.get(id))).toEqual(['loaded-by-import-name']);
    }
    expect(byId.get('tool-lint-check')?.findings[0]?.message).toContain(
      "amplifier-core will load it by importing 'amplifier_module_tool_lint_check' and calling its mount",
    );
    expect(byId.get('tool-misnamed')?.status).toBe('entry-point-mismatch');
    expect(byId.get('tool-misnamed')?.findings[0]?.message).toContain("cannot import 'amplifier_module_tool_misnamed'");
  });

  it('verify --import also requires mount, which amplifier-core calls', () => {
    const { byId } = run('verify', '--import');
    expect(byId.get('tool-lint-check')?.status).toBe('ok');
    expect(byId.get('hooks-no-mount')?.status).toBe('import-error');
    expect(codes(byId.get('hooks-no-mount'))).toEqual(['mount-missing']);
  });

  it('doctor gives every one of them the same status and findings as verify, with and without --import', () => {
    for (const extra of [[], ['--import']]) {
      const verify = run('verify', '--no-install', ...extra).byId;
      const doctor = run('doctor', ...extra).byId;
      for (const id of ['tool-lint-check', 'hooks-lint-check', 'hooks-no-mount', 'tool-misnamed']) {
        expect({ id, status: doctor.get(id)?.status, codes: codes(doctor.get(id)) }).toEqual({
          id,
          status: verify.get(id)?.status,
          codes: codes(verify.get(id)),
        });
      }
    }
  });

  it('the text output says how an ok module will be loaded', () => {
    const args = ['verify', '--no-install', '-p', 'dev.md', '--python', venv.python];
    const text = sb.run(args).stdout;
    expect(text).toMatch(/^note: tool-lint-check: .*amplifier-core will load it by importing/m);
  });
});
