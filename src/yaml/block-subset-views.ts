/**
 * The two views `yaml-document` gives of a parsed file, built from a text the block subset read: the same values
 * and the same lines the YAML library's document gives for that text (a differential test holds them equal).
 */
import type { SubsetNode } from './block-subset-values.js';
import type { LocatedValue, YamlPath } from './yaml-types.js';

export function subsetPlainValue(node: SubsetNode): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'list':
      return node.items.map(subsetPlainValue);
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const entry of node.entries) out[entry.key] = subsetPlainValue(entry.value);
      return out;
    }
  }
}

/** A sequence index as the library takes one on the way down a path: a whole number, or a string of one. */
function itemIndex(step: string | number): number | null {
  const index = typeof step === 'string' && step !== '' ? Number(step) : step;
  return typeof index === 'number' && Number.isInteger(index) && index >= 0 ? index : null;
}

function childAt(node: SubsetNode | undefined, step: string | number): SubsetNode | undefined {
  if (node?.kind === 'map') return node.entries.find((entry) => entry.key === step)?.value;
  if (node?.kind === 'list') {
    const index = itemIndex(step);
    return index === null ? undefined : node.items[index];
  }
  return undefined;
}

/**
 * Where `path` was written, as the library's document answers it: the key's line in a mapping, the item's line in a
 * sequence (a number only), else the nearest ancestor that exists, else the document's first node.
 */
export function subsetLineOf(root: SubsetNode, path: YamlPath): number {
  for (let length = path.length; length > 0; length--) {
    let parent: SubsetNode | undefined = root;
    for (const step of path.slice(0, length - 1)) parent = childAt(parent, step);
    const last = path[length - 1];
    if (parent?.kind === 'map') {
      const entry = parent.entries.find((candidate) => candidate.key === String(last));
      if (entry) return entry.line;
    } else if (parent?.kind === 'list' && typeof last === 'number') {
      const item = parent.items[last];
      if (item) return item.line;
    }
  }
  return root.line;
}

/** The located tree of `yaml-document` for settings files. */
export function subsetLocated(node: SubsetNode, file: string, lineOffset: number): LocatedValue {
  const line = node.line + lineOffset;
  switch (node.kind) {
    case 'scalar':
      return { kind: 'scalar', file, line, value: node.value };
    case 'list':
      return { kind: 'list', file, line, items: node.items.map((item) => subsetLocated(item, file, lineOffset)) };
    case 'map': {
      const entries = new Map(
        node.entries.map((entry) => [
          entry.key,
          { key: entry.key, line: entry.line + lineOffset, value: subsetLocated(entry.value, file, lineOffset) },
        ]),
      );
      return { kind: 'map', file, line, entries };
    }
  }
}
