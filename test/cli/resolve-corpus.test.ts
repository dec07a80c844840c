/**
 * The built CLI on the real corpus, laid out as a user's machine holds it: `resolve --format json` reproduces every
 * module list the upstream loaders produced, and the real layout-A locator finds the foundation clone in <home>/cache.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { CORPUS_DIR, type CorpusHome, createCorpusHome } from '../helpers/corpus-home.js';
import { runBuiltCli } from '../helpers/run-cli.js';

interface ExpectedEntry {
  readonly file: string;
  readonly modules: readonly { id: string; kind: string; source: unknown }[];
  readonly unresolvedIncludes: readonly { uri: string }[];
  readonly error: string | null;
}

const expected = JSON.parse(readFileSync(join(CORPUS_DIR, 'expected.json'), 'utf8')) as ExpectedEntry[];
let corpus: CorpusHome;

beforeAll(async () => {
  corpus = await createCorpusHome();
});
afterAll(async () => {
  await corpus.cleanup();
});

function resolveJson(file: string) {
  return runBuiltCli(
    ['resolve', '--profile', file, '--home', corpus.home, '--workspace', corpus.workspace, '--format', 'json'],
    {
      env: { VIRTUAL_ENV: undefined },
    },
  );
}

describe('amplifier-modules resolve on the corpus (built CLI)', () => {
  for (const entry of expected) {
    it(entry.file, () => {
      const run = resolveJson(corpus.pathOf(entry.file));
      if (entry.error !== null) {
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/`agents`/);
        expect(run.stderr).not.toMatch(/\n\s+at /);
        return;
      }
      const report = JSON.parse(run.stdout) as Report;
      const got = report.modules.map((m) => ({
        id: m.id,
        kind: m.agent ? `agent-${m.agent}:${m.kind}` : m.kind,
        source: m.declaredSource === null ? null : m.declaredSource,
      }));
      const want = entry.modules.map((m) => ({
        id: m.id,
        kind: m.kind,
        source: m.source === null ? null : typeof m.source === 'string' ? m.source : JSON.stringify(m.source),
      }));
      expect(got).toEqual(want);
      expect(new Set(report.unresolvedIncludes.map((u) => u.uri))).toEqual(
        new Set(entry.unresolvedIncludes.map((u) => u.uri)),
      );
      // Git sources resolve through the profile layer to their layout-A cache directory.
      for (const module of report.modules) {
        if (module.resolution.source?.type === 'git') {
          expect(module.path).toMatch(
            new RegExp(`^${corpus.home.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/cache/[^/]+-[0-9a-f]{16}`),
          );
        }
      }
      expect(report.ok).toBe(report.modules.every((m) => m.status === 'ok'));
      expect(run.code).toBe(report.ok ? 0 : 1);
    });
  }
});
