/**
 * SIGINT, SIGTERM and SIGHUP (a closed terminal, a dropped SSH session) stop every child's process group, wait until
 * the children are reaped, remove the run's temporary directories, release its locks and exit 130, 143 or 129.
 * Clones are only ever placed by a rename, so whatever was complete stays complete. Installed by the front ends (CLI
 * and action) only.
 */
import { EXIT_CODES } from '../errors.js';
import { stopAllChildren } from './node-exec.js';
import { cleanUpInterruptedRun } from './run-cleanup.js';

type HandledSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';

const EXIT_CODE: Readonly<Record<HandledSignal, number>> = {
  SIGINT: EXIT_CODES.interruptedBySigint,
  SIGTERM: EXIT_CODES.interruptedBySigterm,
  SIGHUP: EXIT_CODES.interruptedBySighup,
};

export function exitOnSignals(stderr: (text: string) => void): void {
  let stopping = false;
  const handle = async (signal: HandledSignal): Promise<void> => {
    // A second signal while stopping changes nothing: the first is already taking everything down.
    if (stopping) return;
    stopping = true;
    const children = stopAllChildren();
    // Synchronous, before any await: temporary files and locks are gone even if the wait below is cut short.
    cleanUpInterruptedRun();
    await children;
    // The terminal may be gone (SIGHUP): a message that cannot be written must not stop the exit.
    try {
      stderr(`interrupted by ${signal}: stopped every child process and removed this run's temporary files\n`);
    } catch {
      // Nobody to tell.
    }
    process.exit(EXIT_CODE[signal]);
  };
  for (const signal of Object.keys(EXIT_CODE) as HandledSignal[]) {
    process.on(signal, () => {
      void handle(signal);
    });
  }
}
