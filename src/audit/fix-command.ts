/** The exact command that reinstalls one editable module, for a finding's `fix`. */
import { buildInstallCommand, formatCommandLine } from '../install/install-command.js';

export type FixInstaller = 'uv' | 'pip';

export function reinstallFix(installer: FixInstaller, python: string, dir: string): string {
  return formatCommandLine(buildInstallCommand({ installer, python, dirs: [dir] }));
}
