/**
 * The trail as text lines, in the spirit of amplifier-module-resolution's "Resolution attempted" list, but each
 * line says what the layer really found.
 */
import type { LayerName, Resolution } from '../model.js';

const LAYER_TITLES: Readonly<Record<LayerName, string>> = {
  env: 'Environment',
  workspace: 'Workspace',
  settings: 'Settings',
  collection: 'Collections',
  profile: 'Profile',
  package: 'Package',
};

export function layerTitle(layer: LayerName): string {
  return LAYER_TITLES[layer];
}

/** `  1. Environment: not-set - AMPLIFIER_MODULE_TOOL_X is not set`, one line per layer tried. */
export function formatTrail(resolution: Resolution, indent = '  '): string[] {
  return resolution.trail.map(
    (entry, index) => `${indent}${index + 1}. ${LAYER_TITLES[entry.layer]}: ${entry.outcome} - ${entry.detail}`,
  );
}
