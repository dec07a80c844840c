import { extname } from 'node:path';
import { InputError } from '../errors.js';
import type { FileSystem } from '../ports.js';
import { parseYamlSource, type YamlSource } from './yaml-source.js';

const BOM = '\uFEFF';

/** Decodes strict UTF-8 (a leading BOM is dropped), as the Python loaders require. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new InputError('invalid-encoding', 'file is not valid UTF-8', {
      file,
      fix: 'save the file as UTF-8',
    });
  }
  return text.startsWith(BOM) ? text.slice(1) : text;
}

/** The YAML part of a `.md` file: text between a `---` line at offset 0 and the next `---` line. */
export function extractFrontMatter(text: string, file: string): { readonly yaml: string; readonly lineOffset: number } {
  const lines = text.split('\n');
  if ((lines[0] ?? '').trimEnd() !== '---') {
    throw new InputError('invalid-value', 'no YAML front matter: the file must start with a `---` line', {
      file,
      line: 1,
      fix: 'put the YAML between two `---` lines at the very top of the file',
    });
  }
  const end = lines.findIndex((line, index) => index > 0 && line.trimEnd() === '---');
  if (end < 0) {
    throw new InputError('invalid-value', 'front matter is not closed: no second `---` line', {
      file,
      line: 1,
      fix: 'end the YAML front matter with a `---` line',
    });
  }
  return { yaml: lines.slice(1, end).join('\n'), lineOffset: 1 };
}

/** Whether a path names a file read as Markdown with front matter (otherwise plain YAML). */
export function isMarkdownFile(file: string): boolean {
  return extname(file).toLowerCase() === '.md';
}

/** Reads a profile, bundle or agent file: `.md` front matter or a whole `.yaml`/`.yml` file. */
export async function readDeclarationFile(fs: FileSystem, file: string): Promise<YamlSource> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError('file-unreadable', `cannot read file: ${reason}`, {
      file,
      fix: 'check the path and its permissions',
    });
  }
  const text = decodeUtf8(bytes, file);
  if (isMarkdownFile(file)) {
    const { yaml, lineOffset } = extractFrontMatter(text, file);
    return parseYamlSource(file, yaml, lineOffset);
  }
  return parseYamlSource(file, text, 0);
}
