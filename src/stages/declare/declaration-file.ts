import { extname } from 'node:path';
import { InputError } from '../../errors.js';
import type { FileSystem } from '../../ports.js';
import { readYamlFileText } from '../../text-file.js';
import { parseYamlSource, type YamlSource } from '../../yaml/yaml-document.js';

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
  const text = await readYamlFileText(fs, file);
  if (isMarkdownFile(file)) {
    const { yaml, lineOffset } = extractFrontMatter(text, file);
    return parseYamlSource(file, yaml, lineOffset);
  }
  return parseYamlSource(file, text, 0);
}
