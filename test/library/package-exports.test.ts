/**
 * The package as a library, imported by its name through the `exports` map (the compiled lib/ a consumer gets):
 * the whole flow is one call, the stages are callable on their own, and the types come with it.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectValidOutput } from '../helpers/report-schema.js';

const examples = fileURLToPath(new URL('../../examples/', import.meta.url));

describe("import from 'amplifier-modules'", () => {
  it('runs resolve on the example profile through runPipeline with the real ports', async () => {
    const lib = await import('amplifier-modules');
    const redactor = new lib.Redactor();
    const { report } = await lib.runPipeline(
      {
        command: 'resolve',
        profiles: [`${examples}profiles/demo.md`],
        workspace: examples,
        namespaces: [],
        strict: false,
        home: `${examples}.no-home`,
        python: null,
        installer: 'auto',
        installerArgs: [],
        install: false,
        fix: false,
        dryRun: false,
        offline: true,
        importCheck: false,
        token: null,
        cacheKeyPrefix: 'lib-test',
      },
      {
        fs: lib.nodeFileSystem,
        exec: lib.nodeExec,
        env: {},
        logger: lib.silentLogger,
        clock: { now: () => Date.now() },
        redactor,
        cacheStore: lib.noCacheStore,
        platform: { os: 'linux', arch: 'x64' },
      },
    );
    expect(report.ok).toBe(true);
    expectValidOutput(JSON.stringify(report), 'the library report');
    expect(report.modules.map((m) => [m.id, m.resolution.layer])).toEqual([
      ['loop-demo', 'profile'],
      ['context-demo', 'profile'],
      ['tool-greet', 'profile'],
      ['hooks-echo', 'profile'],
    ]);
    expect(lib.renderText(report)).toContain('resolve: 4 ok, 0 failed');
  });

  it('exposes the stages: source parsing and the layout-A path', async () => {
    const lib = await import('amplifier-modules');
    const source = lib.parseSource('git+https://github.com/microsoft/amplifier-module-tool-bash@main', {
      id: 'tool-bash',
      baseDir: null,
    });
    expect(source.type).toBe('git');
    if (source.type !== 'git') return;
    expect(lib.layoutAPath('/h', source)).toBe('/h/cache/amplifier-module-tool-bash-813c080b4c271b81');
    expect(() => lib.parseSource({ type: 'svn', url: 'x' }, { id: 'tool-x', baseDir: null })).toThrow(lib.InputError);
  });
});
