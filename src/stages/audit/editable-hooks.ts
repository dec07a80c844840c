/**
 * The import hooks editable backends install instead of a path line: setuptools' finder module with its
 * `MAPPING = {'pkg': '/abs/pkg'}` dict, and the `editables` redirector with `F.map_module('pkg', '/abs/pkg/__init__.py')`.
 * Both keep answering for the package after its directory is gone, so their targets must be checked on disk.
 */
import { join } from 'node:path';
import type { FileSystem } from '../../ports.js';

export type HookKind = 'setuptools-finder' | 'editables-redirector';

export interface ModuleMapping {
  readonly kind: HookKind;
  /** The hook module file that holds the mapping. */
  readonly file: string;
  /** The top-level import name. */
  readonly module: string;
  /** The directory or file the hook sends the import to. */
  readonly path: string;
}

const PY_STRING = String.raw`(?:'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*")`;
const DICT_PAIR = new RegExp(`(${PY_STRING})\\s*:\\s*(${PY_STRING})`, 'g');
const MAPPING_LINE = /^MAPPING\s*(?::[^=]*)?=\s*(\{.*\})\s*$/m;
const MAP_MODULE = new RegExp(`map_module\\(\\s*(${PY_STRING})\\s*,\\s*(${PY_STRING})\\s*\\)`, 'g');

/** A Python string literal as `repr()` writes it (paths: only backslash and quote escapes occur). */
export function unquotePython(literal: string): string {
  return literal.slice(1, -1).replace(/\\(.)/g, (_all, ch: string) => ch);
}

export function parseHookModule(text: string, file: string): ModuleMapping[] {
  const out: ModuleMapping[] = [];
  const mapping = MAPPING_LINE.exec(text);
  if (mapping?.[1]) {
    for (const pair of mapping[1].matchAll(DICT_PAIR)) {
      out.push({
        kind: 'setuptools-finder',
        file,
        module: unquotePython(pair[1] ?? "''"),
        path: unquotePython(pair[2] ?? "''"),
      });
    }
  }
  for (const call of text.matchAll(MAP_MODULE)) {
    out.push({
      kind: 'editables-redirector',
      file,
      module: unquotePython(call[1] ?? "''"),
      path: unquotePython(call[2] ?? "''"),
    });
  }
  return out;
}

/** Hook modules are named after their backend; other `import` lines in `.pth` files are not editable installs. */
export function isEditableHookModule(module: string): boolean {
  return module.includes('editable');
}

export interface HookModuleRead {
  readonly module: string;
  readonly file: string;
  readonly exists: boolean;
  readonly mappings: readonly ModuleMapping[];
}

export async function readHookModule(fs: FileSystem, sitePackages: string, module: string): Promise<HookModuleRead> {
  const file = join(sitePackages, `${module.split('.')[0] ?? module}.py`);
  const stat = await fs.stat(file);
  if (!stat?.isFile) return { module, file, exists: false, mappings: [] };
  const mappings = parseHookModule((await fs.readFile(file)).toString('utf8'), file);
  return { module, file, exists: true, mappings };
}
