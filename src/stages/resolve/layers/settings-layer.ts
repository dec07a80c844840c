/**
 * Layer 3: a source override in the settings files (user < project < local; five shapes, see settings.ts).
 * A malformed override is bad input (InputError at its file and line). A file override whose directory does not
 * exist is rejected with the reason, so a developer's local override does not break a run where it cannot apply.
 */

import type { Settings } from '../../../settings/settings.js';
import { parseSource } from '../../../source/parse-source.js';
import { showRawSource, showSource } from '../describe.js';
import type { Layer, LayerAttempt } from '../layer.js';
import { localSourceProblem } from '../local-directory.js';

function describeFilesRead(settings: Settings): string {
  const found = settings.files.filter((file) => file.found).map((file) => file.path);
  return found.length > 0 ? `no entry in ${found.join(', ')}` : 'no settings files';
}

export const settingsLayer: Layer = {
  name: 'settings',
  async attempt(declaration, ctx): Promise<LayerAttempt> {
    const candidates = ctx.settings.moduleSources.get(declaration.id) ?? [];
    const winner = candidates[0];
    if (!winner) return { outcome: 'not-set', detail: describeFilesRead(ctx.settings) };
    const written = `${winner.file}:${winner.line} ${winner.keyPath} = ${showRawSource(winner.source)}`;
    const source = parseSource(winner.source, {
      id: declaration.id,
      baseDir: winner.baseDir,
      file: winner.file,
      line: winner.line,
    });
    const shadowed = candidates.slice(1).map((other) => `${other.file}:${other.line} ${other.keyPath}`);
    const shadowText = shadowed.length > 0 ? `; overrides ${shadowed.join(', ')}` : '';
    const problem = await localSourceProblem(ctx.fs, source);
    if (problem) {
      const detail = `${written} rejected: ${problem}`;
      const warning = {
        code: 'settings-source-rejected',
        message: detail,
        file: winner.file,
        line: winner.line,
        fix: `point ${winner.keyPath} at a module directory or remove it`,
      };
      const reason = { kind: 'not-usable', problem, file: winner.file, line: winner.line } as const;
      return { outcome: 'rejected', detail, reason, warnings: [warning] };
    }
    return { outcome: 'matched', source, detail: `${written} -> ${showSource(source)}${shadowText}` };
  },
};
