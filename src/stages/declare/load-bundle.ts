import { basename, dirname, join, resolve } from 'node:path';
import type { Diagnostic } from '../../diagnostics.js';
import { InputError } from '../../errors.js';
import type { Position, UnresolvedInclude } from '../../model.js';
import { CLI_WORDING, type Wording } from '../../options/option-wording.js';
import type { YamlSource } from '../../yaml/yaml-document.js';
import type { LoadedAgent } from './agent-file.js';
import { mergeAgentLists, readBundleAgents } from './bundle-agents.js';
import { resolveInclude } from './bundle-includes.js';
import { BundleNamespaces, ROOT_BUNDLE_FILES } from './bundle-namespaces.js';
import type { ComposedDeclarations } from './composed.js';
import { readDeclarationFile } from './declaration-file.js';
import type { DeclareContext } from './declare-context.js';
import { describeRedirect, redirectInclude, redirectPosition } from './include-redirect.js';
import { mergeModuleSets } from './merge-module-sets.js';
import { EMPTY_MODULE_SET, isMapping, type ModuleEntry, type ModuleSet, readModuleSet } from './module-entry.js';
import { BUNDLE_KEYS, warnUnknownKeys } from './unknown-keys.js';

export interface ComposedBundle {
  readonly modules: ModuleSet;
  readonly agents: readonly LoadedAgent[];
}

interface StackEntry {
  readonly file: string;
  readonly name: string;
}

const EMPTY_BUNDLE: ComposedBundle = { modules: EMPTY_MODULE_SET, agents: [] };

function bundleName(root: unknown): string | null {
  if (!isMapping(root) || !isMapping(root.bundle)) return null;
  const name = root.bundle.name;
  return typeof name === 'string' && name !== '' ? name : null;
}

/** Bundle `./`/`../` sources are made absolute at parse time, for providers/tools/hooks only (not the session). */
function absolutizeListSources(modules: ModuleSet, dir: string): ModuleSet {
  const fix = (entry: ModuleEntry): ModuleEntry => {
    const source = entry.data.source;
    if (typeof source !== 'string' || !(source.startsWith('./') || source.startsWith('../'))) return entry;
    return { ...entry, data: { ...entry.data, source: resolve(dir, source) } };
  };
  return {
    ...modules,
    providers: modules.providers.map(fix),
    tools: modules.tools.map(fix),
    hooks: modules.hooks.map(fix),
  };
}

function includeRef(src: YamlSource, item: unknown, index: number): string {
  const ref = isMapping(item) ? item.bundle : item;
  if (typeof ref === 'string' && ref.trim() !== '') return ref.trim();
  throw new InputError('invalid-type', `includes[${index}] must be a string or a mapping {bundle: <reference>}`, {
    file: src.file,
    line: src.lineOf(['includes', index]),
    fix: 'write `- bundle: foundation:behaviors/x` or `- git+https://...`',
  });
}

/** Making a skipped include available, in the reader's front end (the action has no namespace mapping). */
function includeFix(w: Wording): string {
  const map = w.set('namespaces', 'NAME=DIR');
  return `make the include available (run \`${w.command('warm')}\` once, register the bundle${map ? `, map it with ${map}` : ''}) or remove it`;
}

/** Loads one bundle and everything it includes, composed as `Bundle.compose` does. */
export class BundleComposer {
  private readonly namespaces: BundleNamespaces;
  private readonly memo = new Map<string, ComposedBundle>();
  private readonly sources = new Map<string, YamlSource>();
  readonly unresolved: UnresolvedInclude[] = [];

  /** The directory of every bundle composed (see `BundleNamespaces.loadedDirs`). */
  bundleRoots(): string[] {
    return this.namespaces.loadedDirs();
  }

  constructor(
    private readonly ctx: DeclareContext,
    private readonly warnings: Diagnostic[],
  ) {
    this.namespaces = new BundleNamespaces(ctx);
  }

  private async read(file: string): Promise<YamlSource> {
    let src = this.sources.get(file);
    if (!src) {
      src = await readDeclarationFile(this.ctx.fs, file);
      this.sources.set(file, src);
    }
    return src;
  }

  remember(src: YamlSource): void {
    this.sources.set(src.file, src);
  }

  /**
   * Registers the bundle that owns `file`: the nearest `bundle.md`/`bundle.yaml` at or above its directory, not
   * above the checkout root (a directory with `.git`), the workspace or the home. Returns that bundle's directory
   * (where agent references without a namespace are looked up), else the file's own directory.
   */
  private async registerOwner(file: string): Promise<string> {
    let dir = dirname(file);
    for (;;) {
      for (const rootName of ROOT_BUNDLE_FILES) {
        const candidate = join(dir, rootName);
        if (!(await this.ctx.fs.stat(candidate))?.isFile) continue;
        const name = await this.nameOf(candidate);
        if (name) this.namespaces.register(name, dir);
        return dir;
      }
      const parent = dirname(dir);
      const boundary =
        parent === dir ||
        dir === this.ctx.home ||
        dir === this.ctx.workspace ||
        (await this.ctx.fs.stat(join(dir, '.git'))) !== null;
      if (boundary) return dirname(file);
      dir = parent;
    }
  }

  private async nameOf(file: string): Promise<string | null> {
    try {
      return bundleName((await this.read(file)).value);
    } catch {
      // An ancestor bundle that does not parse only costs its namespace; it is reported if it is ever included.
      return null;
    }
  }

  /** A part that cannot be had: skipped with a warning (under --strict the run fails on it), as an unavailable include. */
  unavailable(uri: string, at: Position, reason: string): null {
    this.skip(uri, at, reason);
    return null;
  }

  /**
   * Loads a bundle named by URI (not an include: no redirect) for composing onto another; null when skipped. `local`:
   * the URI names a file of this machine (the installed CLI's own behavior), not text of the bundle's repository, so
   * it is not held inside a git bundle's clone.
   */
  async composePart(uri: string, at: Position, local = false): Promise<ComposedBundle | null> {
    const target = await resolveInclude(uri, at, this.namespaces, this.ctx, local);
    if (target.kind === 'skipped') return this.unavailable(uri, at, target.reason);
    const real = (await this.ctx.fs.realpath(target.file)) ?? target.file;
    return this.compose(target.file, [{ file: real, name: uri }]);
  }

  /**
   * A skipped include is listed and warned about, never bad input: the run goes on as Amplifier's does, and --strict
   * fails it (exit 1) naming the include.
   */
  private skip(uri: string, at: Position, reason: string): void {
    if (!this.unresolved.some((u) => u.uri === uri && u.from === at.file)) {
      this.unresolved.push({ uri, from: at.file, reason });
    }
    this.warnings.push({
      code: 'include-skipped',
      message: `include '${uri}' skipped: ${reason}`,
      ...at,
      fix: `Amplifier also skips it; ${includeFix(this.ctx.wording ?? CLI_WORDING)}`,
    });
  }

  async compose(file: string, stack: readonly StackEntry[]): Promise<ComposedBundle> {
    const real = (await this.ctx.fs.realpath(file)) ?? file;
    const cached = this.memo.get(real);
    if (cached) return cached;
    const src = await this.read(file);
    const root = src.value ?? {};
    if (!isMapping(root)) {
      throw new InputError('invalid-type', 'a bundle must be a YAML mapping', {
        file,
        line: src.lineOf([]),
        fix: 'start the bundle with `bundle: {name, version}` and the module keys',
      });
    }
    warnUnknownKeys(src, root, BUNDLE_KEYS, 'bundle', this.warnings);
    const ownDir = await this.registerOwner(file);
    const own = bundleName(root);
    if (own && ROOT_BUNDLE_FILES.includes(basename(file))) this.namespaces.register(own, dirname(file));

    let composed = EMPTY_BUNDLE;
    const includes = root.includes ?? [];
    if (!Array.isArray(includes)) {
      throw new InputError('invalid-type', '`includes` must be a list', {
        file,
        line: src.lineOf(['includes']),
        fix: 'write `includes:` as a YAML list of `- bundle: <reference>`',
      });
    }
    for (const [index, item] of includes.entries()) {
      const ref = includeRef(src, item, index);
      const at = { file, line: src.lineOf(['includes', index]) };
      const redirected = redirectInclude(ref, this.ctx.bundleSources ?? [], this.ctx.workspace);
      const target = redirected
        ? await resolveInclude(redirected.ref, redirectPosition(redirected), this.namespaces, this.ctx)
        : await resolveInclude(ref, at, this.namespaces, this.ctx);
      if (target.kind === 'skipped') {
        this.skip(ref, at, redirected ? `${describeRedirect(ref, redirected)}: ${target.reason}` : target.reason);
        continue;
      }
      const targetReal = (await this.ctx.fs.realpath(target.file)) ?? target.file;
      const loop = stack.findIndex((entry) => entry.file === targetReal);
      if (loop >= 0) {
        const names = [...stack.slice(loop).map((entry) => entry.name), ref];
        // The Amplifier loader skips the closing include with a warning; a verifier treats the loop as the bad input
        // it is (exit 2), so a bundle never silently composes differently from what its author wrote.
        const message = `Circular dependency detected: ${names.join(' -> ')} (Amplifier would skip this include)`;
        throw new InputError('include-cycle', message, { ...at, fix: 'remove the include that closes the loop' });
      }
      const child = await this.compose(target.file, [...stack, { file: targetReal, name: ref }]);
      composed = this.mergeBundles(composed, child);
    }

    const modules = absolutizeListSources(readModuleSet(src, [], root), dirname(file));
    const agents = await readBundleAgents(src, root, ownDir, this.namespaces, this.ctx, this.warnings);
    const result = this.mergeBundles(composed, { modules, agents });
    this.memo.set(real, result);
    return result;
  }

  mergeBundles(base: ComposedBundle, overlay: ComposedBundle): ComposedBundle {
    return {
      modules: mergeModuleSets('bundle', base.modules, overlay.modules, this.warnings),
      agents: mergeAgentLists(base.agents, overlay.agents, this.warnings),
    };
  }
}

/** Loads a bundle with its includes (composed first, in order, then the bundle on top) and its agents. */
/** The root bundle composed with everything it includes, and the composer that remembers what it could not include. */
export async function composeRootBundle(
  ctx: DeclareContext,
  src: YamlSource,
  warnings: Diagnostic[],
): Promise<{ composer: BundleComposer; composed: ComposedBundle }> {
  const composer = new BundleComposer(ctx, warnings);
  composer.remember(src);
  const real = (await ctx.fs.realpath(src.file)) ?? src.file;
  return { composer, composed: await composer.compose(src.file, [{ file: real, name: basename(src.file) }]) };
}

/** A composed bundle as the declare stage hands it on. */
export function bundleDeclarations(
  src: YamlSource,
  composer: BundleComposer,
  composed: ComposedBundle,
): ComposedDeclarations {
  return {
    format: 'bundle',
    root: src.file,
    modules: composed.modules,
    agents: composed.agents,
    unresolvedIncludes: composer.unresolved,
    bundleRoots: composer.bundleRoots(),
  };
}

export async function loadBundle(
  ctx: DeclareContext,
  src: YamlSource,
  warnings: Diagnostic[],
): Promise<ComposedDeclarations> {
  const { composer, composed } = await composeRootBundle(ctx, src, warnings);
  return bundleDeclarations(src, composer, composed);
}
