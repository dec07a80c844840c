// Wall time of commands run as a user runs them (a child process, an argument array): the median of repeated runs
// and the min – max, this project's command and its naive counterpart taken in turn so the machine's load hits both.
import { spawn } from 'node:child_process';

/** Runs one spec { command, args, env, cwd }; resolves its wall time in ms. A failing command throws with its output. */
function timeOnce(spec) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(spec.command, spec.args, { cwd: spec.cwd, env: spec.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => out.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code === 0) resolve(ms);
      else {
        const text = Buffer.concat(out).toString('utf8').slice(-3000);
        reject(new Error(`${spec.command} ${spec.args.join(' ')} exited ${code}:\n${text}`));
      }
    });
  });
}

/** One timed run of a side: its untimed `before()`, then its steps one after the other. */
async function runSide(side) {
  if (side.before) await side.before();
  let ms = 0;
  for (const step of side.steps) ms += await timeOnce(step);
  return ms;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function summary(samples) {
  return { runs: samples.length, ms: median(samples), min: Math.min(...samples), max: Math.max(...samples) };
}

/**
 * Measures sides in turn: run i of every side that has `runs` > i, then run i + 1, so a change in the machine's load
 * hits them alike. Each side is { steps: [spec], runs, before?() }; returns one { runs, ms, min, max } per side.
 */
export async function measureInTurn(sides) {
  const samples = sides.map(() => []);
  for (let i = 0; i < Math.max(...sides.map((side) => side.runs)); i += 1) {
    for (const [k, side] of sides.entries()) if (i < side.runs) samples[k].push(await runSide(side));
  }
  return samples.map(summary);
}
