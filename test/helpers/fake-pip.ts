/**
 * What a fake `pip install -e DIR...` does to a real site directory, as pip does it: each project obtained and its
 * metadata prepared in order, then a real editable install written for each (dist-info with METADATA, RECORD,
 * INSTALLER, direct_url.json, entry_points.txt, and a path `.pth`), the one it replaces uninstalled first. A project
 * whose `[project].name` contains BROKEN_MARK fails its metadata step with pip's own output, and nothing of the batch
 * is installed, so a run's batch splitting meets real pip wording. Used by fake-python.ts.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseToml } from 'smol-toml';
import type { ExecResult } from '../../src/ports.js';

/** A project whose name contains this fails its editable build. */
export const BROKEN_MARK = 'broken';

export const answer = (stdout: string, code = 0, stderr = ''): ExecResult => ({
  code,
  signal: null,
  stdout,
  stderr,
  spawnError: null,
});

/** PEP 503, as `importlib.metadata` and pip compare names. */
export const normal = (name: string) => name.toLowerCase().replace(/[-_.]+/g, '-');

/** Installed distributions in the site directory: normalised name -> dist-info directory, version. */
export async function distInfos(site: string): Promise<Map<string, { dir: string; version: string }>> {
  const found = new Map<string, { dir: string; version: string }>();
  for (const entry of (await readdir(site)).filter((e) => e.endsWith('.dist-info'))) {
    const metadata = await readFile(join(site, entry, 'METADATA'), 'utf8').catch(() => '');
    const name = /^Name: (.+)$/m.exec(metadata)?.[1];
    const version = /^Version: (.+)$/m.exec(metadata)?.[1];
    if (name && version) found.set(normal(name), { dir: join(site, entry), version });
  }
  return found;
}

interface Project {
  readonly dir: string;
  readonly name: string;
  readonly version: string;
  readonly entryPoints: Readonly<Record<string, unknown>>;
}

async function readProject(dir: string): Promise<Project | null> {
  const text = await readFile(join(dir, 'pyproject.toml'), 'utf8').catch(() => null);
  if (text === null) return null;
  const project = (parseToml(text) as { project?: Record<string, unknown> }).project ?? {};
  const groups = (project['entry-points'] ?? {}) as Record<string, Record<string, unknown>>;
  return {
    dir,
    name: String(project.name ?? 'UNKNOWN'),
    version: String(project.version ?? '0.0.0'),
    entryPoints: groups['amplifier.modules'] ?? {},
  };
}

const recordRow = (file: string, data: string) =>
  `${file},sha256=${createHash('sha256').update(data).digest('base64url')},${Buffer.byteLength(data)}`;

/** What pip leaves for an editable install with a path `.pth` (setuptools' lenient mode, hatchling's dev-mode-dirs). */
async function writeEditable(site: string, project: Project, installed: Map<string, { dir: string }>): Promise<void> {
  // pip uninstalls the distribution it replaces, files listed in its RECORD first.
  const previous = installed.get(normal(project.name))?.dir;
  if (previous) {
    const record = await readFile(join(previous, 'RECORD'), 'utf8').catch(() => '');
    for (const row of record.split('\n').filter(Boolean))
      await rm(resolve(site, row.split(',')[0] ?? ''), { force: true });
    await rm(previous, { recursive: true, force: true });
  }
  const wheelName = project.name.replace(/[-_.]+/g, '_').toLowerCase();
  const info = `${wheelName}-${project.version}.dist-info`;
  const entryLines = Object.entries(project.entryPoints).map(([id, value]) => `${id} = ${String(value)}`);
  const files: Record<string, string> = {
    [`${info}/METADATA`]: `Metadata-Version: 2.1\nName: ${project.name}\nVersion: ${project.version}\n`,
    [`${info}/INSTALLER`]: 'pip\n',
    [`${info}/REQUESTED`]: '',
    [`${info}/direct_url.json`]: JSON.stringify({ dir_info: { editable: true }, url: pathToFileURL(project.dir).href }),
    [`${info}/entry_points.txt`]: `[amplifier.modules]\n${entryLines.join('\n')}\n`,
    [`__editable__.${wheelName}-${project.version}.pth`]: `${project.dir}\n`,
  };
  await mkdir(join(site, info), { recursive: true });
  const rows: string[] = [];
  for (const [file, data] of Object.entries(files)) {
    await writeFile(join(site, file), data);
    rows.push(recordRow(file, data));
  }
  await writeFile(join(site, info, 'RECORD'), `${[...rows, `${info}/RECORD,,`].join('\n')}\n`);
}

/**
 * pip's output for a batch, split over its two streams as pip splits it: each project obtained and its metadata
 * prepared in order; a project marked broken fails there (pip stops at once, the backend's traceback on stderr),
 * otherwise every project is built and installed.
 */
function pipOutput(projects: readonly Project[]): { stdout: string; stderr: string; failed: boolean } {
  const out: string[] = [];
  const prepare = '  Preparing editable metadata (pyproject.toml)';
  for (const p of projects) {
    out.push(`Obtaining ${pathToFileURL(p.dir).href}`, `${prepare}: started`);
    if (!p.name.includes(BROKEN_MARK)) {
      out.push(`${prepare}: finished with status 'done'`);
      continue;
    }
    out.push(`${prepare}: finished with status 'error'`);
    const err = [
      '  error: subprocess-exited-with-error',
      '  ',
      '  × Preparing editable metadata (pyproject.toml) did not run successfully.',
      '  │ exit code: 1',
      '  ╰─> [3 lines of output]',
      '      Traceback (most recent call last):',
      '        File "/usr/lib/python3/dist-packages/hatchling/builders/wheel.py", line 262, in default_file_selection',
      `      ValueError: Unable to determine which files to ship inside the wheel of ${p.name}`,
      '      [end of output]',
      '  ',
      '  note: This error originates from a subprocess, and is likely not a problem with pip.',
      'error: metadata-generation-failed',
      '',
      '× Encountered error while generating package metadata.',
      '╰─> See above for output.',
    ];
    return { stdout: `${out.join('\n')}\n`, stderr: `${err.join('\n')}\n`, failed: true };
  }
  const names = projects.map((p) => p.name);
  out.push(`Building wheels for collected packages: ${names.join(', ')}`);
  for (const name of names) {
    out.push(`  Building editable for ${name} (pyproject.toml): started`);
    out.push(`  Building editable for ${name} (pyproject.toml): finished with status 'done'`);
  }
  out.push(`Successfully built ${names.join(' ')}`, `Installing collected packages: ${names.join(', ')}`);
  out.push(`Successfully installed ${projects.map((p) => `${p.name}-${p.version}`).join(' ')}`);
  return { stdout: `${out.join('\n')}\n`, stderr: '', failed: false };
}

export async function pipInstall(site: string, args: readonly string[]): Promise<ExecResult> {
  const dirs = args.flatMap((arg, at) => (arg === '-e' && args[at + 1] ? [args[at + 1] ?? ''] : []));
  const projects: Project[] = [];
  for (const dir of dirs) {
    const project = await readProject(dir);
    if (!project) return answer('', 1, `ERROR: ${dir} does not appear to be a Python project: no pyproject.toml\n`);
    projects.push(project);
  }
  const { stdout, stderr, failed } = pipOutput(projects);
  // A failed batch installs nothing: pip prepares every project before it installs any.
  if (failed) return answer(stdout, 1, stderr);
  const installed = await distInfos(site);
  for (const project of projects) await writeEditable(site, project, installed);
  return answer(stdout);
}
