/**
 * What the workspace's declarations need kept, for prune: every profile and bundle of the workspace (not only the
 * active one: another profile is one `--profile` away), every resolved directory of every declaration (one module at
 * `main`, at a commit and at a tag is three clones), and every git include's clone.
 */
import { join } from 'node:path';
import type { Diagnostic } from '../../diagnostics.js';
import { isInputError } from '../../errors.js';
import { lockPathFor, readLockIfAny } from '../../lock/read-lock.js';
import type { UnresolvedInclude } from '../../model.js';
import type { PipelineOptions, PipelinePorts } from '../../pipeline-options.js';
import { layoutARepoDir } from '../../source/cache-layout.js';
import { parseGitUri } from '../../source/git-uri.js';
import { ROOT_BUNDLE_FILES } from '../../stages/declare/bundle-namespaces.js';
import { optionalDeclarations } from '../shared-stages/declared-paths.js';
import type { Reference } from './prune-clones.js';

const DECLARATION_FILE = /\.(md|ya?ml)$/;

/** `.amplifier/bundle.*` and every file of `.amplifier/profiles/` in the workspace. */
async function workspaceFiles(options: PipelineOptions, ports: PipelinePorts): Promise<string[]> {
  const amplifierDir = join(options.workspace, '.amplifier');
  const files: string[] = [];
  for (const name of ROOT_BUNDLE_FILES) {
    const file = join(amplifierDir, name);
    if ((await ports.fs.stat(file))?.isFile) files.push(file);
  }
  const profiles = join(amplifierDir, 'profiles');
  for (const name of ((await ports.fs.readdir(profiles)) ?? []).sort()) {
    if (DECLARATION_FILE.test(name) && (await ports.fs.stat(join(profiles, name)))?.isFile)
      files.push(join(profiles, name));
  }
  return files;
}

/**
 * The clones a lock beside the declarations pins: a locked run checks a commit the ref's clone does not hold out in
 * the cache directory of url@<commit>, which `warm --frozen --offline` needs later.
 */
async function lockedClones(
  file: string,
  home: string,
  ports: PipelinePorts,
  warnings: Diagnostic[],
): Promise<Reference[]> {
  let lock: Awaited<ReturnType<typeof readLockIfAny>>;
  try {
    lock = await readLockIfAny(ports.fs, file);
  } catch (error) {
    if (!isInputError(error)) throw error;
    warnings.push({ code: 'prune-unreadable-lock', message: `${file}: ${error.message}`, file });
    return [];
  }
  if (!lock) return [];
  const by = `lock file ${file}`;
  const refs: Reference[] = [];
  for (const [key, commit] of lock.repositories) {
    const at = key.lastIndexOf('@');
    if (at > 0) refs.push({ path: layoutARepoDir(home, { url: key.slice(0, at), ref: commit }), by });
  }
  for (const [uri, commit] of lock.includes) {
    try {
      refs.push({ path: layoutARepoDir(home, { url: parseGitUri(uri).url, ref: commit }), by });
    } catch (error) {
      if (!isInputError(error)) throw error;
    }
  }
  return refs;
}

export interface DeclaredNeeds {
  /** False when no declaration file was found at all (prune then cannot tell an include clone from an unused one). */
  readonly found: boolean;
  readonly references: readonly Reference[];
  readonly unresolvedIncludes: readonly UnresolvedInclude[];
  readonly warnings: readonly Diagnostic[];
}

export async function declaredNeeds(options: PipelineOptions, ports: PipelinePorts): Promise<DeclaredNeeds> {
  const references: Reference[] = [];
  const unresolvedIncludes: UnresolvedInclude[] = [];
  const warnings: Diagnostic[] = [];
  const read = new Set<string>();
  let found = false;
  const load = async (profiles: readonly string[]): Promise<void> => {
    const loaded = await optionalDeclarations({ ...options, profiles }, ports, undefined, (dir) =>
      references.push({ path: dir, by: 'bundle include' }),
    );
    if (!loaded) return;
    found = true;
    for (const file of loaded.files) read.add(file);
    for (const { declaration, resolution } of loaded.resolved) {
      if (resolution.path) references.push({ path: resolution.path, by: `declaration of ${declaration.id}` });
    }
    unresolvedIncludes.push(...loaded.unresolvedIncludes);
    warnings.push(...loaded.warnings);
    references.push(
      ...(await lockedClones(lockPathFor(null, loaded.files, options.workspace), options.home, ports, warnings)),
    );
  };
  // The given files, or the active ones: a broken one is bad input, as for every command.
  await load(options.profiles);
  if (options.profiles.length > 0) return { found, references, unresolvedIncludes, warnings };
  for (const file of await workspaceFiles(options, ports)) {
    if (read.has(file)) continue;
    try {
      await load([file]);
    } catch (error) {
      if (!isInputError(error)) throw error;
      warnings.push({
        code: 'prune-unreadable-declaration',
        message: `${file} could not be read (${error.message}); clones only it needs may be quarantined`,
        file,
        fix: `fix ${file}; a quarantined clone comes back with amplifier-modules doctor --fix`,
      });
    }
  }
  return { found, references, unresolvedIncludes, warnings };
}
