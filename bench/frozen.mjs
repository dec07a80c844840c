// Issue 16's figure: a cached `warm --frozen` (pins from the lock file, no `git ls-remote`) beside a cached
// `warm --offline` (pins from the module cache) and a cached `warm` (one ls-remote per repository). Drives the built
// CLI as a user does: `lock` writes the lock beside the bench profile, then each run must exit 0.
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { median, timeOnce } from './measure.mjs';

function load() {
  return loadavg().map((value) => value.toFixed(2));
}

function mustPass(spec, what) {
  const result = spawnSync(spec.command, spec.args, { cwd: spec.cwd, env: spec.env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${what} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
}

export async function measureFrozen({ n, runs, cli, opts, progress }) {
  progress(`N=${n}: lock, then cached warm --frozen vs --offline`);
  const loadStart = load();
  // The module cache is warm and the lock matches it: every figure below is a run with nothing to fetch.
  mustPass(cli(['warm', ...opts]), 'warm');
  mustPass(cli(['lock', ...opts]), 'lock');
  mustPass(cli(['warm', '--frozen', ...opts]), 'warm --frozen');
  // Interleaved, so a change in the shared machine's load hits the three alike.
  const specs = {
    frozen: cli(['warm', '--frozen', ...opts]),
    offline: cli(['warm', '--offline', ...opts]),
    online: cli(['warm', ...opts]),
  };
  const samples = { frozen: [], offline: [], online: [] };
  for (let i = 0; i < runs; i += 1) {
    for (const [name, spec] of Object.entries(specs)) samples[name].push((await timeOnce(spec)).ms);
  }
  const [frozen, offline, online] = ['frozen', 'offline', 'online'].map((name) => ({
    command: [specs[name].command, ...specs[name].args],
    runs,
    ms: median(samples[name]),
    min: Math.min(...samples[name]),
    max: Math.max(...samples[name]),
    samples: samples[name],
  }));
  return { n, runs, frozen, offline, online, loadStart, loadEnd: load() };
}
