/** The metadata and hook formats of REFERENCE 7, parsed from text as the installers and backends write them. */
import { describe, expect, it } from 'vitest';
import { PROBE_MARKER, parseProbeOutput } from '../../../src/python/probe.js';
import { locateClone } from '../../../src/stages/audit/cache-siblings.js';
import {
  parseDirectUrl,
  parseEntryPoints,
  parseMetadataHeaders,
  parseRecordPaths,
} from '../../../src/stages/audit/dist-info.js';
import { parseHookModule } from '../../../src/stages/audit/editable-hooks.js';
import { pyprojectName, setupCfgName } from '../../../src/stages/audit/project-name.js';
import { distNameFromPthName, isIgnoredPth, parsePth } from '../../../src/stages/audit/pth-files.js';

describe('dist-info files', () => {
  it('reads the amplifier.modules group only, with attribute and extras handled', () => {
    const text =
      '[console_scripts]\nx = a:b\n\n[amplifier.modules]\ntool-bash = amplifier_module_tool_bash:mount\nraw=pkg.sub [extra]\n';
    expect(parseEntryPoints(text, 'amplifier.modules')).toEqual([
      {
        name: 'tool-bash',
        value: 'amplifier_module_tool_bash:mount',
        module: 'amplifier_module_tool_bash',
        attr: 'mount',
      },
      { name: 'raw', value: 'pkg.sub', module: 'pkg.sub', attr: null },
    ]);
  });

  it('reads RECORD paths, quoted ones included', () => {
    expect(parseRecordPaths('a.pth,sha256=x,1\n"dir,with,commas/f.py",,\n"q""uote.py",,\n')).toEqual([
      'a.pth',
      'dir,with,commas/f.py',
      'q"uote.py',
    ]);
  });

  it('reads direct_url.json and METADATA headers', () => {
    expect(parseDirectUrl('{"dir_info": {"editable": true}, "url": "file:///tmp/a%20b"}')).toEqual({
      url: 'file:///tmp/a%20b',
      path: '/tmp/a b',
      editable: true,
    });
    expect(parseDirectUrl('{"url": "https://x/y.whl", "archive_info": {}}')?.editable).toBe(false);
    expect(parseDirectUrl('not json')).toBeNull();
    const headers = parseMetadataHeaders('Metadata-Version: 2.1\nName: Amp_Mod\nVersion: 2.2.0\n\nName: body\n');
    expect(headers.get('name')).toBe('Amp_Mod');
    expect(headers.get('version')).toBe('2.2.0');
  });
});

describe('.pth files and hooks', () => {
  it('splits path lines from import lines and resolves relative paths against the site directory', () => {
    const pth = parsePth(
      '# comment\n/abs/src\nrel/dir\nimport __editable___x_1_0_finder; __editable___x_1_0_finder.install()\n',
      '/s/x.pth',
      'x.pth',
      '/s',
    );
    expect(pth.paths).toEqual([
      { line: 2, path: '/abs/src' },
      { line: 3, path: '/s/rel/dir' },
    ]);
    expect(pth.imports).toEqual(['__editable___x_1_0_finder']);
  });

  it('knows the non-editable .pth files and each backend naming scheme', () => {
    expect(isIgnoredPth('distutils-precedence.pth')).toBe(true);
    expect(isIgnoredPth('_virtualenv.pth')).toBe(true);
    expect(isIgnoredPth('zope.interface-4.0-nspkg.pth')).toBe(true);
    expect(isIgnoredPth('_editable_impl_x.pth')).toBe(false);
    expect(distNameFromPthName('__editable__.amplifier_module_x-1.0.0.pth')).toBe('amplifier_module_x');
    expect(distNameFromPthName('_editable_impl_amplifier_module_x.pth')).toBe('amplifier_module_x');
    expect(distNameFromPthName('_amplifier_module_x.pth')).toBe('amplifier_module_x');
    expect(distNameFromPthName('amplifier_module_x.pth')).toBe('amplifier_module_x');
  });

  it('reads setuptools MAPPING dicts (POSIX and Windows repr) and editables map_module calls', () => {
    const finder = "import sys\nMAPPING: dict[str, str] = {'a': '/p/a', 'b_c': 'C:\\\\proj\\\\b_c'}\nNAMESPACES = {}\n";
    expect(parseHookModule(finder, '/s/f.py').map((m) => [m.kind, m.module, m.path])).toEqual([
      ['setuptools-finder', 'a', '/p/a'],
      ['setuptools-finder', 'b_c', 'C:\\proj\\b_c'],
    ]);
    const redirector =
      "from editables.redirector import RedirectingFinder as F\nF.install()\nF.map_module('pkg', '/abs/pkg/__init__.py')";
    expect(parseHookModule(redirector, '/s/_editable_impl_x.py')).toEqual([
      { kind: 'editables-redirector', file: '/s/_editable_impl_x.py', module: 'pkg', path: '/abs/pkg/__init__.py' },
    ]);
  });
});

describe('small readers', () => {
  it('finds the layout-A clone a path lies in', () => {
    expect(locateClone('/h/cache/amplifier-foundation-c909465861f9d6ce/modules/tool-delegate')).toEqual({
      cacheDir: '/h/cache',
      dirName: 'amplifier-foundation-c909465861f9d6ce',
      repo: 'amplifier-foundation',
      hash: 'c909465861f9d6ce',
      inside: 'modules/tool-delegate',
    });
    expect(locateClone('/h/src/project')).toBeNull();
  });

  it('reads the project name from [project] or [tool.poetry], not from other tables', () => {
    expect(pyprojectName('[tool.x]\nname = "no"\n[project]\nname = "amplifier-module-a"\n')).toBe('amplifier-module-a');
    expect(pyprojectName("[tool.poetry]\nname = 'p'\n")).toBe('p');
    // TOML the old line reader misread: a dotted key, an inline table, a name after a multi-line array.
    expect(pyprojectName('project.name = "dotted"\n')).toBe('dotted');
    expect(pyprojectName('project = { name = "inline" }\n')).toBe('inline');
    expect(pyprojectName('[project]\ndependencies = [\n  "a",\n]\nname = "after-array"\n')).toBe('after-array');
    expect(pyprojectName('[project\nname = "x"')).toBeNull();
  });

  it('reads the setup.cfg name as configparser does', () => {
    expect(setupCfgName('[options]\nname = no\n[metadata]\nName: amplifier-module-b\n')).toBe('amplifier-module-b');
    expect(setupCfgName('[metadata]\n# name = commented\nversion = 1\n')).toBeNull();
  });

  it('takes the probe answer after the marker, whatever a module printed before', () => {
    const answer = { executable: '/p', version: '3.12.1', sitePackages: [], results: [] };
    expect(parseProbeOutput(`noise\n${PROBE_MARKER}\n${JSON.stringify(answer)}\n`)).toEqual(answer);
    expect(parseProbeOutput('no marker')).toBeNull();
  });
});
