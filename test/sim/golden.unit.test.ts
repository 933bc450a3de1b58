import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { migrationSpecSchema, MODEL_VERSION } from '../../src/sim/index.js';
import { Rng } from '../../src/sim/rng.js';
import { digest, specSchemaDigest, type GoldenFile } from './golden/digest.js';
import { GOLDEN_SPECS } from './golden/specs.js';

/**
 * The safety net of every simulator change: each golden spec's events and result, byte for byte.
 * A failure here means the model's output changed. If that is deliberate, bump MODEL_VERSION, run
 * `npm run goldens` and say why in the commit; otherwise it is a regression.
 */
const golden = JSON.parse(readFileSync(new URL('./golden/golden.json', import.meta.url), 'utf8')) as GoldenFile;

describe('golden runs', () => {
  it('were recorded by this model version, for every golden spec', () => {
    expect(golden.modelVersion).toBe(MODEL_VERSION);
    expect(Object.keys(golden.cases).sort()).toEqual(Object.keys(GOLDEN_SPECS).sort());
  });

  // A worker runs a spec that an API of its model version stored without parsing it again
  // (runMigrationJob): one version must have one spec schema, and a stored spec must be what parsing
  // it would give.
  it('were recorded with this spec schema (a schema change bumps MODEL_VERSION)', () => {
    expect(specSchemaDigest(), 'the spec schema changed: bump MODEL_VERSION and run npm run goldens').toBe(golden.specSchemaSha256);
  });
  it('a stored spec (parsed, then JSON) parses to itself', () => {
    for (const spec of Object.values(GOLDEN_SPECS)) {
      const stored: unknown = JSON.parse(JSON.stringify(migrationSpecSchema.parse(spec)));
      expect(migrationSpecSchema.parse(stored)).toEqual(stored);
    }
  });

  for (const [name, spec] of Object.entries(GOLDEN_SPECS)) {
    it(`${name}: same events and result as recorded`, () => {
      expect(digest(spec)).toEqual(golden.cases[name]);
    });
  }

  it('reach every outcome and the violations they were chosen for', () => {
    const outcomes = new Set(Object.values(golden.cases).map((c) => c.outcome));
    expect(outcomes).toEqual(new Set(['completed', 'vm_lost', 'refused', 'aborted', 'truncated', 'stalled']));
    // A refused migration moves nothing, nor does one aborted during pre-copy; every other case has fault events.
    expect(Object.values(golden.cases).every((c) => c.events > 0 || c.outcome === 'refused' || c.outcome === 'aborted')).toBe(true);
  });
});

describe('random generator vectors', () => {
  // xoshiro128** seeded by splitmix32: the sequences every stored run depends on.
  const vectors = [
    { seed: 0, u32: [3809008728, 1133695204, 53579671, 2891528803, 139681546, 2203266335], floats: [0.024408060085556516, 0.6123124507721514, 0.9864677417644948], ints: [42, 36757, 127, 1, 1] },
    { seed: 1, u32: [2442144158, 3238099751, 3819917871, 2104621829, 2021136066, 4223536128], floats: [0.35296769838967534, 0.3364595107268542, 0.14110087973536578], ints: [774, 453628, 31, 2, 1] },
    { seed: 42, u32: [2837322924, 544945897, 479756282, 3500138142, 339756180, 113173290], floats: [0.015209237180418, 0.88068708172068, 0.6750146881984695], ints: [474, 941320, 148, 1, 1] },
    { seed: 2147483647, u32: [4273413024, 512412270, 2725035094, 3323596758, 4045068010, 1250192254], floats: [0.7339357523323831, 0.5001125189010054, 0.2758363450279122], ints: [262, 168315, 57, 1, 1] },
  ];
  for (const v of vectors) {
    it(`seed ${v.seed}`, () => {
      const r = new Rng(v.seed);
      expect(Array.from({ length: 6 }, () => r.u32())).toEqual(v.u32);
      expect([r.float(), r.float32(), r.floatOpen()]).toEqual(v.floats);
      expect([r.below(1000), r.below32(1_000_000), r.geometric(0.01), r.geometric(0.5), r.geometric(1)]).toEqual(v.ints);
    });
  }
});
