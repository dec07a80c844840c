import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import type { Declaration } from '../../../src/model.js';
import { nodeFileSystem } from '../../../src/ports/node-fs.js';
import { loadDeclarations } from '../../../src/stages/declare/load-declarations.js';
import { CORPUS_DIR, type CorpusHome, createCorpusHome } from '../../helpers/corpus-home.js';

interface ExpectedModule {
  readonly id: string;
  readonly kind: string;
  readonly source: unknown;
  readonly config: unknown;
}

interface ExpectedEntry {
  readonly file: string;
  readonly format: 'profile' | 'bundle';
  readonly modules: readonly ExpectedModule[];
  readonly unresolvedIncludes: readonly { uri: string; from: string; reason: string }[];
  readonly error: string | null;
}

const expected = JSON.parse(readFileSync(join(CORPUS_DIR, 'expected.json'), 'utf8')) as ExpectedEntry[];

function kindLabel(declaration: Declaration): string {
  return declaration.agent === null ? declaration.kind : `agent-${declaration.agent}:${declaration.kind}`;
}

/** Upstream's offline failure is a failed clone; ours is the module-cache locator saying the checkout is absent. */
function reasonClass(reason: string): string {
  if (/Failed to clone|git include unavailable/.test(reason)) return 'git-unavailable';
  return reason;
}

let corpus: CorpusHome;

beforeAll(async () => {
  corpus = await createCorpusHome();
});

afterAll(async () => {
  await corpus.cleanup();
});

function context() {
  return {
    fs: nodeFileSystem,
    workspace: corpus.workspace,
    home: corpus.home,
    namespaces: [],
    registeredBundles: {},
    strict: false,
    locateGitInclude: (uri: string) => corpus.locateGitInclude(uri),
  };
}

describe('the corpus: every expected.json entry', () => {
  it('has 31 entries', () => {
    expect(expected).toHaveLength(31);
  });

  for (const entry of expected) {
    it(entry.file, async () => {
      const file = corpus.pathOf(entry.file);
      if (entry.error !== null) {
        const failure = await loadDeclarations(file, context()).then(
          () => null,
          (error: unknown) => error,
        );
        expect(failure).toBeInstanceOf(InputError);
        expect((failure as InputError).message).toMatch(/`agents`/);
        expect((failure as InputError).file).toBe(file);
        return;
      }
      const { value, warnings } = await loadDeclarations(file, context());
      expect(value.format).toBe(entry.format);
      // The upstream session quirk (orchestrator changed, source inherited) is reproduced and reported.
      const quirk = warnings.filter((w) => w.code === 'session-source-inherited');
      expect(quirk.length > 0).toBe(entry.file.endsWith('status-test.md'));
      const actual = value.declarations.map((d) => ({
        id: d.id,
        kind: kindLabel(d),
        source: d.source,
        config: d.config,
      }));
      expect(actual).toEqual(entry.modules);
      // Every declaredAt points at the line that names the module (or the session slot holding it).
      for (const d of value.declarations) {
        const line = readFileSync(d.declaredAt.file, 'utf8').split('\n')[d.declaredAt.line - 1] ?? '';
        const written = d.kind === 'orchestrator' || d.kind === 'context' ? `${d.kind}:` : `module: ${d.id}`;
        expect(line, `${d.declaredAt.file}:${d.declaredAt.line}`).toContain(written);
      }
      const unresolved = value.unresolvedIncludes
        .map((u) => ({ uri: u.uri, from: corpus.corpusNameOf(u.from), reason: reasonClass(u.reason) }))
        .sort((a, b) => `${a.from} ${a.uri}`.localeCompare(`${b.from} ${b.uri}`));
      const wanted = entry.unresolvedIncludes
        .map((u) => ({ uri: u.uri, from: u.from, reason: reasonClass(u.reason) }))
        .sort((a, b) => `${a.from} ${a.uri}`.localeCompare(`${b.from} ${b.uri}`));
      expect(unresolved).toEqual(wanted);
    });
  }
});
