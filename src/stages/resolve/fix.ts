/**
 * One concrete fix line for a module that no layer resolved: the first thing worth doing, chosen by the typed
 * reason each layer recorded (never by parsing its words) (a rejected override is fixed before anything else, because the user clearly meant it).
 */

import { join } from 'node:path';
import type { Declaration, Resolution, TrailEntry } from '../../model.js';
import { CLI_WORDING, type Wording } from '../../options/option-wording.js';
import { commandText } from '../../shell-words.js';
import { envVariableName } from './layers/env-layer.js';
import { packageCandidates } from './layers/package-layer.js';

function entry(resolution: Resolution, layer: TrailEntry['layer']): TrailEntry | undefined {
  return resolution.trail.find((item) => item.layer === layer);
}

function addSourceHint(declaration: Declaration): string {
  const at = `${declaration.declaredAt.file}:${declaration.declaredAt.line}`;
  return `add \`source: git+https://github.com/<org>/amplifier-module-${declaration.id}@main\` to the '${declaration.id}' entry at ${at}`;
}

export function suggestFix(declaration: Declaration, resolution: Resolution, w: Wording = CLI_WORDING): string {
  const { id } = declaration;
  if (resolution.layer !== null) return `nothing to fix: '${id}' resolved through the ${resolution.layer} layer`;

  const env = entry(resolution, 'env');
  if (env?.reason?.kind === 'not-usable')
    return `set ${envVariableName(id)} to an existing module directory or git URI, or unset it (${env.detail})`;

  const workspace = entry(resolution, 'workspace');
  const workspaceDir = join('.amplifier', 'modules', id);
  if (workspace?.reason?.kind === 'uninitialised-submodule')
    return `run \`${commandText(['git', 'submodule', 'update', '--init', '--', workspaceDir])}\` in the workspace`;
  if (workspace?.outcome === 'rejected')
    return `replace ${workspaceDir} with a directory inside the workspace, or remove it (${workspace.detail})`;

  const settings = entry(resolution, 'settings')?.reason;
  if (settings?.kind === 'not-usable') {
    const where = settings.file ? `${settings.file}:${settings.line ?? 1}` : 'the settings file';
    return `fix the override at ${where}: it must name an existing module directory or a git URI`;
  }

  const profile = entry(resolution, 'profile')?.reason;
  if (profile?.kind === 'not-usable')
    return `fix the source of '${id}' at ${declaration.declaredAt.file}:${declaration.declaredAt.line}: ${profile.problem}`;

  const pkg = entry(resolution, 'package');
  const [, prefixed] = packageCandidates(id);
  if (pkg?.reason?.kind === 'no-environment')
    return `${addSourceHint(declaration)}, or ${w.give('python', '<interpreter>')} if '${prefixed}' is installed there`;
  return `${addSourceHint(declaration)}, or set sources.modules.${id} in .amplifier/settings.yaml, or install '${prefixed}' into the target environment`;
}
