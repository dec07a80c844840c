/**
 * The fingerprint of a module's build metadata, computed exactly as Amplifier's own install state does
 * (amplifier-foundation `InstallStateManager`): sha256 over each present file's name then bytes, in the order
 * pyproject.toml, requirements.txt; "none" when neither exists. Each file's own hash is kept too, so a report
 * can say which file changed.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { FileSystem } from '../../ports.js';
import { err, ok, type Result } from '../../result.js';

export const FINGERPRINTED_FILES: readonly string[] = ['pyproject.toml', 'requirements.txt'];

export interface BuildFilesHash {
  /** Amplifier's `pyproject_hash`: `sha256:<hex>` or `none`. */
  readonly combined: string;
  /** File name -> `sha256:<hex>` of its bytes, for the files that exist. */
  readonly files: Readonly<Record<string, string>>;
}

/** The hash, or why a build file could not be read. */
export type Fingerprint = Result<BuildFilesHash, string>;

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code ?? (error instanceof Error ? error.message : String(error));
}

/** Reads the build files of `dir`; a file that exists but cannot be read makes the fingerprint unknown. */
export async function fingerprintOf(fs: FileSystem, dir: string): Promise<Fingerprint> {
  const combined = createHash('sha256');
  const files: Record<string, string> = {};
  for (const name of FINGERPRINTED_FILES) {
    const path = join(dir, name);
    let bytes: Buffer;
    try {
      const stat = await fs.stat(path);
      if (stat === null) continue;
      bytes = await fs.readFile(path);
    } catch (error) {
      return err(`${name} cannot be read (${describe(error)})`);
    }
    combined.update(name, 'utf8');
    combined.update(bytes);
    files[name] = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  }
  if (Object.keys(files).length === 0) return ok({ combined: 'none', files });
  return ok({ combined: `sha256:${combined.digest('hex')}`, files });
}

/** The names of the build files whose hash differs (added or removed files count as changed). */
export function changedFiles(
  recorded: Readonly<Record<string, string>>,
  current: Readonly<Record<string, string>>,
): string[] {
  return FINGERPRINTED_FILES.filter((name) => recorded[name] !== current[name]);
}
