import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LAYER_ORDER, type LayerName } from '../../../src/model.js';
import { resolveModule } from '../../../src/stages/resolve/resolver.js';
import {
  declaration,
  makeModuleDir,
  makeResolveWorld,
  type ResolveWorld,
  resolveContext,
  withSource,
  writeFile,
} from '../../helpers/resolve-fixtures.js';

const ID = 'tool-pair';
const worlds: ResolveWorld[] = [];
afterEach(async () => {
  await Promise.all(worlds.splice(0).map((world) => world.cleanup()));
});

interface Setup {
  env: Record<string, string>;
  installed: string[];
  profileSource: string | null;
}

/** Makes one layer able to match `ID`, the way a user would. */
const ENABLE: Record<LayerName, (world: ResolveWorld, setup: Setup) => Promise<void>> = {
  env: async (world, setup) => {
    const dir = await makeModuleDir(join(world.root, 'env-checkout'));
    setup.env.AMPLIFIER_MODULE_TOOL_PAIR = dir;
  },
  workspace: async (world) => {
    await makeModuleDir(join(world.workspace, '.amplifier', 'modules', ID));
  },
  settings: async (world) => {
    await writeFile(
      join(world.workspace, '.amplifier', 'settings.yaml'),
      `sources:\n  modules:\n    ${ID}: git+https://github.com/org/from-settings@v1\n`,
    );
  },
  collection: async (world) => {
    await makeModuleDir(join(world.home, 'collections', 'team', 'modules', ID));
  },
  profile: async (_world, setup) => {
    setup.profileSource = 'git+https://github.com/org/from-profile@main';
  },
  package: async (_world, setup) => {
    setup.installed.push(`amplifier-module-${ID}`);
  },
};

/** What each layer's match looks like, so the test checks the source really came from the winner. */
const EXPECTED_SOURCE: Record<LayerName, (world: ResolveWorld) => Record<string, unknown>> = {
  env: (world) => ({ type: 'file', path: join(world.root, 'env-checkout') }),
  workspace: (world) => ({ type: 'file', path: join(world.workspace, '.amplifier', 'modules', ID) }),
  settings: () => ({ type: 'git', url: 'https://github.com/org/from-settings', ref: 'v1' }),
  collection: (world) => ({ type: 'file', path: join(world.home, 'collections', 'team', 'modules', ID) }),
  profile: () => ({ type: 'git', url: 'https://github.com/org/from-profile', ref: 'main' }),
  package: () => ({ type: 'package', name: `amplifier-module-${ID}` }),
};

async function resolveWith(layers: readonly LayerName[]) {
  const world = await makeResolveWorld();
  worlds.push(world);
  const setup: Setup = { env: {}, installed: [], profileSource: null };
  for (const layer of layers) await ENABLE[layer](world, setup);
  const ctx = await resolveContext(world, { env: setup.env, installed: setup.installed });
  const decl =
    setup.profileSource === null
      ? declaration(ID)
      : withSource(ID, setup.profileSource, join(world.root, 'profiles', 'dev.md'));
  return { world, resolution: await resolveModule(decl, ctx) };
}

describe('resolver precedence: every pair of layers, the earlier one wins', () => {
  for (const [i, higher] of LAYER_ORDER.entries()) {
    for (const lower of LAYER_ORDER.slice(i + 1)) {
      it(`${higher} beats ${lower}`, async () => {
        const { world, resolution } = await resolveWith([higher, lower]);
        expect(resolution.layer).toBe(higher);
        expect(resolution.source).toMatchObject(EXPECTED_SOURCE[higher](world));
        // The trail stops at the winner and lists every layer tried before it, none of which matched.
        expect(resolution.trail.map((entry) => entry.layer)).toEqual(LAYER_ORDER.slice(0, i + 1));
        expect(resolution.trail.slice(0, i).every((entry) => entry.outcome !== 'matched')).toBe(true);
        expect(resolution.trail[i]?.outcome).toBe('matched');
      });
    }
  }

  it('each layer alone resolves the module (the pairs above are not won by default)', async () => {
    for (const layer of LAYER_ORDER) {
      const { world, resolution } = await resolveWith([layer]);
      expect(resolution.layer).toBe(layer);
      expect(resolution.source).toMatchObject(EXPECTED_SOURCE[layer](world));
    }
  });

  it('with nothing set, every layer is tried and the module is unresolved', async () => {
    const { resolution } = await resolveWith([]);
    expect(resolution).toMatchObject({ layer: null, source: null, path: null });
    expect(resolution.trail.map((entry) => entry.layer)).toEqual(LAYER_ORDER);
    expect(resolution.trail.every((entry) => entry.outcome !== 'matched')).toBe(true);
  });
});
