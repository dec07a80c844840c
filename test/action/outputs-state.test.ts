import { describe, expect, it } from 'vitest';
import { diagnosticFromError, formatDiagnostic } from '../../src/action/error-report.js';
import { actionOutputs, OUTPUT_NAMES } from '../../src/action/outputs.js';
import { decideSave, postStateEntries, privilegedEvent, readPostState } from '../../src/action/state.js';
import type { PlannedSave, SaveSkipReason } from '../../src/ci-cache/cache-plan.js';
import { InputError } from '../../src/errors.js';
import { errorReport } from '../../src/report/build-report.js';
import { okModule, reportOf, unresolvedModule } from './report-fixtures.js';

describe('actionOutputs', () => {
  it('sets every output from the report', () => {
    const report = reportOf([okModule('tool-bash'), unresolvedModule('tool-custom', 3)]);
    const outputs = actionOutputs(report, '/tmp/r/report.json');
    expect(Object.keys(outputs).sort()).toEqual([...OUTPUT_NAMES].sort());
    expect(outputs.ok).toBe('false');
    expect(outputs['cache-hit']).toBe('true');
    expect(outputs['cache-key']).toBe('amplifier-modules-linux-x64-abc123');
    expect(outputs['cache-matched-key']).toBe('amplifier-modules-linux-x64-abc123');
    expect(outputs.report).toBe('/tmp/r/report.json');
    expect(JSON.parse(outputs.modules)).toEqual([
      {
        id: 'tool-bash',
        layer: 'profile',
        source: 'git+https://github.com/microsoft/amplifier-module-tool-bash@main',
        commit: '0123456789abcdef0123456789abcdef01234567',
        path: '/home/u/.amplifier/cache/amplifier-module-tool-bash-813c080b4c271b81',
        status: 'ok',
      },
      { id: 'tool-custom', layer: null, source: null, commit: null, path: null, status: 'unresolved' },
    ]);
  });

  it("says cache-hit 'true' only for an exact key", () => {
    for (const hit of ['partial', 'miss', 'off', 'unavailable'] as const) {
      const report = reportOf([okModule('a')], {
        cache: { key: 'k', matchedKey: hit === 'partial' ? 'k-old' : null, hit },
      });
      const outputs = actionOutputs(report, '');
      expect(outputs['cache-hit']).toBe('false');
      expect(outputs['cache-matched-key']).toBe(hit === 'partial' ? 'k-old' : '');
    }
  });

  it('covers an error report: ok false, empty cache fields, no modules', () => {
    const report = errorReport('warm', diagnosticFromError(new InputError('usage', 'bad', { fix: 'do x' })));
    const outputs = actionOutputs(report, '/r.json');
    expect(outputs).toEqual({
      ok: 'false',
      'cache-hit': 'false',
      'cache-key': '',
      'cache-matched-key': '',
      modules: '[]',
      report: '/r.json',
      locked: 'false',
    });
  });
});

describe('error reports', () => {
  it('carries an input error with its location and fix', () => {
    const diagnostic = diagnosticFromError(
      new InputError('yaml-syntax', 'bad indentation', { file: 'p.md', line: 4, fix: 'indent by two' }),
    );
    expect(diagnostic).toEqual({
      code: 'yaml-syntax',
      message: 'bad indentation',
      file: 'p.md',
      line: 4,
      fix: 'indent by two',
    });
    expect(formatDiagnostic(diagnostic, '/ws')).toBe('p.md:4: bad indentation. Fix: indent by two');
  });

  it('turns anything else into an internal diagnostic', () => {
    const diagnostic = diagnosticFromError(new TypeError('x is undefined'));
    expect(diagnostic.code).toBe('internal');
    expect(diagnostic.message).toBe('unexpected failure: x is undefined');
    expect(errorReport('verify', diagnostic).warnings).toEqual([diagnostic]);
  });
});

describe('post state', () => {
  const plan = {
    key: 'p-linux-h',
    restoreKeys: ['p-linux-'],
    paths: ['/h/.amplifier/cache/a-1', '/h/b c'],
    commits: { '/h/.amplifier/cache/a-1': 'a'.repeat(40), '/h/b c': 'b'.repeat(40) },
    mode: 'read-write' as const,
    save: { kind: 'save', key: 'p-linux-h' } as PlannedSave,
  };

  function roundTrip(changes: Partial<typeof plan> = {}) {
    const saved = new Map(postStateEntries({ ...plan, ...changes }));
    return readPostState((name) => saved.get(name) ?? '');
  }

  it("hands key, paths, commits and the plan's save decision over unchanged", () => {
    const { restoreKeys: _unused, mode: _mode, ...handed } = plan;
    expect(roundTrip()).toEqual(handed);
    for (const reason of ['restore-only', 'exact-hit', 'fetch-failed'] as const) {
      expect(roundTrip({ save: { kind: 'skip', reason } })?.save).toEqual({ kind: 'skip', reason });
    }
  });

  it('saves a planned set without an exact hit, outside restore-only, on ordinary events', () => {
    expect(decideSave(roundTrip(), { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/main' })).toEqual({
      save: true,
    });
    const skip = (reason: SaveSkipReason) => roundTrip({ save: { kind: 'skip', reason } });
    expect(decideSave(skip('exact-hit'), {})).toMatchObject({ save: false, notice: false });
    expect(decideSave(skip('restore-only'), {})).toMatchObject({
      save: false,
      reason: 'restore-only: true',
    });
    expect(decideSave(skip('fetch-failed'), {})).toMatchObject({ save: false, notice: false });
    expect(
      decideSave(
        readPostState(() => ''),
        {},
      ),
    ).toMatchObject({
      save: false,
      reason: expect.stringContaining('no cache plan'),
    });
  });

  it('never saves on the events setup-uv refuses, and says so as a notice', () => {
    for (const env of [
      { GITHUB_EVENT_NAME: 'pull_request_target' },
      { GITHUB_EVENT_NAME: 'workflow_run' },
      { GITHUB_EVENT_NAME: 'release' },
      { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/tags/v1.0.0' },
    ]) {
      expect(privilegedEvent(env), env.GITHUB_EVENT_NAME).not.toBeNull();
      expect(decideSave(roundTrip(), env)).toMatchObject({ save: false, notice: true });
    }
    expect(privilegedEvent({ GITHUB_EVENT_NAME: 'pull_request' })).toBeNull();
  });

  it('treats malformed paths or commits as no state', () => {
    const state = new Map([
      ['cache-key', 'k'],
      ['cache-paths', '{not json'],
    ]);
    expect(readPostState((name) => state.get(name) ?? '')).toBeNull();
    const saved = new Map(postStateEntries(plan));
    saved.set('cache-commits', '["a"]');
    expect(readPostState((name) => saved.get(name) ?? '')).toBeNull();
  });
});
