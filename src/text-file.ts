/**
 * Reading a YAML file someone else may have written (profiles, bundles, agents, settings): only a regular file,
 * only up to a size no real file comes near, and only strict UTF-8. A FIFO or device would block or never end; a
 * file of many megabytes costs minutes of parsing; both are refused before a byte is parsed.
 */
import { InputError } from './errors.js';
import type { FileSystem } from './ports.js';

/** Real profiles, bundles and settings are a few kilobytes; the largest in the corpus is under 20 KiB. */
export const MAX_YAML_FILE_BYTES = 1024 * 1024;

const BOM = '\uFEFF';
const NEWLINE = 0x0a;

/** The 1-based line of the first byte sequence that is not UTF-8 (a newline byte is never inside a sequence). */
function firstInvalidLine(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== NEWLINE) continue;
    try {
      decoder.decode(bytes.subarray(start, i));
    } catch {
      return line;
    }
    line += 1;
    start = i + 1;
  }
  return 1;
}

/** Decodes strict UTF-8 (a leading BOM is dropped), as the Python loaders require. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
    throw new InputError('invalid-encoding', `file is not valid UTF-8${utf16 ? ' (it is UTF-16)' : ''}`, {
      file,
      line: firstInvalidLine(bytes),
      fix: 'save the file as UTF-8',
    });
  }
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  // PyYAML reads a lone CR (old Mac line endings) as a line break, as it does CR LF: one line each, so every line
  // number stays the one an editor shows.
  return body.includes('\r') ? body.replace(/\r\n?/g, '\n') : body;
}

/** Reads `file` as text; `what` names it in messages ("file", "settings file"). */
export async function readYamlFileText(fs: FileSystem, file: string, what = 'file'): Promise<string> {
  const stat = await fs.stat(file).catch(() => null);
  if (stat && !stat.isFile)
    throw new InputError('file-unreadable', `${what} is not a regular file`, {
      file,
      fix: stat.isDirectory ? 'give the path of a file, not a directory' : 'give the path of a regular file',
    });
  if (stat && stat.size > MAX_YAML_FILE_BYTES)
    throw new InputError(
      'yaml-too-complex',
      `${what} is ${stat.size} bytes, larger than the ${MAX_YAML_FILE_BYTES}-byte limit for YAML files`,
      { file, line: 1, fix: 'split it, or check that the path names the profile, bundle or settings file meant' },
    );
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError('file-unreadable', `cannot read ${what}: ${reason}`, {
      file,
      fix: 'check the path and its permissions',
    });
  }
  return decodeUtf8(bytes, file);
}
