// The machine the figures were measured on, as BENCHMARKS.md states it.
import { spawnSync } from 'node:child_process';
import { cpus, release, totalmem, type } from 'node:os';

function firstLine(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error || result.status !== 0) return 'not available';
  return `${result.stdout}${result.stderr}`.trim().split('\n')[0];
}

/** `node` runs the CLI; `python` is the base interpreter the venvs are made from. */
export function describeMachine(node, python) {
  const cores = cpus();
  return {
    CPU: `${cores[0]?.model ?? 'unknown CPU'} x ${cores.length}`,
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    OS: `${type()} ${release()}`,
    'Node running the CLI (`$NODE`)': firstLine(node, ['--version']),
    'Node running the bench': process.version,
    Python: firstLine(python, ['--version']),
    pip: firstLine(python, ['-m', 'pip', '--version']).replace(/ from .*/, ''),
    setuptools: firstLine(python, ['-c', 'import setuptools; print(setuptools.__version__)']),
    git: firstLine('git', ['--version']),
    date: new Date().toISOString().slice(0, 10),
  };
}
