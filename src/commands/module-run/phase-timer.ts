/**
 * Where a run's time goes, phase by phase, in the debug log (`--verbose`): `timing: <phase> <ms> ms`, so a user sees
 * what a slow run waited for.
 */
import type { Clock, Logger } from '../../ports.js';

/** Each call logs the time since the previous call (or since the timer was made) under `phase`. */
export function phaseTimer(clock: Clock, logger: Logger): (phase: string) => void {
  let last = clock.now();
  return (phase) => {
    const now = clock.now();
    logger.debug(`timing: ${phase} ${Math.round(now - last)} ms`);
    last = now;
  };
}
