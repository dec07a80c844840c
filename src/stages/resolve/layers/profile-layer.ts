/**
 * Layer 5: the declaration's own `source` (the "profile hint"), resolved against the file that wrote it.
 * A malformed source is bad input at the declaring line; a file source whose directory is missing is rejected.
 */
import { declaredSource } from '../declared-source.js';
import { showRawSource, showSource } from '../describe.js';
import type { Layer, LayerAttempt } from '../layer.js';
import { localSourceProblem } from '../local-directory.js';

export const profileLayer: Layer = {
  name: 'profile',
  async attempt(declaration, ctx): Promise<LayerAttempt> {
    const at = `${declaration.declaredAt.file}:${declaration.declaredAt.line}`;
    const source = declaredSource(declaration);
    if (source === null) return { outcome: 'not-set', detail: `no source given at ${at}` };
    const written = `${at} source = ${showRawSource(declaration.source ?? '')}`;
    const problem = await localSourceProblem(ctx.fs, source);
    if (problem)
      return {
        outcome: 'rejected',
        detail: `${written} rejected: ${problem}`,
        reason: { kind: 'not-usable', problem },
      };
    return { outcome: 'matched', source, detail: `${written} -> ${showSource(source)}` };
  },
};
