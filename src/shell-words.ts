/**
 * Commands printed as fixes are pasted into a shell, so every word is quoted the POSIX way: a word of only safe
 * characters stays as it is, anything else goes in single quotes (a `'` inside as `'\''`). Pasting the text runs
 * exactly these words; a ref or path holding `$(...)`, backquotes, `;` or a newline runs nothing.
 */

const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function shellQuote(word: string): string {
  if (SAFE_WORD.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The words as one command line to paste. */
export function commandText(words: readonly string[]): string {
  return words.map(shellQuote).join(' ');
}
