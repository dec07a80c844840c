import type { Diagnostic } from '../../diagnostics.js';
import type { YamlSource } from '../../yaml/yaml-document.js';

/** Top-level keys the upstream schemas know; anything else is most likely a typo. */
export const PROFILE_KEYS: readonly string[] = [
  'profile',
  'session',
  'providers',
  'tools',
  'hooks',
  'agents',
  'exclude',
  'task',
  'ui',
  'logging',
  'context',
  'system',
];

export const BUNDLE_KEYS: readonly string[] = [
  'bundle',
  'includes',
  'session',
  'providers',
  'tools',
  'hooks',
  'agents',
  'context',
  'spawn',
  'system',
  'ui',
  'task',
];

/** Warns once per unknown top-level key, at its line. */
export function warnUnknownKeys(
  src: YamlSource,
  mapping: Record<string, unknown>,
  known: readonly string[],
  what: string,
  warnings: Diagnostic[],
): void {
  for (const key of Object.keys(mapping)) {
    if (known.includes(key)) continue;
    warnings.push({
      code: 'unknown-key',
      message: `unknown top-level key '${key}' in a ${what} (ignored)`,
      file: src.file,
      line: src.lineOf([key]),
      fix: `remove it or use one of: ${known.join(', ')}`,
    });
  }
}
