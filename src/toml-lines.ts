/**
 * One `key = value` out of a TOML or INI file (pyproject.toml, setup.cfg, amplifier.toml), read line by line: the
 * project needs a single value from each of these files, so it carries no TOML parser. Only `[section]` headers
 * and `key = value` lines at the start of a line count; a value is quoted with `"` or `'`, or (when `bare` allows,
 * as INI does) written bare up to white space or `#`.
 */
export function valueInSections(
  text: string,
  key: string,
  sections: readonly string[],
  { bare }: { readonly bare: boolean },
): string | null {
  const quoted = `(?:"([^"]*)"|'([^']*)'${bare ? '|([^#\\s]+)' : ''})`;
  const assignment = new RegExp(`^${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*=\\s*${quoted}`);
  let current = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const header = /^\[([^\]]+)\]/.exec(line);
    if (header?.[1] !== undefined) {
      current = header[1].trim();
      continue;
    }
    if (!sections.includes(current)) continue;
    const match = assignment.exec(line);
    const value = match?.[1] ?? match?.[2] ?? match?.[3];
    if (value) return value;
  }
  return null;
}
