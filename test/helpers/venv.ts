/**
 * Real virtual environments for the audit and install tests: Debian's Python with the system site-packages
 * (where setuptools, flit, poetry-core and hatchling live) and pip without network or build isolation.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeExec } from '../../src/ports/node-exec.js';
import type { PythonSession } from '../../src/python/python-session.js';
import { sessionOf } from './python-session.js';

export const BASE_PYTHON = '/usr/bin/python3';

/** The offline flags every test install needs (pip cannot reach PyPI here). */
export const OFFLINE_PIP_ARGS: readonly string[] = ['--no-build-isolation', '--no-deps', '--no-index'];

export interface TestVenv {
  readonly dir: string;
  readonly python: string;
  /** The venv's Python session, located as a run locates `--python` (asked where it lives). */
  readonly session: PythonSession;
}

export async function createVenv(parent?: string): Promise<TestVenv> {
  const base = parent ?? (await mkdtemp(join(tmpdir(), 'am-venv-')));
  const dir = join(base, 'venv');
  const made = await nodeExec.run(BASE_PYTHON, ['-m', 'venv', '--system-site-packages', '--without-pip', dir]);
  if (made.code !== 0) throw new Error(`venv creation failed: ${made.stderr}`);
  const python = join(dir, 'bin', 'python');
  return { dir, python, session: await sessionOf(python) };
}

/** `pip install -e` through the system pip module running inside the venv. */
export async function pipInstallEditable(
  venv: TestVenv,
  dirs: readonly string[],
  extraArgs: readonly string[] = [],
): Promise<void> {
  const args = ['-m', 'pip', 'install', ...OFFLINE_PIP_ARGS, ...extraArgs, ...dirs.flatMap((d) => ['-e', d])];
  const result = await nodeExec.run(venv.python, args, { env: { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: '1' } });
  if (result.code !== 0) throw new Error(`pip install failed:\n${result.stdout}\n${result.stderr}`);
}

export async function pipUninstall(venv: TestVenv, names: readonly string[]): Promise<void> {
  const result = await nodeExec.run(venv.python, ['-m', 'pip', 'uninstall', '-y', ...names]);
  if (result.code !== 0) throw new Error(`pip uninstall failed:\n${result.stderr}`);
}
