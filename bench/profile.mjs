// Where a CLI run spends its main thread: one `node --cpu-prof` run, summarised as self time per function. (Inclusive
// time per stage would mislead: async continuations are sampled without their caller.) ncc keeps function names.
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { timeOnce } from './measure.mjs';

function frameName(node) {
  const name = node.callFrame.functionName || '(anonymous)';
  const file = node.callFrame.url.split('/').pop();
  return file ? `${name} (${file}:${node.callFrame.lineNumber + 1})` : name;
}

export function summariseProfile(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map();
  let totalUs = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    totalUs += delta;
    selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
  });
  const selfByName = new Map();
  for (const [id, us] of selfUs) {
    const name = frameName(byId.get(id));
    selfByName.set(name, (selfByName.get(name) ?? 0) + us);
  }
  const top = [...selfByName]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([name, us]) => ({ name, ms: us / 1000 }));
  return { totalMs: totalUs / 1000, top };
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
