#!/usr/bin/env node
/**
 * Structure checks run by `npm test`, the measures of a tidy tree anyone can run: no import cycle between the files of
 * `src/`; no import back-edge between stages (a stage imports only the stages below it in STAGE_ORDER, never one
 * above); no source file over 300 lines (one job per file); no two source files with the same name (a name says its
 * job, so it is unique). Usage: check-structure.mjs [SRC_DIR]. Prints every problem and exits 1 when there is any.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';

const MAX_LINES = 300;

/**
 * The stages of src/ from the top (front ends) to the ground (shared values and ports): each entry is one layer, a
 * folder of src/ or a top-level file, and a file may import its own layer or any layer below it. An import of a layer
 * above is a back-edge: the stage below would depend on its caller. Stages in one layer import each other freely (the
 * cycle check still applies). A new folder or top-level file must be placed here.
 */
const STAGE_ORDER = [
  ['cli', 'action', 'library', 'index.ts'], // front ends: argv, action inputs or library calls in, output out
  ['pipeline.ts'], // which command runs what
  ['commands'], // each command: a short script over the stages (one folder per command, and what they share)
  ['ports', 'normalise-options.ts', 'pipeline-options.ts', 'namespace-dirs.ts'], // real ports; the one option normaliser
  ['lock'],
  ['ci-cache'], // the Actions cache around the module cache: key, restore, screen, save plan
  ['module-cache'], // who uses which clone, the environment registry, prune's quarantine
  ['report'],
  ['stages/audit'],
  ['stages/install'],
  ['stages/declare'],
  ['stages/resolve'],
  ['settings'], // settings files of every scope, merged with where each value came from
  ['stages/fetch'],
  ['python'], // the run's one interpreter: chosen, located, asked (the session, the probe)
  ['source'],
  [
    // the ground: value types, errors, the option table, small readers every stage may use
    'options',
    'yaml',
    'text-file.ts',
    'json-object.ts',
    'shell-words.ts',
    'secrets.ts',
    'printable.ts',
    'ports.ts',
    'diagnostics.ts',
    'errors.ts',
    'result.ts',
    'model.ts',
    'finding-codes.ts',
    'version.ts',
  ],
];

/**
 * The entry points, the only files whose name may repeat: their folder says whose entry they are (`index.ts` is the
 * package's entry and the CLI binary's, `main.ts` the action's main step and the CLI's main, as Node, the bundler and
 * action.yml expect these names).
 */
const ENTRY_FILES = new Set(['index.ts', 'cli/index.ts', 'cli/main.ts', 'action/main.ts']);
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
// A folder of src/ is a stage, except `stages/`, whose folders are (`stages/fetch`, ...).
const stageOf = (file) => {
  const [top = file, inner] = relative(root, file).split('/');
  return top === 'stages' && inner !== undefined ? `${top}/${inner}` : top;
};
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
const layerOf = new Map(STAGE_ORDER.flatMap((layer, rank) => layer.map((stage) => [stage, rank])));
for (const stage of stages.keys()) {
  if (!layerOf.has(stage))
    problems.push(`${stage}: a stage not in STAGE_ORDER (scripts/check-structure.mjs): place it`);
}
for (const [file, targets] of graph) {
  const from = layerOf.get(stageOf(file));
  for (const target of targets) {
    const to = layerOf.get(stageOf(target));
    if (from === undefined || to === undefined || !graph.has(target) || to >= from) continue;
    problems.push(
      `import back-edge: ${relative(root, file)} -> ${relative(root, target)} (${stageOf(file)} sits below ${stageOf(target)}): move what it needs down`,
    );
  }
}
const byName = new Map();
for (const file of graph.keys()) {
  if (ENTRY_FILES.has(relative(root, file))) continue;
  const name = basename(file);
  byName.set(name, [...(byName.get(name) ?? []), relative(root, file)]);
}
for (const [name, files] of byName) {
  if (files.length > 1) problems.push(`duplicate file name ${name}: ${files.join(', ')}: name each by its job`);
}
if (problems.length > 0) {
  process.stderr.write(`${problems.join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(
  `structure ok: ${graph.size} files, no import cycle between files or stages, no import back-edge between stages, ` +
    `none over ${MAX_LINES} lines, no duplicate file name\n`,
);
