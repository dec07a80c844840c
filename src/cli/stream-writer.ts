/**
 * Writing to stdout or stderr after the reader went away (`amplifier-modules verify | head`) must not end the run with
 * Node's unhandled 'error' stack trace. The reader chose to stop reading; the run's verdict still stands, so the exit
 * code stays the verdict's (a `set -o pipefail` pipeline still sees a failed module). Any write error on these
 * streams (EPIPE, EIO from a closed terminal) stops further writes to that stream: there is nowhere left to say it.
 */
import type { Writable } from 'node:stream';

export function streamWriter(stream: Writable): (text: string) => void {
  let closed = false;
  stream.on('error', () => {
    closed = true;
  });
  return (text) => {
    if (closed || stream.destroyed) return;
    stream.write(text);
  };
}
