#!/usr/bin/env node
/**
 * Structure checks run by `npm test`: no import cycle between the files of `src/` (a stage imports the stages below
 * it, never one above), and no source file over 300 lines (one job per file). Usage: check-structure.mjs [SRC_DIR].
 * Prints every cycle (as a file chain) and every long file, and exits 1 when there is any.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const MAX_LINES = 300;
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"](\.{1,2}\/[^'"]+)['"]/g;
const SIDE_EFFECT_IMPORT = /(?:^|\n)\s*import\s+['"](\.{1,2}\/[^'"]+)['"]/g;

function sourceFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Relative imports of one file, as source paths (`./x.js` is written for `./x.ts`). */
function importsOf(file, text) {
  const targets = new Set();
  for (const pattern of [IMPORT, SIDE_EFFECT_IMPORT]) {
    for (const match of text.matchAll(pattern)) {
      const spec = match[1];
      if (spec) targets.add(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
    }
  }
  return [...targets];
}

/** Tarjan's strongly connected components: every component of more than one file (or a self-import) is a cycle. */
function cycles(graph) {
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (node) => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node), index.get(next)));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.reverse());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

const root = resolve(process.argv[2] ?? 'src');
const graph = new Map();
const problems = [];
for (const file of sourceFiles(root)) {
  const text = readFileSync(file, 'utf8');
  graph.set(file, importsOf(file, text));
  const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  if (lines > MAX_LINES)
    problems.push(`${relative(root, file)}: ${lines} lines (at most ${MAX_LINES}): split it by job`);
}
for (const component of cycles(graph)) {
  const names = component.map((file) => relative(root, file));
  problems.push(`import cycle among files: ${names.join(', ')}: move what they share into a lower stage`);
}
// Stages (the folders of src/, and each top-level file on its own) must not import each other in a circle either.
const stageOf = (file) => relative(root, file).split('/')[0] ?? file;
const stages = new Map();
for (const [file, targets] of graph) {
  const from = stageOf(file);
  const edges = stages.get(from) ?? new Set();
  for (const target of targets) if (graph.has(target) && stageOf(target) !== from) edges.add(stageOf(target));
  stages.set(from, edges);
}
const stageGraph = new Map([...stages].map(([stage, edges]) => [stage, [...edges]]));
for (const component of cycles(stageGraph)) {
  const witness = component.flatMap((stage) =>
    [...graph].flatMap(([file, targets]) =>
      stageOf(file) === stage
        ? targets
            .filter((t) => component.includes(stageOf(t)) && stageOf(t) !== stage)
            .map((t) => `${relative(root, file)} -> ${relative(root, t)}`)
        : [],
    ),
  );
  problems.push(`import cycle among stages: ${component.join(', ')} (${witness.join('; ')})`);
}
if (problems.length > 0) {
  process.stderr.write(`${problems.join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(
  `structure ok: ${graph.size} files, no import cycle between files or stages, none over ${MAX_LINES} lines\n`,
);
