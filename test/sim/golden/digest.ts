import { createHash } from 'node:crypto';
import { z } from 'zod';
import { createSimulation, migrationSpecSchema, type FaultEventBatch, type MigrationSpecInput } from '../../../src/sim/index.js';
import { GOLDEN_SPECS } from './specs.js';

export interface GoldenDigest {
  events: number;
  outcome: string;
  /** SHA-256 of every event column's bytes, column by column, in seq order. */
  eventsSha256: string;
  /** SHA-256 of the result as JSON, then of every recorded violation as JSON. */
  resultSha256: string;
}

export interface GoldenFile {
  modelVersion: number;
  /** specSchemaDigest() of this model version: a spec schema change is a model change too. */
  specSchemaSha256: string;
  cases: Record<string, GoldenDigest>;
}

/**
 * SHA-256 of the migration spec's JSON Schema (fields, types, bounds, defaults; descriptions left
 * out). A worker trusts a spec that an API of its own model version stored, without parsing it again
 * (runMigrationJob): that holds only if one model version has one spec schema.
 */
export function specSchemaDigest(): string {
  const strip = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(strip) : typeof v === 'object' && v !== null ? Object.fromEntries(Object.entries(v).filter(([k]) => !['description', 'title', 'examples'].includes(k)).map(([k, x]) => [k, strip(x)])) : v;
  return createHash('sha256').update(JSON.stringify(strip(z.toJSONSchema(migrationSpecSchema, { io: 'input' })))).digest('hex');
}

const COLUMNS = ['vcpu', 'thread', 'gfn', 'pageShift', 'write', 'path', 'mechanism', 'resolution', 'raisedAtNs', 'resolvedAtNs'] as const;

/** Runs one spec in odd-sized batches (so batching cannot hide a difference) and digests its output. */
export function digest(input: MigrationSpecInput): GoldenDigest {
  const sim = createSimulation(migrationSpecSchema.parse(input));
  const hashes = COLUMNS.map(() => createHash('sha256'));
  let events = 0;
  for (let b: FaultEventBatch | null = sim.next(997); b; b = sim.next(997)) {
    COLUMNS.forEach((c, i) => hashes[i].update(new Uint8Array(b[c].buffer, b[c].byteOffset, b.length * b[c].BYTES_PER_ELEMENT)));
    events += b.length;
  }
  const all = createHash('sha256');
  for (const h of hashes) all.update(h.digest());
  const result = sim.result();
  const resultSha256 = createHash('sha256').update(JSON.stringify(result)).update(JSON.stringify(sim.violations())).digest('hex');
  return { events, outcome: result.outcome, eventsSha256: all.digest('hex'), resultSha256 };
}

export function digestAll(): Record<string, GoldenDigest> {
  return Object.fromEntries(Object.entries(GOLDEN_SPECS).map(([name, spec]) => [name, digest(spec)]));
}
