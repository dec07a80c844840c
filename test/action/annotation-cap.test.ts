import { describe, expect, it } from 'vitest';
import { inActionTerms, valueInActionTerms } from '../../src/action/action-wording.js';
import { capAnnotations } from '../../src/action/annotation-cap.js';
import { failureAnnotations } from '../../src/report/annotations.js';
import { Redactor } from '../../src/secrets.js';
import { reportOf, unresolvedModule } from './report-fixtures.js';

function failures(count: number) {
  const report = reportOf(Array.from({ length: count }, (_, index) => unresolvedModule(`tool-${index}`, 10 + index)));
  return failureAnnotations(report, '/ws', new Redactor());
}

describe('capAnnotations', () => {
  it('keeps every annotation while they fit beside the failure message', () => {
    expect(capAnnotations(failures(9))).toEqual(failures(9));
  });

  it('24 failures: 8 at their lines and one naming the other 16, leaving room for the failure message', () => {
    const capped = capAnnotations(failures(24));
    expect(capped).toHaveLength(9);
    expect(capped.slice(0, 8).map((a) => a.line)).toEqual([10, 11, 12, 13, 14, 15, 16, 17]);
    const summary = capped[8];
    expect(summary?.file).toBeNull();
    expect(summary?.title).toBe('amplifier-modules: 16 more failed modules');
    expect(summary?.message).toContain('tool-8 unresolved, tool-9 unresolved');
    expect(summary?.message).toContain('tool-23 unresolved');
    expect(summary?.message).toContain('job summary');
  });
});

describe('inActionTerms', () => {
  it('names the inputs instead of the CLI flags', () => {
    expect(inActionTerms('run without --offline once (amplifier-modules warm) so x@main is fetched')).toBe(
      'run once with offline: false (command: warm) so x@main is fetched',
    );
    expect(inActionTerms('x@main: not in the module cache; --offline forbids fetching')).toBe(
      'x@main: not in the module cache; offline: true forbids fetching',
    );
    expect(inActionTerms('pass --python <interpreter> if it is installed there')).toBe(
      'set python: <interpreter> if it is installed there',
    );
    expect(inActionTerms('or pass --installer pip')).toBe('or pass installer: pip');
    expect(inActionTerms('amplifier-modules doctor --fix')).toBe('amplifier-modules doctor --fix');
  });

  it('rewrites every string of a report and nothing else', () => {
    const report = reportOf([unresolvedModule('tool-a', 3)]);
    const changed = valueInActionTerms({ ...report, warnings: [{ code: 'x', message: 'use --offline', line: 4 }] });
    expect(changed.warnings).toEqual([{ code: 'x', message: 'use offline: true', line: 4 }]);
    expect(changed.modules).toEqual(report.modules);
  });
});
