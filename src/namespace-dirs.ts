/**
 * A namespace directory the caller named (`--namespace N=DIR`, the library's `namespaces`) that does not exist is a
 * typo, not a skipped include: refused before anything runs, by the CLI and the library alike.
 */
import { InputError } from './errors.js';
import type { PipelineOptions } from './pipeline-options.js';
import type { FileSystem } from './ports.js';

export async function checkNamespaceDirs(
  fs: Pick<FileSystem, 'stat'>,
  namespaces: PipelineOptions['namespaces'],
  wording: { readonly label: (name: string, dir: string) => string; readonly fix: (name: string) => string },
): Promise<void> {
  for (const { name, dir } of namespaces) {
    const stat = await fs.stat(dir).catch(() => null);
    if (!stat?.isDirectory) {
      throw new InputError('usage', `${wording.label(name, dir)}: no such directory`, { fix: wording.fix(name) });
    }
  }
}
