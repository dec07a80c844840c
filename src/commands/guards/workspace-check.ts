/**
 * The workspace is where the workspace layer and the project's settings are read and where the interpreter runs
 * (a shim picks its version there). One that does not exist is a typo, not an empty workspace: without this check
 * the interpreter could not even be started there, and the run would blame the interpreter.
 */
import { InputError } from '../../errors.js';
import type { FileSystem } from '../../ports.js';

export async function checkWorkspace(fs: FileSystem, workspace: string): Promise<void> {
  if ((await fs.stat(workspace))?.isDirectory) return;
  throw new InputError('usage', `workspace ${workspace}: no such directory`, {
    fix: 'point --workspace (-w; the action input workspace) at the project directory that holds .amplifier/, or leave it out to use the current directory',
  });
}
