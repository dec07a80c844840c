import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { firstExistingFile } from './collections.js';
import { type DeclareContext, WELL_KNOWN_BUNDLES } from './declare-context.js';

/** Where a bundle namespace lives: its directory and, when known, its root bundle file. */
export type NamespaceLocation =
  | { readonly kind: 'dir'; readonly dir: string; readonly rootFile: string | null }
  | { readonly kind: 'unavailable'; readonly reason: string };

export const ROOT_BUNDLE_FILES: readonly string[] = ['bundle.md', 'bundle.yaml', 'bundle.yml'];

/**
 * The namespaces bundles refer to (`foundation:behaviors/x`, `anchors:explorer`), highest priority first:
 * --namespace, bundles met while loading (each registers its own name at its own directory), bundles registered
 * in settings, then the well-known ones (located through the module cache like any git include).
 */
export class BundleNamespaces {
  private readonly loaded = new Map<string, string>();
  private readonly gitLocations = new Map<string, Promise<{ dir: string } | { unavailable: string }>>();

  constructor(private readonly ctx: DeclareContext) {}

  /** Records a bundle met while loading; the first directory registered for a name is kept. */
  register(name: string, dir: string): void {
    if (!this.loaded.has(name)) this.loaded.set(name, dir);
  }

  /** The checkout of a git URI, asked once per URI. */
  locateGit(uri: string): Promise<{ dir: string } | { unavailable: string }> {
    let location = this.gitLocations.get(uri);
    if (!location) {
      location = this.ctx.locateGitInclude(uri);
      this.gitLocations.set(uri, location);
    }
    return location;
  }

  /**
   * The directories of every bundle met while loading, in the order met: where Amplifier's `Bundle.prepare` looks
   * for each composed bundle's own Python package (its `source_base_paths`).
   */
  loadedDirs(): string[] {
    return [...new Set(this.loaded.values())];
  }

  /** null when no one registered `name`. */
  async lookup(name: string): Promise<NamespaceLocation | null> {
    const mapped = this.ctx.namespaces.find((ns) => ns.name === name);
    if (mapped) return this.fromPath(mapped.dir);
    const loaded = this.loaded.get(name);
    if (loaded) return { kind: 'dir', dir: loaded, rootFile: null };
    const registered = this.ctx.registeredBundles[name] ?? WELL_KNOWN_BUNDLES[name];
    if (registered === undefined) return null;
    if (registered.startsWith('git+')) {
      const location = await this.locateGit(registered);
      if ('unavailable' in location) return { kind: 'unavailable', reason: location.unavailable };
      return this.fromPath(location.dir);
    }
    const path = registered.startsWith('file://') ? fileURLToPath(registered) : registered;
    return this.fromPath(isAbsolute(path) ? path : resolve(this.ctx.workspace, path));
  }

  /** A registered path may be the bundle's directory or its bundle file. */
  private async fromPath(path: string): Promise<NamespaceLocation> {
    const stat = await this.ctx.fs.stat(path);
    if (stat?.isFile) return { kind: 'dir', dir: dirname(path), rootFile: path };
    if (stat?.isDirectory) return { kind: 'dir', dir: path, rootFile: null };
    return { kind: 'unavailable', reason: `${path} does not exist` };
  }

  /** The root bundle file of a namespace directory. */
  async rootFileOf(location: { dir: string; rootFile: string | null }): Promise<string | null> {
    return (
      location.rootFile ??
      firstExistingFile(
        this.ctx,
        ROOT_BUNDLE_FILES.map((name) => join(location.dir, name)),
      )
    );
  }
}
