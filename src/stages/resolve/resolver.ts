/**
 * Runs the layers in `LAYER_ORDER` for one module; the first match wins. The trail records every layer tried,
 * up to and including the winner, with what each one found.
 */
import type { Diagnostic, Validated } from '../../diagnostics.js';
import {
  type Declaration,
  LAYER_ORDER,
  type Resolution,
  type ResolvedModule,
  type Source,
  type TrailEntry,
} from '../../model.js';
import { layoutAPath } from '../../source/cache-layout.js';
import type { ResolveContext } from './layer.js';
import { LAYERS } from './layers/all-layers.js';

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

/** One module through the layers: its resolution, and the warnings of every layer tried on the way. */
export async function resolveWithWarnings(
  declaration: Declaration,
  ctx: ResolveContext,
): Promise<Validated<Resolution>> {
  const trail: TrailEntry[] = [];
  const warnings: Diagnostic[] = [];
  for (const name of LAYER_ORDER) {
    const attempt = await LAYERS[name].attempt(declaration, ctx);
    const reason = attempt.outcome === 'matched' ? undefined : attempt.reason;
    trail.push({ layer: name, outcome: attempt.outcome, detail: attempt.detail, ...(reason ? { reason } : {}) });
    warnings.push(...(attempt.warnings ?? []));
    if (attempt.outcome === 'matched') {
      const path = expectedPath(attempt.source, ctx.home);
      return { value: { layer: name, source: attempt.source, path, trail }, warnings };
    }
  }
  return { value: { layer: null, source: null, path: null, trail }, warnings };
}

export async function resolveModule(declaration: Declaration, ctx: ResolveContext): Promise<Resolution> {
  return (await resolveWithWarnings(declaration, ctx)).value;
}

/**
 * Resolves every declaration (a module declared three times is resolved three times: each has its own source). A
 * warning several declarations share (one rejected variable, three declarations of the module) is listed once.
 */
export async function resolveDeclarations(
  declarations: readonly Declaration[],
  ctx: ResolveContext,
): Promise<Validated<ResolvedModule[]>> {
  const results = await Promise.all(declarations.map((declaration) => resolveWithWarnings(declaration, ctx)));
  const warnings = new Map<string, Diagnostic>();
  for (const result of results) {
    for (const warning of result.warnings) warnings.set(`${warning.code}\n${warning.message}`, warning);
  }
  const value = declarations.map((declaration, index) => ({
    declaration,
    resolution: results[index]?.value ?? { layer: null, source: null, path: null, trail: [] },
  }));
  return { value, warnings: [...warnings.values()] };
}

export async function resolveAll(declarations: readonly Declaration[], ctx: ResolveContext): Promise<ResolvedModule[]> {
  return (await resolveDeclarations(declarations, ctx)).value;
}
