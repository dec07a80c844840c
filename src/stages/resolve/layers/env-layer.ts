/**
 * Layer 1: `AMPLIFIER_MODULE_<ID>` (id upper-cased, `-` -> `_`). An empty value counts as unset. The value is a
 * source string; relative paths are taken from the workspace. A value that cannot be used is rejected, with the
 * reason, and resolution goes on to the next layer.
 */
import { isInputError } from '../../../errors.js';
import type { Source } from '../../../model.js';
import { parseSource } from '../../../source/parse-source.js';
import { showRawSource, showSource } from '../describe.js';
import type { Layer, LayerAttempt } from '../layer.js';
import { localSourceProblem } from '../local-directory.js';

export function envVariableName(id: string): string {
  return `AMPLIFIER_MODULE_${id.toUpperCase().replace(/-/g, '_')}`;
}

export const envLayer: Layer = {
  name: 'env',
  async attempt(declaration, ctx): Promise<LayerAttempt> {
    const name = envVariableName(declaration.id);
    const value = ctx.env[name];
    if (value === undefined) return { outcome: 'not-set', detail: `${name} is not set` };
    if (value.trim() === '') return { outcome: 'not-set', detail: `${name} is set but empty (treated as unset)` };
    const shown = showRawSource(value);
    let source: Source;
    try {
      source = parseSource(value, { id: declaration.id, baseDir: ctx.workspace });
    } catch (error) {
      if (!isInputError(error)) throw error;
      const detail = `${name}=${shown} rejected: ${error.message}`;
      const warning = { code: 'env-source-rejected', message: detail, fix: error.fix };
      return {
        outcome: 'rejected',
        detail,
        reason: { kind: 'not-usable', problem: error.message },
        warnings: [warning],
      };
    }
    const problem = await localSourceProblem(ctx.fs, source);
    if (problem) {
      const detail = `${name}=${shown} rejected: ${problem}`;
      const fix = `point ${name} at a module directory or unset it`;
      const warning = { code: 'env-source-rejected', message: detail, fix };
      return { outcome: 'rejected', detail, reason: { kind: 'not-usable', problem }, warnings: [warning] };
    }
    return { outcome: 'matched', source, detail: `${name}=${shown} -> ${showSource(source)}` };
  },
};
