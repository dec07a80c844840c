import { join } from 'node:path';
import type { FileSystem } from '../../ports.js';

export const INSTALL_STATE_VERSION = 1;

export function installStatePath(home: string): string {
  return join(home, 'cache', 'install-state.json');
}

export interface InstallStateEntry {
  /** The resolved module directory, as the key reads. */
  readonly dir: string;
  readonly fingerprint: string | null;
}

export interface InstallState {
  readonly text: string;
  readonly python: string | null;
  readonly pythonMtime: number | null;
  readonly entries: readonly InstallStateEntry[];
}

/** Why Amplifier itself would throw the whole file away (then no entry can make it skip an install). */
export type DiscardReason = 'not-json' | 'other-version' | 'no-modules';

export type ReadInstallState =
  | { readonly kind: 'absent' }
  | { readonly kind: 'discarded'; readonly reason: DiscardReason; readonly detail: string }
  | { readonly kind: 'state'; readonly state: InstallState };

function recordOf(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/** Pure: the file's text to its entries, or why Amplifier would discard it. */
export function parseInstallState(text: string): ReadInstallState {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { kind: 'discarded', reason: 'not-json', detail: (error as Error).message };
  }
  const top = recordOf(data);
  if (top?.version !== INSTALL_STATE_VERSION) {
    return { kind: 'discarded', reason: 'other-version', detail: `version ${JSON.stringify(top?.version ?? null)}` };
  }
  const modules = recordOf(top.modules);
  if (!modules) return { kind: 'discarded', reason: 'no-modules', detail: '"modules" is not an object' };
  const entries = Object.entries(modules).map(([dir, value]) => {
    const hash = recordOf(value)?.pyproject_hash;
    return { dir, fingerprint: typeof hash === 'string' ? hash : null };
  });
  return {
    kind: 'state',
    state: {
      text,
      python: typeof top.python === 'string' ? top.python : null,
      pythonMtime: typeof top.python_mtime === 'number' ? top.python_mtime : null,
      entries,
    },
  };
}

export async function readInstallState(fs: FileSystem, file: string): Promise<ReadInstallState> {
  if (!(await fs.stat(file))?.isFile) return { kind: 'absent' };
  return parseInstallState((await fs.readFile(file)).toString('utf8'));
}

/**
 * The file without the given `modules` entries, rewritten as Amplifier writes it (`json.dump(state, f, indent=2)`:
 * two-space indent, non-ASCII as `\uXXXX`), so a file Amplifier wrote changes only where entries were removed.
 */
export function withoutModules(text: string, dirs: ReadonlySet<string>): string {
  const data = recordOf(JSON.parse(text));
  if (!data) throw new Error('install-state.json is not a JSON object');
  const modules = recordOf(data.modules) ?? {};
  data.modules = Object.fromEntries(Object.entries(modules).filter(([dir]) => !dirs.has(dir)));
  const ascii = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  return JSON.stringify(data, null, 2).replace(/[\u0080-\uffff]/g, ascii);
}
