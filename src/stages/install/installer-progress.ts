/**
 * What a person watching a long install sees: the installer's own output line by line at debug level (`-v`, or the
 * action's debug log), and a heartbeat at info level while it runs, so a quiet five-minute build is not mistaken for
 * a hang.
 */
import type { Logger } from '../../ports.js';

export const DEFAULT_HEARTBEAT_MS = 15_000;

export interface InstallerWatch {
  /** Feed each chunk of the installer's output here as it arrives. */
  readonly onOutput: (text: string) => void;
  /** Flushes the last partial line and stops the heartbeat. */
  readonly stop: () => void;
}

export function watchInstaller(logger: Logger, heartbeatMs: number): InstallerWatch {
  let partial = '';
  let beats = 0;
  const heartbeat = setInterval(() => {
    beats += 1;
    logger.info(`still installing (${Math.round((beats * heartbeatMs) / 1000)} s so far)`);
  }, heartbeatMs);
  heartbeat.unref();
  const emit = (line: string): void => {
    const trimmed = line.replace(/\r$/, '');
    if (trimmed.trim() !== '') logger.debug(`installer: ${trimmed}`);
  };
  return {
    onOutput(text) {
      const lines = `${partial}${text}`.split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) emit(line);
    },
    stop() {
      clearInterval(heartbeat);
      if (partial !== '') emit(partial);
      partial = '';
    },
  };
}

/** `AMPLIFIER_MODULES_HEARTBEAT_SECONDS` from the passed environment, else the default; a bad value is ignored. */
export function heartbeatMsFrom(value: string | undefined): number {
  const seconds = value === undefined ? Number.NaN : Number(value);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_HEARTBEAT_MS;
}
