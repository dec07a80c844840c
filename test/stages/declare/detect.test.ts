import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectActiveDeclarations } from '../../../src/stages/declare/detect.js';
import { createFixtureTree, type FixtureTree, failureOf, md } from './fixture-tree.js';

let tree: FixtureTree;
beforeEach(async () => {
  tree = await createFixtureTree();
});
afterEach(async () => {
  await tree.cleanup();
});

const none = { bundle: null, profile: null };

describe('detectActiveDeclarations', () => {
  it('uses the active bundle from settings (a registered name)', async () => {
    await tree.write({ 'shared/team/bundle.md': md('bundle: {name: team}') });
    const detected = await detectActiveDeclarations({
      ...tree.context({ registeredBundles: { team: tree.path('shared/team') } }),
      active: { bundle: 'team', profile: null },
    });
    expect(detected.value).toEqual([tree.path('shared/team/bundle.md')]);
  });

  it('uses the active profile from settings (collection:name)', async () => {
    await tree.write({ 'home/collections/dev/profiles/full.md': md('profile: {name: full}') });
    const detected = await detectActiveDeclarations({
      ...tree.context(),
      active: { bundle: null, profile: 'dev:full' },
    });
    expect(detected.value).toEqual([tree.path('home/collections/dev/profiles/full.md')]);
  });

  it('fails with the searched paths when the active profile is missing', async () => {
    const error = await failureOf(
      detectActiveDeclarations({ ...tree.context(), active: { bundle: null, profile: 'dev:gone' } }),
    );
    expect(error).toMatchObject({ code: 'no-declarations' });
    expect((error as Error).message).toContain(tree.path('home/collections/dev/profiles/gone.md'));
  });

  it('falls back to .amplifier/bundle.md, then every profile in .amplifier/profiles/', async () => {
    await tree.write({
      'ws/.amplifier/profiles/b.md': md('profile: {name: b}'),
      'ws/.amplifier/profiles/a.yaml': 'profile: {name: a}\n',
      'ws/.amplifier/profiles/notes.txt': 'not a profile',
    });
    const profiles = await detectActiveDeclarations({ ...tree.context(), active: none });
    expect(profiles.value).toEqual([
      tree.path('ws/.amplifier/profiles/a.yaml'),
      tree.path('ws/.amplifier/profiles/b.md'),
    ]);
    expect(profiles.warnings.map((w) => w.code)).toEqual(['several-profiles']);
    await tree.write({ 'ws/.amplifier/bundle.md': md('bundle: {name: ws}') });
    const bundle = await detectActiveDeclarations({ ...tree.context(), active: none });
    expect(bundle.value).toEqual([tree.path('ws/.amplifier/bundle.md')]);
  });

  it('fails when nothing is declared', async () => {
    const error = await failureOf(detectActiveDeclarations({ ...tree.context(), active: none }));
    expect(error).toMatchObject({ code: 'no-declarations' });
  });
});
