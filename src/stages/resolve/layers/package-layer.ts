/**
 * Layer 6: an installed distribution named `<id>`, then `amplifier-module-<id>`, in the target environment.
 * Without a target environment (no --python) this layer cannot know, and says so.
 */

import { CLI_WORDING } from '../../../options/option-wording.js';
import { normalizeDistName } from '../../../python/dist-names.js';
import type { Layer, LayerAttempt } from '../layer.js';

export function packageCandidates(id: string): [string, string] {
  return [id, `amplifier-module-${id}`];
}

export const packageLayer: Layer = {
  name: 'package',
  async attempt(declaration, ctx): Promise<LayerAttempt> {
    const [plain, prefixed] = packageCandidates(declaration.id);
    const tried = `'${plain}' and '${prefixed}'`;
    const installed = await ctx.installedPackages();
    if (installed === null)
      return {
        outcome: 'skipped',
        detail: `no target environment to look in (${(ctx.wording ?? CLI_WORDING).give('python', 'PATH')}); would try ${tried}`,
        reason: { kind: 'no-environment' },
      };
    for (const name of [plain, prefixed]) {
      if (installed.names.has(normalizeDistName(name)))
        return {
          outcome: 'matched',
          source: { type: 'package', uri: name, name },
          detail: `'${name}' is installed in ${installed.environment}`,
        };
    }
    return { outcome: 'not-set', detail: `tried ${tried} in ${installed.environment}: neither is installed` };
  },
};
