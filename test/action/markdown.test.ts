import { describe, expect, it } from 'vitest';
import type { CacheHit } from '../../src/model.js';
import { escapeMarkdown, prose, renderJobSummary } from '../../src/report/markdown.js';
import { Redactor } from '../../src/secrets.js';
import { okModule, reportOf, unresolvedModule } from './report-fixtures.js';

/** The cells of a Markdown table row, split on the unescaped pipes a renderer would split on. */
function cells(row: string): string[] {
  return row
    .split('|')
    .slice(1, -1)
    .map((cell) => cell.trim());
}

function tableRows(markdown: string): string[] {
  return markdown.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| ---'));
}

describe('renderJobSummary', () => {
  it('renders one table row per module with kind, layer, source, short commit and status', () => {
    const report = reportOf([okModule('tool-bash'), okModule('tool-web', { kind: 'tool' })]);
    const markdown = renderJobSummary(report, new Redactor());
    const rows = tableRows(markdown);
    expect(rows).toHaveLength(3);
    expect(cells(rows[0] ?? '')).toEqual(['Module', 'Kind', 'Layer', 'Source', 'Commit', 'Status']);
    const first = cells(rows[1] ?? '');
    expect(first[0]).toBe('<code>tool-bash</code>');
    expect(first[1]).toBe('tool');
    expect(first[2]).toBe('profile');
    expect(first[3]).toContain('github.com/microsoft/amplifier-module-tool-bash@main');
    expect(first[4]).toBe('<code>0123456789ab</code>');
    expect(first[5]).toBe('✅ ok');
    expect(markdown).toContain('## ✅ amplifier-modules verify: 2 modules ok');
    expect(markdown).not.toContain('<details>');
  });

  it('gives every failure a collapsed block with one line per layer and the fix', () => {
    const report = reportOf([
      okModule('tool-bash'),
      unresolvedModule('tool-custom', 14),
      unresolvedModule('hook-x', 20),
    ]);
    const markdown = renderJobSummary(report, new Redactor());
    expect(markdown).toContain('## ❌ amplifier-modules verify: 2 of 3 modules failed');
    expect(markdown.match(/<details>/g)).toHaveLength(2);
    expect(markdown.match(/<\/details>/g)).toHaveLength(2);
    const block = markdown.slice(markdown.indexOf('<details>'), markdown.indexOf('</details>'));
    expect(block).toContain('<summary><code>tool-custom</code>: unresolved declared at');
    expect(block).toContain('dev.md:14');
    const trailLines = block.split('\n').filter((line) => line.startsWith('- **'));
    expect(trailLines.map((line) => /^- \*\*([a-z]+)\*\*/.exec(line)?.[1])).toEqual([
      'env',
      'workspace',
      'settings',
      'collection',
      'profile',
      'package',
    ]);
    expect(block).toContain('**Fix:** add ');
    // The summary line is followed by a blank line so GitHub renders the Markdown inside the block.
    expect(block).toMatch(/<\/summary>\n\n/);
    expect(cells(tableRows(markdown)[2] ?? '')).toEqual([
      '<code>tool-custom</code>',
      'tool',
      '—',
      '—',
      '—',
      '❌ unresolved',
    ]);
  });

  it('keeps the table intact whatever characters a module id, source or message holds', () => {
    const hostile = okModule('a|b<script>', {
      declaredSource: null,
      resolution: { layer: 'env', source: null, trail: [] },
      status: 'dangling',
      findings: [{ code: 'pth-target-missing', message: 'points at *nothing* | gone\nsecond line' }],
      fix: 'reinstall `a|b`',
    });
    const markdown = renderJobSummary(reportOf([hostile]), new Redactor());
    const rows = tableRows(markdown);
    expect(cells(rows[1] ?? '')).toHaveLength(6);
    expect(markdown).not.toContain('<script>');
    expect(markdown).toContain('a&#124;b&#60;script&#62;');
    expect(markdown).toContain('points at &#42;nothing&#42; &#124; gone second line');
  });

  it('says what the cache did for every outcome', () => {
    const lines: Record<CacheHit, string> = {
      exact: 'Cache: exact hit on <code>k-1</code>',
      partial: 'Cache: partial hit, restored <code>k-0</code> for <code>k-1</code>',
      miss: 'Cache: miss for <code>k-1</code>',
      off: 'Cache: off',
      unavailable: 'Cache: the cache service was unavailable; modules were fetched',
    };
    for (const [hit, line] of Object.entries(lines) as Array<[CacheHit, string]>) {
      const report = reportOf([okModule('tool-bash')], { cache: { key: 'k-1', matchedKey: 'k-0', hit } });
      expect(renderJobSummary(report, new Redactor())).toContain(line);
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
    expect(markdown).toContain('https://***@github.com/org/private@main');
  });

  it('lists unresolved includes and diagnostics; an error report shows them as errors', () => {
    const withWarnings = reportOf([okModule('tool-bash')], {
      unresolvedIncludes: [
        { uri: 'foundation:behaviors/x', from: '/ws/bundle.md', reason: 'namespace not registered' },
      ],
      warnings: [{ code: 'exclude-ignored', message: 'the CLI would still load it', file: 'a.md', line: 3 }],
    });
    const markdown = renderJobSummary(withWarnings, new Redactor());
    expect(markdown).toContain('### Unresolved includes');
    expect(markdown).toContain(
      '<code>foundation:behaviors/x</code> from <code>/ws/bundle.md</code>: namespace not registered',
    );
    expect(markdown).toContain('### Warnings');
    expect(markdown).toContain('<code>a.md:3</code>: the CLI would still load it (<code>exclude-ignored</code>)');

    const failed = reportOf([], {
      ok: false,
      warnings: [{ code: 'usage', message: "input 'command' must be one of", fix: 'set command: verify' }],
    });
    const errorMarkdown = renderJobSummary(failed, new Redactor());
    expect(errorMarkdown).toContain('## ❌ amplifier-modules verify failed');
    expect(errorMarkdown).toContain('### Errors');
    expect(errorMarkdown).toContain('Fix: set command: verify');
    expect(errorMarkdown).not.toContain('| Module |');
  });
});

describe('escapeMarkdown', () => {
  it('turns every syntax character into an entity and folds newlines', () => {
    expect(escapeMarkdown('a_b*c`d|e<f>&[g]~h\\i#j!k\nl')).toBe(
      'a&#95;b&#42;c&#96;d&#124;e&#60;f&#62;&#38;&#91;g&#93;&#126;h&#92;i&#35;j&#33;k l',
    );
  });
});

describe('prose', () => {
  it('renders backticked spans as code and escapes everything else', () => {
    expect(prose('add `source: git+https://h/<org>/x@main` to the *entry*')).toBe(
      'add <code>source: git+https://h/&#60;org&#62;/x@main</code> to the &#42;entry&#42;',
    );
    expect(prose('an odd ` backtick')).toBe('an odd &#96; backtick');
  });
});
