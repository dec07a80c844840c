/**
 * The job summary rendered the way GitHub renders it (a GFM renderer, test/helpers/gfm.ts), read as text: what a
 * workflow author sees at a glance, not the Markdown source.
 */
import { describe, expect, it } from 'vitest';
import type { CacheHit } from '../../src/model.js';
import { codeSpan, prose, renderJobSummary } from '../../src/report/markdown.js';
import { Redactor } from '../../src/secrets.js';
import { links, renderGfm, visibleText } from '../helpers/gfm.js';
import { okModule, reportOf, unresolvedModule } from './report-fixtures.js';

function shown(markdown: string): string {
  return visibleText(renderGfm(markdown)).replace(/\n+/g, '\n');
}

function render(...args: Parameters<typeof reportOf>): { markdown: string; html: string; text: string } {
  const markdown = renderJobSummary(reportOf(...args), new Redactor(), { workspace: '/ws' });
  const html = renderGfm(markdown);
  return { markdown, html, text: visibleText(html) };
}

const SUBDIR_SOURCE = 'git+https://github.com/microsoft/amplifier-bundle-modes@main#subdirectory=behaviors/modes.yaml';

describe('renderJobSummary, as GitHub shows it', () => {
  it('all ok: the verdict, then one line with the count; the table is collapsed under it', () => {
    const { html, text } = render([okModule('tool-bash'), okModule('tool-web')]);
    expect(text.split('\n')[0]).toBe('✅ amplifier-modules verify: 2 modules ok');
    expect(html).toMatch(/<details><summary>✅ 2 modules ok<\/summary>/);
    const table = html.slice(html.indexOf('<details>'));
    expect(table).toContain('<table>');
    expect(table).toContain('<code>git+https://github.com/microsoft/amplifier-module-tool-bash@main</code>');
    expect(table).toContain('<code>0123456789ab</code>');
    expect(links(html)).toEqual([]);
  });

  it('failures come first, each with its place, cause and fix in plain sight; ok modules folded after', () => {
    const modules = Array.from({ length: 30 }, (_, index) => okModule(`tool-ok-${index}`));
    modules.splice(16, 0, unresolvedModule('tool-custom', 14));
    modules.splice(25, 0, unresolvedModule('hook-x', 20));
    const { html, text } = render(modules);
    const lines = text.split('\n').filter((line) => line.trim() !== '');
    expect(lines[0]).toBe('❌ amplifier-modules verify: 2 of 32 modules failed');
    const custom = text.indexOf('❌ tool-custom unresolved');
    const hook = text.indexOf('❌ hook-x unresolved');
    const folded = text.indexOf('✅ 30 modules ok');
    expect(custom).toBeGreaterThan(0);
    expect(hook).toBeGreaterThan(custom);
    expect(folded).toBeGreaterThan(hook);
    // Outside any <details>: the place (relative to the workspace), the cause, the fix.
    const open = html.slice(0, html.indexOf('<details><summary>What each layer found'));
    const visible = visibleText(open);
    expect(visible).toContain('Declared at .amplifier/profiles/dev.md:14');
    expect(visible).toContain("tool-custom could not be resolved by any layer: neither 'tool-custom' nor");
    expect(visible).toContain(
      'Fix: add source: git+https://github.com/microsoft/amplifier-module-tool-custom@main to the entry',
    );
    // The layer trail is folded under each failure.
    const trail = html.slice(html.indexOf('What each layer found'), html.indexOf('</details>'));
    expect(visibleText(trail).match(/^(env|workspace|settings|collection|profile|package) \(/gm)).toHaveLength(6);
    expect(text.indexOf('tool-ok-0')).toBeGreaterThan(folded);
  });

  it('shows sources, placeholders and hostile text literally: no entity, no link, no mention, table intact', () => {
    const hostile = okModule('a|b<script>', {
      declaredSource: null,
      resolution: {
        layer: 'env',
        source: {
          type: 'git',
          uri: SUBDIR_SOURCE,
          url: 'https://github.com/microsoft/amplifier-bundle-modes',
          ref: 'main',
          subdirectory: 'behaviors/modes.yaml',
          commit: null,
          path: null,
          name: null,
        },
        trail: [],
      },
      status: 'dangling',
      findings: [{ code: 'pth-target-missing', message: 'points at *nothing* | gone @octocat & co <b>x</b>\nnext' }],
      fix: 'set `source: git+https://github.com/<org>/amplifier-module-x@main` or see https://example.org/a_b#c',
    });
    const { markdown, html, text } = render([hostile, okModule('tool-bash')]);
    expect(text).not.toMatch(/&#?[0-9a-z]+;/i);
    expect(links(html)).toEqual([]);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(text).toContain('❌ a|b<script> dangling');
    expect(text).toContain('points at *nothing* | gone @octocat & co <b>x</b> next');
    expect(text).toContain(
      'Fix: set source: git+https://github.com/<org>/amplifier-module-x@main or see https://example.org/a_b#c',
    );
    expect(markdown).not.toContain('&#');
    const ok = html.slice(html.indexOf('✅ 1 module ok'));
    expect((ok.match(/<td>/g) ?? []).length).toBe(5);
  });

  it('lists each skipped include once, and warnings after the failures', () => {
    const skipped = { uri: SUBDIR_SOURCE, from: '/ws/bundle.md', reason: 'not in the module cache; run warm' };
    const { text } = render([okModule('tool-bash')], {
      unresolvedIncludes: [skipped],
      warnings: [
        {
          code: 'include-skipped',
          message: `include '${SUBDIR_SOURCE}' skipped: not in the module cache`,
          file: '/ws/bundle.md',
          line: 1,
        },
        { code: 'exclude-ignored', message: 'the CLI would still load it', file: '/ws/a.md', line: 3 },
      ],
    });
    expect(text.split(SUBDIR_SOURCE)).toHaveLength(2);
    expect(text).toContain('Skipped includes (1)');
    expect(text).toContain('a.md:3: the CLI would still load it (exclude-ignored)');
  });

  it('says what the cache did for every outcome, on the context line', () => {
    const lines: Record<CacheHit, string> = {
      exact: 'Cache: exact hit on k-1',
      partial: 'Cache: partial hit, restored k-0 for k-1',
      miss: 'Cache: miss for k-1',
      off: 'Cache: off',
      unavailable: 'Cache: the cache service was unavailable; modules were fetched',
    };
    for (const [hit, line] of Object.entries(lines) as Array<[CacheHit, string]>) {
      const { text } = render([okModule('tool-bash')], { cache: { key: 'k-1', matchedKey: 'k-0', hit } });
      expect(text.split('\n').find((row) => row.startsWith('Cache:'))).toContain(line);
    }
  });

  it('masks credentials in sources and registered secrets', () => {
    const redactor = new Redactor();
    redactor.add('s3cr3t-token-value');
    const leaky = okModule('tool-private', {
      resolution: {
        layer: 'profile',
        source: {
          type: 'git',
          uri: 'git+https://x-access-token:s3cr3t-token-value@github.com/org/private@main',
          url: 'https://x-access-token:s3cr3t-token-value@github.com/org/private',
          ref: 'main',
          subdirectory: null,
          commit: null,
          path: null,
          name: null,
        },
        trail: [{ layer: 'profile', outcome: 'rejected', detail: 'clone failed with s3cr3t-token-value' }],
      },
      status: 'fetch-failed',
      fix: 'check the token',
    });
    const markdown = renderJobSummary(reportOf([leaky]), redactor);
    expect(markdown).not.toContain('s3cr3t');
    expect(shown(markdown)).toContain('clone failed with ***');
  });

  it('an error report: the verdict, then the error with its fix, no table', () => {
    const { text, html } = render([], {
      ok: false,
      warnings: [{ code: 'usage', message: "input 'command' must be one of", fix: 'set `command: verify`' }],
    });
    expect(text.split('\n')[0]).toBe('❌ amplifier-modules verify failed');
    expect(text).toContain("input 'command' must be one of (usage) Fix: set command: verify");
    expect(html).not.toContain('<table>');
    expect(text).not.toContain('✅');
  });
});

describe('codeSpan and prose', () => {
  it('keep any value literal through the renderer', () => {
    for (const value of ['a`b', '``x', 'a|b', '<org>', 'x@main#sub=y', '&amp;', '`']) {
      expect(shown(codeSpan(value)).trim()).toBe(value);
    }
    expect(shown(`| h |\n| - |\n| ${codeSpan('a|b', 'cell')} |`).trim()).toBe('h\na|b');
    expect(shown(prose('add `source: x@main` to the *entry* [here](y) <b> @team & co #12')).trim()).toBe(
      'add source: x@main to the *entry* [here](y) <b> @team & co #12',
    );
  });
});
