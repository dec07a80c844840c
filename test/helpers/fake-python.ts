/**
 * A fake interpreter for fast in-process runs: an Exec port that passes every command to the real nodeExec except
 * one interpreter path, `<root>/venv/bin/python`, a file on disk that is never executed. For it the port answers as a
 * small real Python with pip would, on REAL files: the venv has a real `lib/python3.11/site-packages`, `pip install -e`
 * writes a real editable install there (fake-pip.ts), and the probe computes `find_spec` from those files.
 * Every start is recorded, so a test can say how many Python processes a run started and which.
 */
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { nodeExec } from '../../src/ports/node-exec.js';
import type { Exec, ExecOptions, ExecResult } from '../../src/ports.js';
import { INTERPRETER_MARKER, INTERPRETER_SCRIPT } from '../../src/python/ask-interpreter.js';
import { PROBE_MARKER, PROBE_SCRIPT, type ProbeRequest, type ProbeResult } from '../../src/python/probe.js';
import { VERSIONS_SCRIPT } from '../../src/stages/install/environment-distributions.js';
import { answer, BROKEN_MARK, distInfos, normal, pipInstall } from './fake-pip.js';

export { BROKEN_MARK };

export type PythonStartKind = 'ask' | 'probe' | 'versions' | 'pip-install' | 'pip-check' | 'unknown';

export interface ProcessStart {
  readonly command: string;
  /** The arguments, each `-c` script shortened to its first line. */
  readonly args: readonly string[];
  /** The working directory it was started in (undefined: the test process's). */
  readonly cwd: string | undefined;
  /** What the fake interpreter was asked; null for a command passed to the real nodeExec. */
  readonly kind: PythonStartKind | null;
}

export interface FakePython {
  readonly python: string;
  /** A wrapper script in front of `python` (what a pyenv or asdf shim is): its own directory holds no environment. */
  readonly shim: string;
  readonly venv: string;
  readonly sitePackages: string;
  readonly exec: Exec;
  readonly starts: ProcessStart[];
  /** The kinds of the fake interpreter's starts, in order. */
  pythonStarts(): PythonStartKind[];
  /** Forgets the starts recorded so far (between two runs of one test). */
  forget(): void;
}

export const PYTHON_VERSION = '3.11.9';

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/** The versions script's answer: `json.dumps` (Python's separators) of the installed versions among `names`. */
async function versions(site: string, names: readonly string[]): Promise<string> {
  const installed = await distInfos(site);
  const found = names.flatMap((name) => {
    const version = installed.get(normal(name))?.version;
    return version ? [`${JSON.stringify(name)}: ${JSON.stringify(version)}`] : [];
  });
  return `{${found.join(', ')}}`;
}

function kindOf(args: readonly string[]): PythonStartKind {
  const script = args[args.indexOf('-c') + 1];
  if (args.includes('-c') && script === INTERPRETER_SCRIPT) return 'ask';
  if (args.includes('-c') && script === PROBE_SCRIPT) return 'probe';
  if (args.includes('-c') && script === VERSIONS_SCRIPT) return 'versions';
  if (args[0] === '-m' && args[1] === 'pip' && args[2] === 'install') return 'pip-install';
  if (args[0] === '-m' && args[1] === 'pip' && args[2] === 'check') return 'pip-check';
  return 'unknown';
}

/** `sys.path` as `site` builds it: the site directory, then each `.pth` path line (sorted files) that exists. */
async function sysPath(site: string): Promise<string[]> {
  const path = [site];
  for (const name of (await readdir(site)).filter((e) => e.endsWith('.pth') && !e.startsWith('.')).sort()) {
    for (const line of (await readFile(join(site, name), 'utf8')).split('\n')) {
      if (line.startsWith('#') || line.startsWith('import') || line.trim() === '') continue;
      const dir = resolve(site, line.trimEnd());
      if (!path.includes(dir) && (await exists(dir))) path.push(dir);
    }
  }
  return path;
}

/** `importlib.util.find_spec` for a regular package or a module file (namespace packages are not faked). */
async function findSpec(path: readonly string[], item: ProbeRequest, importCheck: boolean): Promise<ProbeResult> {
  const relative = item.module.split('.').join('/');
  for (const dir of path) {
    const pkg = join(dir, relative);
    const candidates = [
      { origin: join(pkg, '__init__.py'), locations: [{ path: pkg, exists: true }] },
      { origin: `${pkg}.py`, locations: [] },
    ];
    for (const { origin, locations } of candidates) {
      if (!(await exists(origin))) continue;
      const text = await readFile(origin, 'utf8');
      const attrFound = importCheck && item.attr ? new RegExp(`\\b(def|class) ${item.attr}\\b`).test(text) : null;
      const base = { module: item.module, found: true, origin, originExists: true, locations };
      return { ...base, specError: null, importError: null, attrFound };
    }
  }
  const importError = importCheck ? `ModuleNotFoundError: No module named '${item.module}'` : null;
  const base = { module: item.module, found: false, origin: null, originExists: null, locations: [] };
  return { ...base, specError: null, importError, attrFound: null };
}

export async function createFakePython(root: string): Promise<FakePython> {
  const venv = join(root, 'venv');
  const python = join(venv, 'bin', 'python');
  const sitePackages = join(venv, 'lib', 'python3.11', 'site-packages');
  await mkdir(sitePackages, { recursive: true });
  await mkdir(join(venv, 'bin'), { recursive: true });
  await writeFile(python, '#!/bin/sh\necho "the fake interpreter is never run" >&2\nexit 1\n');
  await writeFile(
    join(venv, 'pyvenv.cfg'),
    `home = /usr/bin\ninclude-system-site-packages = false\nversion = ${PYTHON_VERSION}\n`,
  );
  const shim = join(root, 'shims', 'python3');
  await mkdir(join(root, 'shims'), { recursive: true });
  await writeFile(shim, `#!/bin/sh\nexec '${python}' "$@"\n`, { mode: 0o755 });
  const starts: ProcessStart[] = [];

  const fake = async (
    command: string,
    args: readonly string[],
    options: ExecOptions | undefined,
  ): Promise<ExecResult> => {
    const kind = kindOf(args);
    starts.push({ command, args: args.map((a) => a.split('\n').find(Boolean) ?? a), cwd: options?.cwd, kind });
    switch (kind) {
      case 'ask': {
        const said = { executable: python, prefix: venv, sitePackages: [sitePackages], isVenv: true };
        return answer(`${INTERPRETER_MARKER}${JSON.stringify(said)}\n`);
      }
      case 'probe': {
        const request = JSON.parse((await options?.input) ?? '{}') as { modules: ProbeRequest[]; importCheck: boolean };
        const path = await sysPath(sitePackages);
        const results = await Promise.all(request.modules.map((item) => findSpec(path, item, request.importCheck)));
        const said = { executable: python, version: PYTHON_VERSION, sitePackages: [sitePackages], results };
        return answer(`${PROBE_MARKER}\n${JSON.stringify(said)}\n`);
      }
      case 'versions':
        return answer(`${await versions(sitePackages, JSON.parse((await options?.input) ?? '[]') as string[])}\n`);
      case 'pip-install': {
        const result = await pipInstall(sitePackages, args);
        options?.onOutput?.(result.stdout + result.stderr);
        return result;
      }
      case 'pip-check':
        return answer('No broken requirements found.\n');
      case 'unknown':
        return answer('', 1, `fake python: no answer for ${args.join(' ').slice(0, 80)}\n`);
    }
  };

  const exec: Exec = {
    run(command, args, options) {
      if (command === python || command === shim) return fake(command, args, options);
      starts.push({ command, args: [...args], cwd: options?.cwd, kind: null });
      return nodeExec.run(command, args, options);
    },
  };
  return {
    python,
    shim,
    venv,
    sitePackages,
    exec,
    starts,
    pythonStarts: () => starts.flatMap((s) => (s.kind ? [s.kind] : [])),
    forget: () => {
      starts.length = 0;
    },
  };
}
