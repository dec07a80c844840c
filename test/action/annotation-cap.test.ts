import { describe, expect, it } from 'vitest';
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
