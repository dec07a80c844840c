/** Real files in a temp dir for declaration tests, plus the context the loader needs. */
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { nodeFileSystem } from '../../../src/ports/node-fs.js';
import type { DeclareContext } from '../../../src/stages/declare/load-declarations.js';

export interface FixtureTree {
  readonly root: string;
  readonly workspace: string;
  readonly home: string;
  /** Writes files (path relative to root -> content) and returns the absolute path of the first one. */
  write(files: Record<string, string | Buffer>): Promise<string>;
  path(relative: string): string;
  context(overrides?: Partial<DeclareContext>): DeclareContext;
  cleanup(): Promise<void>;
}

export async function createFixtureTree(): Promise<FixtureTree> {
  const root = await fsp.mkdtemp(join(tmpdir(), 'amod-declare-'));
  const workspace = join(root, 'ws');
  const home = join(root, 'home');
  await fsp.mkdir(workspace, { recursive: true });
  await fsp.mkdir(home, { recursive: true });
  return {
    root,
    workspace,
    home,
    path: (relative) => join(root, relative),
    async write(files) {
      let first: string | null = null;
      for (const [relative, content] of Object.entries(files)) {
        const file = join(root, relative);
        await fsp.mkdir(dirname(file), { recursive: true });
        await fsp.writeFile(file, content);
        first ??= file;
      }
      return first ?? root;
    },
    context: (overrides = {}) => ({
      fs: nodeFileSystem,
      workspace,
      home,
      namespaces: [],
      registeredBundles: {},
      strict: false,
      locateGitInclude: async () => ({ unavailable: 'not in the module cache' }),
      ...overrides,
    }),
    cleanup: () => fsp.rm(root, { recursive: true, force: true }),
  };
}

/** Front matter around YAML lines (line 1 is `---`, so YAML line n is file line n + 1). */
export function md(...yamlLines: string[]): string {
  return ['---', ...yamlLines, '---', '', 'Body text.', ''].join('\n');
}

/** Catches the rejection of a promise for assertions on the error. */
export async function failureOf(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure, got success');
}
