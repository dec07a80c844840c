/**
 * `@actions/cache` never throws on service trouble: it prints `::warning::` / `::error::` lines itself and returns
 * "nothing". For one outage that is several warnings on the run page, one of them a false "another job may be creating
 * this cache". While one toolkit call runs, its own messages (recognised by their fixed openings) are taken off the
 * step's output, kept as `::debug::` lines, and handed back as typed trouble, so the caller says it once in its own
 * words. Every other line passes through untouched.
 */

export type TroubleKind =
  | 'restore-failed'
  | 'save-failed'
  | 'reservation-refused'
  | 'reservation-failed'
  /** Not trouble: the service found an entry (an info line, left in the log), so a later failure is the entry's. */
  | 'entry-found';

export interface ToolkitTrouble {
  readonly kind: TroubleKind;
  /** The toolkit's message without its opening (`Failed to restore: `). */
  readonly message: string;
}

const OPENINGS: ReadonlyArray<readonly [RegExp, TroubleKind]> = [
  [/^(Cache hit for(?: restore-key)?: .*)$/, 'entry-found'],
  [/^::(?:warning|error)::Failed to restore: (.*)$/, 'restore-failed'],
  [/^::warning::Cache reservation failed: (.*)$/, 'reservation-refused'],
  // An info line: the reservation request itself failed (the service is down), worded as if another job held it.
  [/^Failed to save: (Unable to reserve cache with key .*)$/, 'reservation-failed'],
  [/^::(?:warning|error)::Failed to save: (.*)$/, 'save-failed'],
];

/** A workflow command's data as the toolkit escapes it (`%25`, `%0D`, `%0A`), back to text. */
function unescapeData(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

function classify(line: string): ToolkitTrouble | null {
  for (const [pattern, kind] of OPENINGS) {
    const match = pattern.exec(line);
    // The first line is the cause; the toolkit's further lines are advice on self-hosted runners.
    if (match) return { kind, message: unescapeData(match[1] ?? '').split(/\r?\n/)[0] ?? '' };
  }
  return null;
}

type Write = typeof process.stdout.write;

/** Runs one toolkit call with its trouble lines caught. Calls run one after the other, never overlapping. */
export async function catchToolkitTrouble<T>(run: () => Promise<T>): Promise<{ result: T; trouble: ToolkitTrouble[] }> {
  const trouble: ToolkitTrouble[] = [];
  const original: Write = process.stdout.write;
  const filtered = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const kept = text
      .split(/(?<=\n)/)
      .map((line) => {
        const found = classify(line.replace(/\r?\n$/, ''));
        if (found) trouble.push(found);
        if (!found || found.kind === 'entry-found') return line;
        return `::debug::${line.replace(/^::(?:warning|error)::/, '')}`;
      })
      .join('');
    return (original as (chunk: string, ...rest: unknown[]) => boolean).call(process.stdout, kept, ...rest);
  };
  process.stdout.write = filtered as Write;
  try {
    return { result: await run(), trouble };
  } finally {
    process.stdout.write = original;
  }
}
