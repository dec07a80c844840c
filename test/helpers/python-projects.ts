/**
 * Small Amplifier module projects for each build backend the audit must understand (REFERENCE 7), written to
 * disk so real `pip install -e` runs against them.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * `setuptools-setup-py`: a `setup.py` and no `pyproject.toml`; pip installs it with `setup.py develop`, which writes
 * `<dist>.egg-info` into the project directory, as a current setuptools does on a hosted runner.
 */
export type Backend =
  | 'setuptools-flat'
  | 'setuptools-src'
  | 'setuptools-strict'
  | 'setuptools-setup-py'
  | 'flit'
  | 'poetry'
  | 'hatchling';

export interface ModuleProjectOptions {
  readonly id: string;
  readonly backend: Backend;
  /** The id the entry point declares (default: `id`); null writes no entry point. */
  readonly entryPointId?: string | null;
  /** Extra module source appended to `__init__.py`. */
  readonly body?: string;
  readonly version?: string;
  /**
   * hatchling only: leave out dev-mode-dirs, as the real module repositories do, so hatchling uses its default
   * editable mode, which imports `editables` at build time.
   */
  readonly hatchlingDefaultEditable?: boolean;
}

export interface ModuleProject {
  readonly dir: string;
  readonly distName: string;
  readonly importName: string;
  /** The directory holding the package (the project, or its `src/`). */
  readonly packageParent: string;
}

function entryPointsTable(header: string, epId: string | null, importName: string): string {
  return epId === null ? '' : `\n[${header}."amplifier.modules"]\n"${epId}" = "${importName}:mount"\n`;
}

export async function writeModuleProject(dir: string, options: ModuleProjectOptions): Promise<ModuleProject> {
  const { id, backend } = options;
  const version = options.version ?? '1.0.0';
  const distName = `amplifier-module-${id}`;
  const importName = `amplifier_module_${id.replace(/-/g, '_')}`;
  const epId = options.entryPointId === undefined ? id : options.entryPointId;
  const src = backend === 'setuptools-src' || backend === 'setuptools-strict';
  const packageParent = src ? join(dir, 'src') : dir;
  await mkdir(join(packageParent, importName), { recursive: true });
  await writeFile(
    join(packageParent, importName, '__init__.py'),
    `"""Test module ${id}."""\n__version__ = "${version}"\n\nasync def mount(coordinator, config):\n    return None\n${options.body ?? ''}`,
  );
  const project = `[project]\nname = "${distName}"\nversion = "${version}"\ndescription = "test"\n`;
  if (backend === 'setuptools-setup-py') {
    const entryPoints = epId === null ? '' : `, entry_points={"amplifier.modules": ["${epId} = ${importName}:mount"]}`;
    await writeFile(
      join(dir, 'setup.py'),
      `from setuptools import setup\nsetup(name="${distName}", version="${version}", packages=["${importName}"]${entryPoints})\n`,
    );
    return { dir, distName, importName, packageParent };
  }
  let pyproject: string;
  switch (backend) {
    case 'setuptools-flat':
      pyproject = `[build-system]\nrequires = ["setuptools>=64"]\nbuild-backend = "setuptools.build_meta"\n${project}\n[tool.setuptools]\npackages = ["${importName}"]\n${entryPointsTable('project.entry-points', epId, importName)}`;
      break;
    case 'setuptools-src':
    case 'setuptools-strict':
      pyproject = `[build-system]\nrequires = ["setuptools>=64"]\nbuild-backend = "setuptools.build_meta"\n${project}${entryPointsTable('project.entry-points', epId, importName)}`;
      break;
    case 'flit':
      pyproject = `[build-system]\nrequires = ["flit_core>=3.2"]\nbuild-backend = "flit_core.buildapi"\n[project]\nname = "${importName}"\nversion = "${version}"\ndescription = "test"\n${entryPointsTable('project.entry-points', epId, importName)}`;
      break;
    case 'poetry':
      pyproject = `[build-system]\nrequires = ["poetry-core>=1.0"]\nbuild-backend = "poetry.core.masonry.api"\n[tool.poetry]\nname = "${distName}"\nversion = "${version}"\ndescription = "test"\nauthors = ["Test <test@example.com>"]\npackages = [{ include = "${importName}" }]\n${entryPointsTable('tool.poetry.plugins', epId, importName)}`;
      break;
    case 'hatchling':
      // Debian has no `editables`, so hatchling's dev-mode-dirs (a plain path .pth) is the mode that installs here.
      pyproject = `[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n${project}${options.hatchlingDefaultEditable ? '' : '\n[tool.hatch.build]\ndev-mode-dirs = ["."]\n'}\n[tool.hatch.build.targets.wheel]\npackages = ["${importName}"]\n${entryPointsTable('project.entry-points', epId, importName)}`;
      break;
  }
  await writeFile(join(dir, 'pyproject.toml'), pyproject);
  // flit names the dist after the import package; everyone else uses the conventional dist name.
  return { dir, distName: backend === 'flit' ? importName : distName, importName, packageParent };
}

/** How hatchling lays out an editable install (REFERENCE 7); Debian has no `editables`, so these are written as files. */
export type HatchlingStyle = 'editables-0.6' | 'editables-0.5' | 'dev-mode-exact';

export interface EditableFixtureOptions {
  readonly sitePackages: string;
  /** A project written by `writeModuleProject` (flat layout). */
  readonly project: ModuleProject;
  readonly id: string;
  readonly style: HatchlingStyle;
  readonly installer?: string;
  /** List the `.pth` in RECORD (default true); false exercises attribution by file name. */
  readonly recordPth?: boolean;
}

/** What pip or uv leaves in site-packages for a hatchling editable install, byte for byte in shape. */
export async function writeHatchlingEditable(options: EditableFixtureOptions): Promise<{ pth: string }> {
  const { sitePackages, project, id, style } = options;
  const normalized = project.distName.replace(/[-.]+/g, '_');
  const distInfo = `${normalized}-1.0.0.dist-info`;
  const pthName = style === 'editables-0.5' ? `_${normalized}.pth` : `_editable_impl_${normalized}.pth`;
  const files: string[] = [];
  await mkdir(join(sitePackages, distInfo), { recursive: true });
  if (style === 'dev-mode-exact') {
    const hook = `_editable_impl_${normalized}`;
    await writeFile(join(sitePackages, pthName), `import ${hook}\n`);
    const target = join(project.packageParent, project.importName, '__init__.py');
    await writeFile(
      join(sitePackages, `${hook}.py`),
      `from editables.redirector import RedirectingFinder as F\nF.install()\nF.map_module(${JSON.stringify(project.importName)}, ${JSON.stringify(target)})`,
    );
    files.push(`${hook}.py`);
  } else {
    await writeFile(join(sitePackages, pthName), `${project.packageParent}\n`);
  }
  if (options.recordPth !== false) files.push(pthName);
  const meta = (name: string, text: string) => writeFile(join(sitePackages, distInfo, name), text);
  await meta('METADATA', `Metadata-Version: 2.1\nName: ${project.distName}\nVersion: 1.0.0\n`);
  await meta('INSTALLER', `${options.installer ?? 'uv'}\n`);
  await meta('direct_url.json', JSON.stringify({ url: pathToFileURL(project.dir).href, dir_info: { editable: true } }));
  await meta('entry_points.txt', `[amplifier.modules]\n${id} = ${project.importName}:mount\n`);
  const record = [
    ...files,
    ...['METADATA', 'INSTALLER', 'direct_url.json', 'entry_points.txt', 'RECORD'].map((f) => `${distInfo}/${f}`),
  ];
  await meta('RECORD', `${record.map((f) => `${f},,`).join('\n')}\n`);
  return { pth: join(sitePackages, pthName) };
}

/**
 * A stand-in for `editables.redirector` with the behaviour the audit relies on: `map_module` is not checked
 * against the disk, so `find_spec` still answers with an origin after the directory is gone.
 */
export async function writeRedirectorModule(sitePackages: string): Promise<void> {
  await mkdir(join(sitePackages, 'editables'), { recursive: true });
  await writeFile(join(sitePackages, 'editables', '__init__.py'), '');
  await writeFile(
    join(sitePackages, 'editables', 'redirector.py'),
    [
      'import importlib.abc, importlib.util, sys',
      'class RedirectingFinder(importlib.abc.MetaPathFinder):',
      '    _redirections = {}',
      '    @classmethod',
      '    def map_module(cls, name, path):',
      '        cls._redirections[name] = path',
      '    @classmethod',
      '    def find_spec(cls, fullname, path=None, target=None):',
      '        location = cls._redirections.get(fullname)',
      '        return None if location is None else importlib.util.spec_from_file_location(fullname, location)',
      '    @classmethod',
      '    def install(cls):',
      '        if cls not in sys.meta_path:',
      '            sys.meta_path.append(cls)',
      '',
    ].join('\n'),
  );
}

/** A legacy `setup.py develop` install: `<name>.egg-link`, a line in `easy-install.pth`, metadata in the project. */
export async function writeEggLinkInstall(sitePackages: string, project: ModuleProject, id: string): Promise<string> {
  const eggInfo = join(project.dir, `${project.distName.replace(/-/g, '_')}.egg-info`);
  await mkdir(eggInfo, { recursive: true });
  await writeFile(join(eggInfo, 'PKG-INFO'), `Metadata-Version: 2.1\nName: ${project.distName}\nVersion: 1.0.0\n`);
  await writeFile(join(eggInfo, 'entry_points.txt'), `[amplifier.modules]\n${id} = ${project.importName}:mount\n`);
  const link = join(sitePackages, `${project.distName}.egg-link`);
  await writeFile(link, `${project.dir}\n.`);
  await writeFile(join(sitePackages, 'easy-install.pth'), `${project.dir}\n`);
  return link;
}
