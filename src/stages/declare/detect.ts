import { join } from 'node:path';
import type { Diagnostic, Validated } from '../../diagnostics.js';
import { InputError } from '../../errors.js';
import { CLI_WORDING } from '../../options/option-wording.js';
import { resolveInclude } from './bundle-includes.js';
import { BundleNamespaces, ROOT_BUNDLE_FILES } from './bundle-namespaces.js';
import { firstExistingFile } from './collections.js';
import type { DeclareContext } from './declare-context.js';
import { profileCandidates } from './profile-references.js';

export interface ActiveSelection {
  /** `bundle.active` from settings: a bundle name, namespace path, git URI or file path. */
  readonly bundle: string | null;
  /** `profile.active` from settings (profile era): a profile reference like `developer-expertise:dev`. */
  readonly profile: string | null;
}

const PROFILE_FILE = /\.(md|ya?ml)$/;

/** `--profile FILE` on the CLI, `profile: FILE` in the action. */
function profileFile(ctx: DeclareContext): string {
  return (ctx.wording ?? CLI_WORDING).give('profiles', 'FILE') ?? 'name a profile file';
}

async function activeBundleFile(ctx: DeclareContext, ref: string): Promise<string> {
  // Settings paths are relative to the workspace: resolve them as if written by a file at its root.
  const at = { file: join(ctx.workspace, 'settings.yaml'), line: 1 };
  const target = await resolveInclude(ref, at, new BundleNamespaces(ctx), ctx);
  if (target.kind === 'file') return target.file;
  throw new InputError('no-declarations', `active bundle '${ref}' cannot be loaded: ${target.reason}`, {
    fix: `warm the module cache, register the bundle, or ${profileFile(ctx)}`,
  });
}

async function activeProfileFile(ctx: DeclareContext, ref: string): Promise<string> {
  const candidates = await profileCandidates(ref, null, ctx);
  const found = await firstExistingFile(ctx, candidates);
  if (found) return found;
  throw new InputError(
    'no-declarations',
    `active profile '${ref}' not found; searched:\n${candidates.map((c) => `    ${c}`).join('\n')}`,
    { fix: `install its collection under <home>/collections/, or ${profileFile(ctx)}` },
  );
}

/**
 * The declaration files to check when no --profile is given: the active bundle or profile from settings, else
 * `.amplifier/bundle.md|yaml` in the workspace, else every profile in `.amplifier/profiles/`.
 */
export async function detectActiveDeclarations(
  ctx: DeclareContext & { readonly active: ActiveSelection },
): Promise<Validated<string[]>> {
  const warnings: Diagnostic[] = [];
  if (ctx.active.bundle) return { value: [await activeBundleFile(ctx, ctx.active.bundle)], warnings };
  if (ctx.active.profile) return { value: [await activeProfileFile(ctx, ctx.active.profile)], warnings };
  const amplifierDir = join(ctx.workspace, '.amplifier');
  const bundle = await firstExistingFile(
    ctx,
    ROOT_BUNDLE_FILES.map((name) => join(amplifierDir, name)),
  );
  if (bundle) return { value: [bundle], warnings };
  const profilesDir = join(amplifierDir, 'profiles');
  const profiles = ((await ctx.fs.readdir(profilesDir)) ?? [])
    .filter((name) => PROFILE_FILE.test(name))
    .sort()
    .map((name) => join(profilesDir, name));
  if (profiles.length > 1) {
    warnings.push({
      code: 'several-profiles',
      message: `no active profile in settings; checking all ${profiles.length} profiles in ${profilesDir}`,
      file: profilesDir,
      fix: `${profileFile(ctx)} to check only one`,
    });
  }
  if (profiles.length > 0) return { value: profiles, warnings };
  throw new InputError(
    'no-declarations',
    `no profile or bundle found in ${amplifierDir} and none is active in settings`,
    {
      fix: `${profileFile(ctx)}, or create .amplifier/bundle.md`,
    },
  );
}
