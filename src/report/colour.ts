/**
 * Colour for status words, only where a person reads a terminal: on when the stream is a TTY (or FORCE_COLOR is set),
 * off with NO_COLOR (https://no-color.org) or when the output is piped or redirected. The front end decides; the
 * renderers take a Paint and stay pure.
 */
import type { Env } from '../ports.js';

export type Tone = 'good' | 'bad' | 'warn';
export type Paint = (text: string, tone: Tone) => string;

const CODES: Record<Tone, string> = { good: '32', bad: '31', warn: '33' };

export const plain: Paint = (text) => text;
export const ansi: Paint = (text, tone) => `\u001b[${CODES[tone]}m${text}\u001b[39m`;

/**
 * `--color always|never` decides; with `auto` (the default) NO_COLOR (any non-empty value) wins, FORCE_COLOR (not "0")
 * turns colour on without a terminal, else a terminal gets colour.
 */
export function wantsColour(env: Env, isTerminal: boolean, choice: 'auto' | 'always' | 'never' = 'auto'): boolean {
  if (choice !== 'auto') return choice === 'always';
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return isTerminal;
}

export function paintFor(env: Env, isTerminal: boolean, choice: 'auto' | 'always' | 'never' = 'auto'): Paint {
  return wantsColour(env, isTerminal, choice) ? ansi : plain;
}
