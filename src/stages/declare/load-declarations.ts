import { basename } from 'node:path';
import type { Diagnostic, Validated } from '../../diagnostics.js';
import { InputError } from '../../errors.js';
import type { DeclarationSet } from '../../model.js';
import { CLI_WORDING } from '../../options/option-wording.js';
import type { YamlSource } from '../../yaml/yaml-document.js';
import { readDeclarationFile } from './declaration-file.js';
import type { DeclareContext } from './declare-context.js';
import { loadBundle } from './load-bundle.js';
import { loadProfile } from './load-profile.js';
import { isMapping } from './module-entry.js';
import { loadSessionBundle, type SessionInput } from './session-compose.js';
import { toDeclarationSet } from './to-declarations.js';

export type { DeclareContext } from './declare-context.js';
export { WELL_KNOWN_BUNDLES } from './declare-context.js';

/** Profile or bundle, told by the top-level keys (`bundle:`/`includes:` or `profile:`), else by the file name. */
export function detectFormat(src: YamlSource): 'profile' | 'bundle' {
  const root = src.value;
  if (isMapping(root)) {
    if ('bundle' in root || 'includes' in root) return 'bundle';
    if ('profile' in root) return 'profile';
  }
  if (/^bundle\.(md|ya?ml)$/.test(basename(src.file))) return 'bundle';
  throw new InputError('invalid-value', 'neither a profile (`profile:` key) nor a bundle (`bundle:` key)', {
    file: src.file,
    line: src.lineOf([]),
    fix: 'start a profile with `profile: {name, ...}` or a bundle with `bundle: {name, version}`',
  });
}

/**
 * Reads a profile (with its `extends` chain) or a bundle (with its includes) and returns every module it declares,
 * in effective order, with the effective source as written and the file:line that wrote it.
 * Throws InputError for bad input; warnings cover upstream quirks, unknown keys and skipped includes.
 */
export async function loadDeclarations(file: string, ctx: DeclareContext): Promise<Validated<DeclarationSet>> {
  const warnings: Diagnostic[] = [];
  const src = await readDeclarationFile(ctx.fs, file);
  const composed =
    detectFormat(src) === 'profile' ? await loadProfile(ctx, src, warnings) : await loadBundle(ctx, src, warnings);
  return { value: toDeclarationSet(composed), warnings };
}

/**
 * `--session`: the bundle with what the Amplifier CLI composes onto every session; a profile is refused, or, when the
 * session was not asked for but is the default (doctor without -p), read as it is (the CLI loads no profiles).
 */
export async function loadSessionDeclarations(
  file: string,
  ctx: DeclareContext,
  session: SessionInput,
  profile: 'refuse' | 'as-is' = 'refuse',
): Promise<Validated<DeclarationSet>> {
  const warnings: Diagnostic[] = [];
  const src = await readDeclarationFile(ctx.fs, file);
  if (detectFormat(src) === 'profile' && profile === 'as-is') {
    return { value: toDeclarationSet(await loadProfile(ctx, src, warnings)), warnings };
  }
  const w = ctx.wording ?? CLI_WORDING;
  if (detectFormat(src) === 'profile')
    throw new InputError(
      'invalid-value',
      `${w.turn('session', true)} composes a bundle the way the Amplifier CLI does; this is a profile`,
      {
        file: src.file,
        line: src.lineOf([]),
        fix: `run ${w.runWith('session', false)} for a profile (the current Amplifier CLI loads bundles only)`,
      },
    );
  const composed = await loadSessionBundle(ctx, src, warnings, session);
  return { value: toDeclarationSet(composed), warnings };
}
