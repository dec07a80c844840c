import { describe, expect, it } from 'vitest';
import { annotationPath, failureAnnotations } from '../../src/report/annotations.js';
import { Redactor } from '../../src/secrets.js';
import { okModule, reportOf, unresolvedModule } from './report-fixtures.js';

describe('failureAnnotations', () => {
  it('gives each failed module one annotation at its declaring line, relative to the workspace', () => {
    const report = reportOf([
      okModule('tool-bash'),
      unresolvedModule('tool-custom', 14),
      unresolvedModule('hook-y', 21),
    ]);
    const annotations = failureAnnotations(report, '/ws', new Redactor());
    expect(annotations.map((a) => [a.file, a.line])).toEqual([
      ['.amplifier/profiles/dev.md', 14],
      ['.amplifier/profiles/dev.md', 21],
    ]);
    const first = annotations[0];
    expect(first?.title).toBe('amplifier-modules: tool-custom unresolved');
    // One line: what failed and why, then the fix; the trail is in the summary.
    expect(first?.message).toBe(
      "tool-custom could not be resolved by any layer: neither 'tool-custom' nor 'amplifier-module-tool-custom' is installed. Fix: add `source: git+https://github.com/microsoft/amplifier-module-tool-custom@main` to the entry",
    );
  });

  it('names the agent, lists findings, and has no location when the declaration is unknown', () => {
    const module = okModule('tool-x', {
      agent: 'foundation:bug-hunter',
      declaredAt: null,
      status: 'dangling',
      findings: [{ code: 'pth-target-missing', message: '/gone does not exist' }],
      fix: 'amplifier-modules doctor --fix',
    });
    const [annotation] = failureAnnotations(reportOf([module]), '/ws', new Redactor());
    expect(annotation?.file).toBeNull();
    expect(annotation?.line).toBeNull();
    expect(annotation?.message).toBe(
      'tool-x (agent foundation:bug-hunter) has an editable install whose target is gone: /gone does not exist. Fix: amplifier-modules doctor --fix',
    );
  });

  it('names files inside the workspace relative to it', () => {
    const module = okModule('tool-x', {
      status: 'install-failed',
      findings: [{ code: 'install-failed', message: 'pyproject.toml at /ws/vendor/x is invalid' }],
      fix: 'fix /ws/vendor/x/pyproject.toml',
    });
    const [annotation] = failureAnnotations(reportOf([module]), '/ws', new Redactor());
    expect(annotation?.message).toBe(
      'tool-x failed to install: pyproject.toml at vendor/x is invalid. Fix: fix vendor/x/pyproject.toml',
    );
  });

  it('redacts credentials', () => {
    const redactor = new Redactor();
    redactor.add('ghp_abcdefghijklmnopqrstuvwxyz0123');
    const module = okModule('tool-p', {
      status: 'fetch-failed',
      fix: 'git clone https://user:pw@github.com/org/p failed with ghp_abcdefghijklmnopqrstuvwxyz0123',
    });
    const [annotation] = failureAnnotations(reportOf([module]), '/ws', redactor);
    expect(annotation?.message).not.toContain('pw@');
    expect(annotation?.message).not.toContain('ghp_');
  });
});

describe('annotationPath', () => {
  it('makes paths inside the workspace relative and leaves others as they are', () => {
    expect(annotationPath('/ws/profiles/a.md', '/ws')).toBe('profiles/a.md');
    expect(annotationPath('/elsewhere/a.md', '/ws')).toBe('/elsewhere/a.md');
    expect(annotationPath('/ws-other/a.md', '/ws')).toBe('/ws-other/a.md');
    expect(annotationPath('profiles/a.md', '/ws')).toBe('profiles/a.md');
  });
});
