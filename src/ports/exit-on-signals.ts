/**
 * SIGINT and SIGTERM stop every child's process group, remove the run's temporary directories, release its locks
 * and exit 130 or 143. Clones are only ever placed by a rename, so whatever was complete stays complete. Installed by
 * the front ends (CLI and action) only.
 */
import { EXIT_CODES } from '../errors.js';
import { stopAllChildren } from './node-exec.js';
import { cleanUpInterruptedRun } from './run-cleanup.js';

export function exitOnSignals(stderr: (text: string) => void): void {
  const handle = (signal: 'SIGINT' | 'SIGTERM'): void => {
    stopAllChildren();
    cleanUpInterruptedRun();
    stderr(`interrupted by ${signal}: stopped every child process and removed this run's temporary files\n`);
    process.exit(signal === 'SIGINT' ? EXIT_CODES.interruptedBySigint : EXIT_CODES.interruptedBySigterm);
  };
  process.once('SIGINT', () => handle('SIGINT'));
  process.once('SIGTERM', () => handle('SIGTERM'));
}
