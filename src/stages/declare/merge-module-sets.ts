import type { Diagnostic } from '../../diagnostics.js';
import { mergeBundleValues, mergeProfileValues } from './merge-values.js';
import {
  isMapping,
  LIST_KEYS,
  type ListKey,
  type ModuleEntry,
  type ModuleSet,
  SLOT_KEYS,
  type SlotKey,
} from './module-entry.js';

/** The two upstream merge policies: profiles (extends) and bundles (includes). */
export type MergePolicy = 'profile' | 'bundle';

function entryKey(data: Readonly<Record<string, unknown>>, fallback: string): string {
  const id = data.id;
  if (typeof id === 'string' && id !== '') return id;
  const module = data.module;
  return typeof module === 'string' ? module : fallback;
}

function mergeEntryData(policy: MergePolicy, parent: ModuleEntry, child: ModuleEntry): Record<string, unknown> {
  if (policy === 'bundle') return mergeBundleValues(parent.data, child.data) as Record<string, unknown>;
  // merge_module_items: every key but config is the child's; config deep-merges; absent keys are kept.
  const merged: Record<string, unknown> = { ...parent.data, ...child.data };
  if (isMapping(parent.data.config) && isMapping(child.data.config)) {
    merged.config = mergeProfileValues(parent.data.config, child.data.config);
  }
  return merged;
}

function mergeEntry(policy: MergePolicy, parent: ModuleEntry, child: ModuleEntry): ModuleEntry {
  const data = mergeEntryData(policy, parent, child);
  return {
    key: entryKey(data, parent.key),
    data,
    at: child.at,
    sourceDir: 'source' in child.data ? child.sourceDir : parent.sourceDir,
  };
}

/**
 * `session.orchestrator`/`session.context` merge as plain dicts upstream, not by module id: a child that names a
 * different module without a source inherits the parent's source and config. Reproduced, with a warning.
 */
function mergeSlot(
  policy: MergePolicy,
  slot: SlotKey,
  parent: ModuleEntry | null,
  child: ModuleEntry | null,
  warnings: Diagnostic[],
): ModuleEntry | null {
  if (child === null) return parent;
  if (parent === null) return child;
  const merged: ModuleEntry =
    policy === 'profile'
      ? {
          key: '',
          data: mergeProfileValues(parent.data, child.data) as Record<string, unknown>,
          at: child.at,
          sourceDir: 'source' in child.data ? child.sourceDir : parent.sourceDir,
        }
      : mergeEntry('bundle', parent, child);
  const childModule = child.data.module;
  const parentModule = parent.data.module;
  const parentSource = parent.data.source;
  if (
    typeof childModule === 'string' &&
    childModule !== parentModule &&
    !('source' in child.data) &&
    parentSource !== undefined &&
    parentSource !== null
  ) {
    warnings.push({
      code: 'session-source-inherited',
      message: `session.${slot} changes the module from '${String(parentModule)}' to '${childModule}' but gives no source: Amplifier merges session by key, so '${childModule}' inherits '${String(parentModule)}''s source ${JSON.stringify(parentSource)}${'config' in parent.data && !('config' in child.data) ? ' and config' : ''}`,
      file: child.at.file,
      line: child.at.line,
      fix: `add a source for '${childModule}' in session.${slot}`,
    });
  }
  return { ...merged, key: entryKey(merged.data, '') };
}

/** Merges module lists by key (`id` else `module`): parent order kept, new keys appended in child order. */
export function mergeModuleLists(
  policy: MergePolicy,
  parent: readonly ModuleEntry[],
  child: readonly ModuleEntry[],
): ModuleEntry[] {
  const merged = [...parent];
  for (const entry of child) {
    const index = merged.findIndex((existing) => existing.key === entry.key);
    if (index < 0) merged.push(entry);
    else merged[index] = mergeEntry(policy, merged[index] as ModuleEntry, entry);
  }
  return merged;
}

/** Applies `child` on top of `parent` with the given policy. */
export function mergeModuleSets(
  policy: MergePolicy,
  parent: ModuleSet,
  child: ModuleSet,
  warnings: Diagnostic[],
): ModuleSet {
  const slots = Object.fromEntries(
    SLOT_KEYS.map((slot) => [slot, mergeSlot(policy, slot, parent[slot], child[slot], warnings)]),
  ) as Record<SlotKey, ModuleEntry | null>;
  const lists = Object.fromEntries(
    LIST_KEYS.map((key) => [key, mergeModuleLists(policy, parent[key], child[key])]),
  ) as Record<ListKey, ModuleEntry[]>;
  return { ...slots, ...lists };
}
