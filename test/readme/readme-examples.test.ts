/**
 * Every example of the README (and of docs/ where it shows commands) runs as written: each fenced shell block in
 * bash (`set -euo pipefail`), each TypeScript block type-checked strictly and run as an ES module, each JavaScript
 * block run (CommonJS when it calls require). Blocks run in document order from the repository root, so a later
 * block can use what an earlier one made (the quick start's venv). What differs from a reader's machine, and only that:
 * - `amplifier-modules` on PATH is the built CLI (dist/cli/index.js), as `npm install -g` would give;
 * - `/tmp/` in a block is this run's own temporary directory, and AMPLIFIER_HOME points into it, so the test never
 *   writes to the user's ~/.amplifier or another run's /tmp/demo-venv;
 * - `import ... from 'amplifier-modules'` resolves to this repository's build (lib/).
 * A block that cannot run here is marked on the line before its fence with `<!-- example: skip (why) -->` (the reason
 * shows in the test name), and a block whose point is a failing command with `<!-- example: exit N -->`.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type FencedBlock, fencedBlocks } from '../helpers/readme-blocks.js';
import { CLI, REPO_ROOT } from '../helpers/run-cli.js';

const SHELL = ['sh', 'bash', 'shell'];
const TYPESCRIPT = ['ts', 'typescript'];
const JAVASCRIPT = ['js', 'javascript', 'mjs', 'cjs'];
const TSC = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

const sandbox = mkdtempSync(join(tmpdir(), 'am-readme-'));
const bin = join(sandbox, 'bin');
const scripts = join(sandbox, 'scripts');
mkdirSync(bin);
mkdirSync(join(scripts, 'node_modules'), { recursive: true });
writeFileSync(join(bin, 'amplifier-modules'), `#!/bin/sh\nexec '${process.execPath}' '${CLI}' "$@"\n`);
chmodSync(join(bin, 'amplifier-modules'), 0o755);
// Scripts resolve 'amplifier-modules' as a consumer's would: through node_modules, to this repository's package.
symlinkSync(REPO_ROOT, join(scripts, 'node_modules', 'amplifier-modules'));

const env = {
  ...process.env,
  PATH: `${bin}:${process.env.PATH ?? ''}`,
  AMPLIFIER_HOME: join(sandbox, 'amplifier-home'),
  VIRTUAL_ENV: undefined,
  PIP_DISABLE_PIP_VERSION_CHECK: '1',
};

function documents(): string[] {
  const docs = join(REPO_ROOT, 'docs');
  const inDocs = readdirSync(docs)
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(docs, name));
  return [join(REPO_ROOT, 'README.md'), ...inDocs];
}

const runnable = (block: FencedBlock) => [...SHELL, ...TYPESCRIPT, ...JAVASCRIPT].includes(block.lang);
const blocks = documents().flatMap((file) => fencedBlocks(file).filter(runnable));

/** The one rewrite: `/tmp/` becomes this run's temporary directory. */
function asHere(text: string): string {
  return text.replaceAll('/tmp/', `${sandbox}/`);
}

function run(command: string, args: readonly string[]) {
  const result = spawnSync(command, [...args], { cwd: REPO_ROOT, env, encoding: 'utf8', timeout: 280_000 });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

function runBlock(block: FencedBlock, index: number) {
  const text = asHere(block.text);
  if (SHELL.includes(block.lang)) return run('bash', ['-euo', 'pipefail', '-c', text]);
  const commonJs = block.lang === 'cjs' || /\brequire\(/.test(text);
  const file = join(scripts, `block-${index}.${commonJs ? 'cjs' : 'mjs'}`);
  writeFileSync(file, text);
  if (TYPESCRIPT.includes(block.lang)) {
    const typed = join(scripts, `block-${index}.mts`);
    writeFileSync(typed, text);
    const options = [
      '--noEmit',
      '--strict',
      '--target',
      'es2022',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
    ];
    const tsc = run(process.execPath, [
      TSC,
      ...options,
      '--types',
      'node',
      '--typeRoots',
      join(REPO_ROOT, 'node_modules', '@types'),
      typed,
    ]);
    if (tsc.code !== 0) return tsc;
  }
  return run(process.execPath, [file]);
}

function expectedExit(block: FencedBlock): number {
  const exit = /^exit (\d+)$/.exec(block.marker ?? '');
  return exit ? Number(exit[1]) : 0;
}

describe('every README and docs example runs as written', () => {
  it('finds the examples', () => {
    expect(blocks.length).toBeGreaterThan(5);
    expect(existsSync(CLI)).toBe(true);
  });

  blocks.forEach((block, index) => {
    const where = `${block.file.slice(REPO_ROOT.length)}:${block.line} (${block.section}, ${block.lang})`;
    // `skip (why)`, or a need the machine cannot meet (`needs-network`, `needs-real-bundle`).
    const skip = /^(skip\b|needs-)/.test(block.marker ?? '');
    it.skipIf(skip)(skip ? `${where}: ${block.marker}` : where, { timeout: 300_000 }, () => {
      const result = runBlock(block, index);
      expect(result.code, `${where} printed:\n${result.output}`).toBe(expectedExit(block));
    });
  });
});
