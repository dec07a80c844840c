import { dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { InputError } from '../../errors.js';
import { CLI_WORDING } from '../../options/option-wording.js';
import { collectionDirs, firstExistingFile, listCollections } from './collections.js';
import type { DeclareContext } from './declare-context.js';

const PROFILE_EXTENSIONS = ['.md', '.yaml', '.yml'];

function withExtensions(path: string): string[] {
  return extname(path) === '' ? PROFILE_EXTENSIONS.map((ext) => `${path}${ext}`) : [path];
}

function isPathReference(ref: string): boolean {
  return ref.startsWith('./') || ref.startsWith('../') || isAbsolute(ref);
}

/** Every file a profile reference may mean, in search order (profile search path: workspace, home, collections). */
export async function profileCandidates(ref: string, fromFile: string | null, ctx: DeclareContext): Promise<string[]> {
  if (isPathReference(ref)) {
    // Not accepted by the real loaders; harmless and useful: relative to the file that wrote it.
    return withExtensions(resolve(fromFile ? dirname(fromFile) : ctx.workspace, ref));
  }
  const colon = ref.indexOf(':');
  if (colon > 0) {
    const collection = ref.slice(0, colon);
    const rest = ref.slice(colon + 1);
    // `foundation:base` means `<collection>/profiles/base.md`; a path (`profiles/base.md`) is taken as written.
    const relative = rest.includes('/') || extname(rest) !== '' ? rest : join('profiles', rest);
    return collectionDirs(ctx, collection).flatMap((dir) => withExtensions(join(dir, relative)));
  }
  const dirs = [
    join(ctx.workspace, '.amplifier', 'profiles'),
    join(ctx.home, 'profiles'),
    ...(await listCollections(ctx)).map((c) => join(c.dir, 'profiles')),
  ];
  return dirs.flatMap((dir) => withExtensions(join(dir, ref)));
}

/** Resolves an `extends` reference to a file, or throws naming the reference and every path searched. */
export async function resolveProfileReference(
  ref: string,
  from: { readonly file: string; readonly line: number },
  ctx: DeclareContext,
): Promise<string> {
  const candidates = await profileCandidates(ref, from.file, ctx);
  const found = await firstExistingFile(ctx, candidates);
  if (found) return found;
  const mapIt = (ctx.wording ?? CLI_WORDING).set('namespaces', 'NAME=DIR');
  throw new InputError(
    'extends-not-found',
    `parent profile '${ref}' not found; searched:\n${candidates.map((c) => `    ${c}`).join('\n')}`,
    {
      file: from.file,
      line: from.line,
      fix: `fix the \`extends:\` reference, ${mapIt ? '' : 'or '}install the collection under <home>/collections/<name>/${mapIt ? `, or map it with ${mapIt}` : ''}`,
    },
  );
}
