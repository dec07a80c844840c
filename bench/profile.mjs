// Where a CLI run spends its main thread: one `node --cpu-prof` run, summarised (self time per function, and
// inclusive time of the pipeline's stages). ncc keeps function names, so the bundle's names are the source's.
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { timeOnce } from './measure.mjs';

/** Pipeline functions whose inclusive time says which stage is slow (names as in src/). */
const STAGES = [
  'loadAndResolve',
  'pinRefs',
  'ensureCheckouts',
  'installModules',
  'auditModules',
  'scanSitePackages',
  'runProbe',
];

function frameName(node) {
  const name = node.callFrame.functionName || '(anonymous)';
  const file = node.callFrame.url.split('/').pop();
  return file ? `${name} (${file}:${node.callFrame.lineNumber + 1})` : name;
}

export function summariseProfile(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const selfUs = new Map();
  let totalUs = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    totalUs += delta;
    selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
  });
  const selfByName = new Map();
  const inclusive = new Map();
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    const name = frameName(node);
    selfByName.set(name, (selfByName.get(name) ?? 0) + us);
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parentOf.get(cur)) {
      const fn = byId.get(cur).callFrame.functionName;
      if (STAGES.includes(fn) && !seen.has(fn)) {
        seen.add(fn);
        inclusive.set(fn, (inclusive.get(fn) ?? 0) + us);
      }
    }
  }
  const top = [...selfByName]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([name, us]) => ({ name, ms: us / 1000 }));
  const stages = STAGES.filter((name) => inclusive.has(name)).map((name) => ({ name, ms: inclusive.get(name) / 1000 }));
  return { totalMs: totalUs / 1000, top, stages };
}

/** Runs `spec` (a node CLI spec) once under `--cpu-prof` and summarises the profile. */
export async function profileRun(spec, dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const profiled = { ...spec, args: ['--cpu-prof', `--cpu-prof-dir=${dir}`, ...spec.args] };
  await timeOnce(profiled);
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`node --cpu-prof wrote no profile in ${dir}`);
  const summary = summariseProfile(JSON.parse(readFileSync(join(dir, file), 'utf8')));
  rmSync(dir, { recursive: true, force: true });
  return { command: [spec.command, ...spec.args], ...summary };
}
