/**
 * Layer 5: the declaration's own `source` (the "profile hint"), resolved against the file that wrote it.
 * A malformed source is bad input at the declaring line; a file source whose directory is missing is rejected.
 */
import { parseSource } from '../../source/parse-source.js';
import { showRawSource, showSource } from '../describe.js';
import type { Layer, LayerAttempt } from '../layer.js';
import { localSourceProblem } from '../local-directory.js';

export const profileLayer: Layer = {
  name: 'profile',
  async attempt(declaration, ctx): Promise<LayerAttempt> {
    const at = `${declaration.declaredAt.file}:${declaration.declaredAt.line}`;
    if (declaration.source === null) return { outcome: 'not-set', detail: `no source given at ${at}` };
    const written = `${at} source = ${showRawSource(declaration.source)}`;
    const source = parseSource(declaration.source, {
      id: declaration.id,
      baseDir: declaration.sourceBaseDir,
      file: declaration.declaredAt.file,
      line: declaration.declaredAt.line,
    });
    const problem = await localSourceProblem(ctx.fs, source);
    if (problem) return { outcome: 'rejected', detail: `${written} rejected: ${problem}` };
    return { outcome: 'matched', source, detail: `${written} -> ${showSource(source)}` };
  },
};
