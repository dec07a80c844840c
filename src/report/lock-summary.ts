/** `lock`'s closing lines: each change to the lock file (old -> new), then whether the file was written. */
import type { LockChange, ReportLock } from './report.js';

function changeLine(change: LockChange): string {
  switch (change.kind) {
    case 'added':
      return `  added ${change.entry}: ${change.to ?? ''}`;
    case 'removed':
      return `  removed ${change.entry} (was ${change.from ?? ''})`;
    case 'changed':
      return `  changed ${change.entry}: ${change.from ?? ''} -> ${change.to ?? ''}`;
    case 're-pinned':
      return `  re-pinned ${change.entry}: ${change.from?.slice(0, 12) ?? '-'} -> ${change.to?.slice(0, 12) ?? '-'}`;
  }
}

export function lockSummary(lock: ReportLock, ok: boolean): string[] {
  if (!ok) return [`lock: ${lock.file} not written: every module must resolve (and, with --strict, no warning) first`];
  const lines = lock.changes.map(changeLine);
  const count = `${lock.changes.length} change(s)`;
  lines.push(lock.written ? `lock: wrote ${lock.file} (${count})` : `lock: ${lock.file} is up to date`);
  return lines;
}
