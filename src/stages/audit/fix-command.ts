/** The exact command that reinstalls one editable module, for a finding's `fix`. */
import { buildInstallCommand, formatCommandLine, type InstallerName } from '../install/install-command.js';

export function reinstallFix(installer: InstallerName, python: string, dir: string): string {
  return formatCommandLine(buildInstallCommand({ installer, python, dirs: [dir] }));
}
