/**
 * The core writes its fixes for the CLI (`--offline`, `--python PATH`). In a workflow the same switches are the
 * step's inputs, so the annotations, the job summary and the report the action publishes say `offline: true`,
 * `python: PATH` instead: a fix must name what the reader can change.
 */

const REWRITES: ReadonlyArray<readonly [RegExp, string]> = [
  [/run without --offline once \(amplifier-modules warm\)/g, 'run once with offline: false (command: warm)'],
  [/run once without --offline/g, 'run once with offline: false'],
  [/without --offline/g, 'with offline: false'],
  [/--offline\b/g, 'offline: true'],
  [/\b(?:pass|give) --python\b/g, 'set python:'],
  [/--python\b/g, 'python:'],
  [/--installer (uv|pip)\b/g, 'installer: $1'],
  [/--import-check\b/g, 'import-check: true'],
  [/--home\b/g, 'amplifier-home:'],
  [/\bamplifier-modules (warm|install|verify|resolve)\b(?! --)/g, 'command: $1'],
];

/** One text in the action's terms. */
export function inActionTerms(text: string): string {
  return REWRITES.reduce((result, [pattern, replacement]) => result.replace(pattern, replacement), text);
}

/** Every string in a JSON-shaped value (a report) in the action's terms. */
export function valueInActionTerms<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (_key, item: unknown) =>
    typeof item === 'string' ? inActionTerms(item) : item,
  ) as T;
}
