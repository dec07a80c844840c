/**
 * Non-Python modules declare `[module] transport = "wasm" | "grpc" | "rust"` in `amplifier.toml` (docs/formats.md) and
 * are not pip-installed; everything else is a Python project.
 */
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import type { FileSystem } from '../../ports.js';

export const NON_PYTHON_TRANSPORTS: readonly string[] = ['wasm', 'grpc', 'rust'];

/** The `transport` value of the `[module]` table, or null when there is none (or the file is not TOML). */
export function parseTransport(text: string): string | null {
  try {
    const module = (parseToml(text) as { module?: unknown }).module;
    const transport =
      module !== null && typeof module === 'object' ? (module as { transport?: unknown }).transport : null;
    return typeof transport === 'string' ? transport.trim() : null;
  } catch {
    return null;
  }
}

export async function readModuleTransport(fs: FileSystem, dir: string): Promise<string | null> {
  const file = join(dir, 'amplifier.toml');
  if (!(await fs.stat(file))?.isFile) return null;
  return parseTransport((await fs.readFile(file)).toString('utf8'));
}
