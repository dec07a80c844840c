/**
 * The one way a YAML file is read (profiles, bundles, agents, settings): parsed as PyYAML reads it, since that is
 * what Amplifier loads these files with, so an error or a value can be reported as `<file>:<line>`. Two views of the
 * parsed document:
 * - `YamlSource`: one file's plain value and the line of any path in it (declarations, which may use aliases and
 *   `<<` merges, so the value is what the YAML library builds);
 * - `LocatedValue`: a tree whose every node keeps its file and line (settings, whose three files are merged key by
 *   key, so the line that decided a value must travel with the value).
 * Every text is read by the YAML library in its YAML 1.1 mode with PyYAML's rules (yaml-library.ts), loaded on
 * first need.
 */
import type { LocatedValue, YamlSource } from './yaml-types.js';

export type { LocatedEntry, LocatedValue, Origin, YamlPath, YamlSource } from './yaml-types.js';

/**
 * One file's value and lines. `lineOffset` is the number of file lines before the YAML text (front matter starts
 * after `---`). A syntax error is bad input at its line.
 */
export async function parseYamlSource(file: string, text: string, lineOffset: number): Promise<YamlSource> {
  return (await import('./yaml-library.js')).libraryYamlSource(file, text, lineOffset);
}

/** Parses YAML text into a located tree; an empty document is an empty mapping. Aliases are refused. */
export async function parseLocatedYaml(text: string, file: string): Promise<LocatedValue> {
  return (await import('./yaml-library.js')).libraryLocatedYaml(text, file);
}

/** The plain JavaScript value of a located node (for source objects handed to `parseSource`). */
export function toPlain(node: LocatedValue): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'list':
      return node.items.map(toPlain);
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const [key, entry] of node.entries) out[key] = toPlain(entry.value);
      return out;
    }
  }
}

/** amplifier-config's deep merge: mappings merge key by key; lists and scalars of the higher scope replace. */
export function mergeLocated(lower: LocatedValue, higher: LocatedValue): LocatedValue {
  if (lower.kind !== 'map' || higher.kind !== 'map') return higher;
  const entries = new Map(lower.entries);
  for (const [key, entry] of higher.entries) {
    const previous = entries.get(key);
    entries.set(key, previous ? { ...entry, value: mergeLocated(previous.value, entry.value) } : entry);
  }
  return { ...higher, entries };
}
