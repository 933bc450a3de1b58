/**
 * Regenerates test/sim/golden/golden.json. A changed digest of an existing case is a model change:
 * it is refused unless MODEL_VERSION (src/sim/model-version.ts) was bumped past the stored version.
 * So is a changed spec schema (a worker trusts the specs its version's API stored, see
 * specSchemaDigest). New cases may be added under the same version. Usage: npm run goldens
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MODEL_VERSION } from '../src/sim/index.js';
import { digestAll, specSchemaDigest, type GoldenFile } from '../test/sim/golden/digest.js';

const file = fileURLToPath(new URL('../test/sim/golden/golden.json', import.meta.url));
let stored: GoldenFile | null = null;
try {
  stored = JSON.parse(readFileSync(file, 'utf8')) as GoldenFile;
} catch {
  stored = null;
}
const cases = digestAll();
const specSchemaSha256 = specSchemaDigest();
const changed = stored ? Object.keys(stored.cases).filter((k) => k in cases && JSON.stringify(stored.cases[k]) !== JSON.stringify(cases[k])) : [];
if (stored && stored.specSchemaSha256 !== specSchemaSha256) changed.push('the spec schema');
if (stored && changed.length > 0 && MODEL_VERSION <= stored.modelVersion) {
  console.error(`The simulator's output changed for ${changed.join(', ')}.`);
  console.error(`If that is deliberate, bump MODEL_VERSION in src/sim/model-version.ts (now ${MODEL_VERSION}) and say why in the commit.`);
  process.exit(1);
}
const out: GoldenFile = { modelVersion: MODEL_VERSION, specSchemaSha256, cases };
writeFileSync(file, JSON.stringify(out, null, 2) + '\n');
console.log(`wrote ${Object.keys(cases).length} golden digests for model version ${MODEL_VERSION}${changed.length ? ` (changed: ${changed.join(', ')})` : ''}`);
