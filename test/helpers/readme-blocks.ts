/**
 * The fenced code blocks of a Markdown file, with the heading they sit under and the marker written before them.
 * A marker is an HTML comment on the line right before the fence, `<!-- example: skip (why) -->` (also written
 * `<!-- readme-example: needs-network -->`), for a block the
 * README-examples test cannot run as written (it needs the network or a real Amplifier bundle); the reason is shown
 * in the test's name, so every skip stays visible.
 */
import { readFileSync } from 'node:fs';

export interface FencedBlock {
  readonly file: string;
  /** Line of the opening fence, 1-based. */
  readonly line: number;
  /** The info string's first word (`sh`, `ts`, `js`, `yaml`), or '' for a plain block (output shown to the reader). */
  readonly lang: string;
  readonly text: string;
  /** The latest `#` heading above the block. */
  readonly section: string;
  /** `skip (why)` from `<!-- example: skip (why) -->` (or `needs-network` from `<!-- readme-example: ... -->`) right
   * before the fence, else null. */
  readonly marker: string | null;
}

const FENCE = /^(\s*)(```+|~~~+)\s*([^\s`]*)/;
const MARKER = /^\s*<!--\s*(?:readme-)?example:\s*(.*?)\s*-->\s*$/;

export function fencedBlocks(file: string, markdown = readFileSync(file, 'utf8')): FencedBlock[] {
  const lines = markdown.split('\n');
  const blocks: FencedBlock[] = [];
  let section = '';
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (heading) section = heading[1] ?? '';
    const fence = FENCE.exec(line);
    if (!fence) continue;
    const [, indent = '', ticks = '```', lang = ''] = fence;
    const body: string[] = [];
    let end = index + 1;
    for (; end < lines.length; end += 1) {
      const closing = lines[end] ?? '';
      if (closing.trim().startsWith(ticks) && closing.trim().replace(/[`~]/g, '') === '') break;
      body.push(closing.startsWith(indent) ? closing.slice(indent.length) : closing);
    }
    const marker = MARKER.exec(lines[index - 1] ?? '')?.[1] ?? null;
    blocks.push({ file, line: index + 1, lang, text: `${body.join('\n')}\n`, section, marker });
    index = end;
  }
  return blocks;
}
