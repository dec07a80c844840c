/**
 * uv when it is on PATH (what the Amplifier CLI itself uses), else pip through the target interpreter;
 * `--installer uv|pip` forces one.
 */

import { InputError } from '../../errors.js';
import { CLI_WORDING, type Wording } from '../../options/option-wording.js';
import type { Env, FileSystem } from '../../ports.js';
import { findOnPath } from '../../python/choose-python.js';
import type { InstallerName } from './install-command.js';

/** `--installer`: one of the installers, or `auto` to pick (uv when it is on PATH). */
export type InstallerChoice = 'auto' | InstallerName;

export interface SelectedInstaller {
  readonly installer: InstallerName;
  /** The uv executable when uv was selected. */
  readonly uv: string | null;
}

export async function selectInstaller(
  choice: InstallerChoice,
  env: Env,
  fs: FileSystem,
  platform: NodeJS.Platform = process.platform,
  w: Wording = CLI_WORDING,
): Promise<SelectedInstaller> {
  if (choice === 'pip') return { installer: 'pip', uv: null };
  const uv = await findOnPath('uv', env, fs, platform === 'win32');
  if (uv) return { installer: 'uv', uv };
  if (choice === 'uv') {
    throw new InputError('usage', `${w.set('installer', 'uv')}: uv is not on PATH`, {
      fix: `install uv (e.g. astral-sh/setup-uv in a workflow) or ${w.give('installer', 'pip')}`,
    });
  }
  return { installer: 'pip', uv: null };
}
