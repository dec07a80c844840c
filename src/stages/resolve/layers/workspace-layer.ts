/**
 * Layer 2: `<workspace>/.amplifier/modules/<id>/`, a checkout a developer keeps next to the project. Skipped when
 * it is missing, when it is an uninitialised submodule (`.git` is a file and there is no Python), or when it
 * holds no Python at all (with a warning: it is probably not what the user meant). A symlink that leads out of
 * the workspace is rejected: a project must not redirect a module to an arbitrary place on the machine.
 */
import { join } from 'node:path';
import { isWithin } from '../../../source/path-within.js';
import type { Layer, LayerAttempt } from '../layer.js';
import { containsPython } from '../local-directory.js';

export function workspaceModuleDir(workspace: string, id: string): string {
  return join(workspace, '.amplifier', 'modules', id);
}

const PLAIN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export const workspaceLayer: Layer = {
  name: 'workspace',
  async attempt(declaration, ctx): Promise<LayerAttempt> {
    const shown = join('.amplifier', 'modules', declaration.id);
    if (!PLAIN_ID.test(declaration.id) || declaration.id.includes('..'))
      return { outcome: 'rejected', detail: `module id '${declaration.id}' is not a plain directory name` };
    const dir = workspaceModuleDir(ctx.workspace, declaration.id);
    const link = await ctx.fs.lstat(dir);
    if (!link) return { outcome: 'not-set', detail: `${shown} does not exist` };
    const real = await ctx.fs.realpath(dir);
    if (!real) return { outcome: 'rejected', detail: `${shown} is a symlink to a path that does not exist` };
    const workspaceReal = (await ctx.fs.realpath(ctx.workspace)) ?? ctx.workspace;
    if (!isWithin(real, workspaceReal))
      return {
        outcome: 'rejected',
        detail: `${shown} is a symlink to ${real}, outside the workspace ${workspaceReal}`,
      };
    const stat = await ctx.fs.stat(real);
    if (!stat?.isDirectory) return { outcome: 'rejected', detail: `${shown} is a file, not a directory` };
    const hasPython = await containsPython(ctx.fs, real);
    if (!hasPython) {
      const gitFile = await ctx.fs.lstat(join(real, '.git'));
      if (gitFile?.isFile)
        return {
          outcome: 'skipped',
          detail: `${shown} is an uninitialised git submodule (.git is a file and there are no .py files)`,
          reason: { kind: 'uninitialised-submodule' },
        };
      const detail = `${shown} exists but contains no .py files`;
      const warning = {
        code: 'workspace-module-empty',
        message: `${detail}; the workspace layer ignores it`,
        file: dir,
        fix: `put the module's code in ${shown} or remove the directory`,
      };
      return { outcome: 'skipped', detail, reason: { kind: 'no-python-files' }, warnings: [warning] };
    }
    const where = real === dir ? shown : `${shown} (-> ${real})`;
    return {
      outcome: 'matched',
      source: { type: 'file', uri: dir, path: real },
      detail: `${where} has the module's code`,
    };
  },
};
