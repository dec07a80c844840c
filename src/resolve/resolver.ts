/**
 * Runs the layers in `LAYER_ORDER` for one module; the first match wins. The trail records every layer tried,
 * up to and including the winner, with what each one found.
 */
import {
  type Declaration,
  LAYER_ORDER,
  type Resolution,
  type ResolvedModule,
  type Source,
  type TrailEntry,
} from '../model.js';
import { layoutAPath } from '../source/cache-layout.js';
import type { ResolveContext } from './layer.js';
import { LAYERS } from './layers/index.js';

export type { Layer, LayerAttempt, ResolveContext } from './layer.js';

/** Where a resolved module's code is expected: the layout-A clone for git, the directory for file, none for a package. */
export function expectedPath(source: Source, home: string): string | null {
  switch (source.type) {
    case 'git':
      return layoutAPath(home, { url: source.url, ref: source.ref, subdirectory: source.subdirectory });
    case 'file':
      return source.path;
    case 'package':
      return null;
  }
}

export async function resolveModule(declaration: Declaration, ctx: ResolveContext): Promise<Resolution> {
  const trail: TrailEntry[] = [];
  for (const name of LAYER_ORDER) {
    const attempt = await LAYERS[name].attempt(declaration, ctx);
    trail.push({ layer: name, outcome: attempt.outcome, detail: attempt.detail });
    if (attempt.outcome === 'matched')
      return { layer: name, source: attempt.source, path: expectedPath(attempt.source, ctx.home), trail };
  }
  return { layer: null, source: null, path: null, trail };
}

/** Resolves every declaration (a module declared three times is resolved three times: each has its own source). */
export async function resolveAll(declarations: readonly Declaration[], ctx: ResolveContext): Promise<ResolvedModule[]> {
  return Promise.all(
    declarations.map(async (declaration) => ({ declaration, resolution: await resolveModule(declaration, ctx) })),
  );
}
