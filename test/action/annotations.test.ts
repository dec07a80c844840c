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
    expect(first?.message.split('\n')[0]).toBe("Module 'tool-custom' (tool) could not be resolved by any layer.");
    expect(first?.message).toContain('  package (rejected): neither');
    expect(first?.message).toContain('Fix: add `source:');
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
    expect(annotation?.message).toContain(
      "Module 'tool-x' (tool) (agent foundation:bug-hunter) has an editable install",
    );
    expect(annotation?.message).toContain('pth-target-missing: /gone does not exist');
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
