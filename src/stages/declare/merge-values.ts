import { isDeepStrictEqual } from 'node:util';
import { isMapping } from './module-entry.js';

/**
 * Profile merge (`ProfileLoader._deep_merge_dicts`): mappings merge key by key, an explicit `null` in the child
 * removes the inherited key, anything else (scalars, lists) is replaced by the child's value.
 */
export function mergeProfileValues(parent: unknown, child: unknown): unknown {
  if (!isMapping(parent) || !isMapping(child)) return child;
  const merged: Record<string, unknown> = { ...parent };
  for (const [key, value] of Object.entries(child)) {
    if (value === null) delete merged[key];
    else merged[key] = key in parent ? mergeProfileValues(parent[key], value) : value;
  }
  return merged;
}

/**
 * Bundle merge (`Bundle.compose`): mappings merge key by key, lists concatenate without duplicates,
 * anything else takes the later value.
 */
export function mergeBundleValues(base: unknown, overlay: unknown): unknown {
  if (isMapping(base) && isMapping(overlay)) {
    const merged: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(overlay)) {
      merged[key] = key in base ? mergeBundleValues(base[key], value) : value;
    }
    return merged;
  }
  if (Array.isArray(base) && Array.isArray(overlay)) {
    const merged: unknown[] = [...base];
    for (const item of overlay) {
      if (!merged.some((existing) => isDeepStrictEqual(existing, item))) merged.push(item);
    }
    return merged;
  }
  return overlay;
}
