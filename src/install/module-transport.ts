/**
 * Non-Python modules declare `[module] transport = "wasm" | "grpc" | "rust"` in `amplifier.toml` (REFERENCE 6) and
 * are not pip-installed; everything else is a Python project.
 */
import { join } from 'node:path';
import type { FileSystem } from '../ports.js';

export const NON_PYTHON_TRANSPORTS: readonly string[] = ['wasm', 'grpc', 'rust'];

/** The `transport` value of the `[module]` table, or null when there is none. */
export function parseTransport(text: string): string | null {
  let section = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const header = /^\[([^\]]+)\]/.exec(line);
    if (header?.[1] !== undefined) {
      section = header[1].trim();
      continue;
    }
    if (section !== 'module') continue;
    const match = /^transport\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(line);
    if (match) return (match[1] ?? match[2] ?? '').trim();
  }
  return null;
}

export async function readModuleTransport(fs: FileSystem, dir: string): Promise<string | null> {
  const file = join(dir, 'amplifier.toml');
  if (!(await fs.stat(file))?.isFile) return null;
  return parseTransport((await fs.readFile(file)).toString('utf8'));
}

/** A directory pip or uv can build: it has one of the Python project files. */
export async function isPythonProject(fs: FileSystem, dir: string): Promise<boolean> {
  for (const name of ['pyproject.toml', 'setup.py', 'setup.cfg']) {
    if ((await fs.stat(join(dir, name)))?.isFile) return true;
  }
  return false;
}
