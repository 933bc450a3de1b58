import { z } from 'zod';
import { FAULT_PATHS, MECHANISMS, RESOLUTIONS } from '../sim/index.js';

/**
 * One per-page fault event, the one definition of its fields: the API's FaultEvent (src/routes/schemas.ts
 * registers it under that name; CSV and NDJSON exports list the same fields in this order) and, with
 * codes instead of names, the storage layer's FaultEventRow. It lives here, below both layers,
 * because the storage layer must not import the HTTP layer.
 */
export const faultEventSchema = z.object({
  seq: z.int().describe('Dense sequence number within the migration, from 0.'),
  vcpu: z.int().describe('Faulting vCPU, or -1 when no vCPU raised it.'),
  thread: z.int().describe('Resolving uffd handler thread, or -1 for the faulting vCPU thread itself.'),
  gfn: z.int(),
  pageSizeBytes: z.int().describe('Size of the page the resolution moved.'),
  write: z.boolean(),
  path: z.enum(FAULT_PATHS),
  mechanism: z.enum(MECHANISMS),
  resolution: z.enum(RESOLUTIONS),
  raisedAtNs: z.int(),
  resolvedAtNs: z.int(),
  latencyNs: z.int(),
});

type FaultEvent = z.output<typeof faultEventSchema>;

/**
 * Which of a migration's fault events are stored (its faultEvents): every one, every
 * SAMPLE_STRIDE-th by seq (a sample), or none. Readers of the events say which.
 */
const SAMPLE_STRIDE = 64;
export function storedEvery(policy: 'all' | 'sample'): number {
  return policy === 'sample' ? SAMPLE_STRIDE : 1;
}

/** The fields that name a value of a vocabulary of src/sim/vocabulary.ts. */
type VocabularyField = 'path' | 'mechanism' | 'resolution';

/**
 * A fault event as stored and read back: vocabulary fields as their codes (the value's index in its
 * vocabulary, as in the fault_events table). All integers are below 2^53.
 */
export type FaultEventRow = Omit<FaultEvent, VocabularyField> & Record<VocabularyField, number>;

/**
 * Which fault events: the filters of GET /faults, /faults/export and /faults/stats, as the API names
 * them (all optional, combined with AND; query strings, hence the coercion).
 */
export const faultFilterSchema = z.object({
  vcpu: z.coerce.number().int().min(-1).max(1023).optional().describe('Only faults raised by this vCPU; -1: faults no vCPU raised.'),
  path: z.enum(FAULT_PATHS).optional().describe('Only faults that came this way.'),
  mechanism: z.enum(MECHANISMS).optional().describe('Only faults resolved through this mechanism.'),
  resolution: z.enum(RESOLUTIONS).optional().describe('Only faults that ended this way.'),
  gfnMin: z.coerce.number().int().min(0).max(2 ** 40).optional().describe('Only faults at guest frame numbers >= gfnMin.'),
  gfnMax: z.coerce.number().int().min(0).max(2 ** 40).optional().describe('Only faults at guest frame numbers <= gfnMax (>= gfnMin).'),
  fromNs: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional().describe('Only faults raised at or after this simulated time (raisedAtNs >= fromNs).'),
  toNs: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional().describe('Only faults raised before this simulated time (raisedAtNs < toNs; > fromNs).'),
});

export type FaultFilterQuery = z.output<typeof faultFilterSchema>;

/** The same filter on stored events: vocabulary fields as their codes. */
export type FaultFilter = Omit<FaultFilterQuery, VocabularyField> & Partial<Record<VocabularyField, number>>;
