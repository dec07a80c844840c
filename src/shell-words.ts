/** For messages only: a word quoted so a POSIX shell reads it back unchanged, so a printed fix can be pasted. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
