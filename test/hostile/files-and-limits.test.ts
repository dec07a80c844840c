/**
 * Files the system will not hand over and names longer than it allows: a settings file that is a symlink loop is an
 * error naming it (never silently no settings); CR-only line endings read as PyYAML reads them; an over-long module
 * id is bad input at its line; an over-long path is a module failure, never a crash.
 */
import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../helpers/sandbox.js';
import { describeRun, expectRefused, profileText } from './refusal.js';

let sb: Sandbox;
let cases = 0;
beforeAll(async () => {
  sb = await createSandbox();
});
afterAll(async () => {
  await sb.cleanup();
});

async function project(...lines: string[]): Promise<string> {
  cases += 1;
  const ws = join(sb.root, `project-${cases}`);
  await sb.write(join(ws, 'p.md'), profileText('profile: {name: p}', 'tools:', ...lines));
  await sb.write(join(ws, 'mod-a/tool_a/__init__.py'), '');
  return ws;
}

interface ReportModule {
  readonly id: string;
  readonly status: string;
  readonly declaredAt: { readonly file: string; readonly line: number };
}

describe('settings files that cannot be read', () => {
  it('a settings.yaml that is a symlink loop is an error naming it', async () => {
    const ws = await project('  - module: tool-a', '    source: ./mod-a');
    await mkdir(join(ws, '.amplifier'), { recursive: true });
    const file = join(ws, '.amplifier', 'settings.yaml');
    await symlink(file, file);
    await expectRefused(
      sb,
      ['resolve', '-p', 'p.md'],
      { code: 'file-unreadable', file, line: null, says: 'symbolic link that loops' },
      { cwd: ws },
    );
  });

  it('a settings.yaml linking to a file that is gone is an error too', async () => {
    const ws = await project('  - module: tool-a', '    source: ./mod-a');
    await mkdir(join(ws, '.amplifier'), { recursive: true });
    const file = join(ws, '.amplifier', 'settings.yaml');
    await symlink(join(ws, 'deleted.yaml'), file);
    await expectRefused(
      sb,
      ['resolve', '-p', 'p.md'],
      { code: 'file-unreadable', file, line: null, says: 'points to nothing' },
      { cwd: ws },
    );
  });
});

describe('CR-only line endings', () => {
  it('a profile written with lone CRs declares what the LF version declares, at the same lines', async () => {
    const lines = ['  - module: tool-a', '    source: ./mod-a', '  - module: tool-b', '    source: ./mod-a'];
    const ws = await project(...lines);
    const lf = sb.run(['resolve', '-p', 'p.md', '--format', 'json'], { cwd: ws });
    expect(lf.code, describeRun(lf)).toBe(0);
    await sb.write(join(ws, 'cr.md'), profileText('profile: {name: p}', 'tools:', ...lines).replace(/\n/g, '\r'));
    const cr = sb.run(['resolve', '-p', 'cr.md', '--format', 'json'], { cwd: ws });
    expect(cr.code, describeRun(cr)).toBe(0);
    const shape = (stdout: string) =>
      (JSON.parse(stdout) as { modules: ReportModule[] }).modules.map((m) => [m.id, m.status, m.declaredAt.line]);
    expect(shape(cr.stdout)).toEqual(shape(lf.stdout));
    expect(shape(cr.stdout)).toEqual([
      ['tool-a', 'ok', 4],
      ['tool-b', 'ok', 6],
    ]);
  });

  it('a settings file with lone CRs is read, not refused', async () => {
    const ws = await project('  - module: tool-a');
    await sb.write(join(ws, '.amplifier/settings.yaml'), `sources:\r  modules:\r    tool-a: ${join(ws, 'mod-a')}\r`);
    const run = sb.run(['resolve', '-p', 'p.md', '--format', 'json'], { cwd: ws });
    expect(run.code, describeRun(run)).toBe(0);
    expect((JSON.parse(run.stdout) as { modules: ReportModule[] }).modules[0]?.status).toBe('ok');
  });
});

describe('names longer than the system allows (ENAMETOOLONG)', () => {
  it('a 300-character module id is bad input at its line', async () => {
    const ws = await project(`  - module: tool-${'b'.repeat(300)}`, '    source: ./mod-a');
    await expectRefused(
      sb,
      ['resolve', '-p', 'p.md'],
      { code: 'invalid-module-id', file: join(ws, 'p.md'), line: 4, says: 'at most 200' },
      { cwd: ws },
    );
  });

  it('a source path with a 300-character name is a module failure, not a crash', async () => {
    const ws = await project('  - module: tool-long', `    source: ./${'c'.repeat(300)}`);
    const run = sb.run(['resolve', '-p', 'p.md', '--format', 'json'], { cwd: ws });
    expect(run.code, describeRun(run)).toBe(1);
    expect(run.stderr).not.toContain('internal error');
    const modules = (JSON.parse(run.stdout) as { modules: ReportModule[] }).modules;
    expect(modules.map((m) => m.id)).toEqual(['tool-long']);
    expect(modules[0]?.status).not.toBe('ok');
  });
});
