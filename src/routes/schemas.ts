import { z } from 'zod';
import {
  FAULT_PATHS,
  MECHANISMS,
  RESOLUTIONS,
  migrationResultSchema,
  migrationSpecSchema,
  simulationProgressSchema,
} from '../sim/index.js';
import { fieldErrorSchema } from '../errors.js';
import { faultEventSchema as faultEventShape, faultFilterSchema } from '../lib/fault-event.js';
import { migrationStatusSchema } from '../services/migration-service.js';

/**
 * HTTP shapes. Each shape has one definition, which the layer below the routes owns when it uses the
 * shape too: request bodies are the simulator's schemas; query shapes are the services' (which take
 * their output); the fault event and its filters are src/lib/fault-event.ts's (storage uses them,
 * with codes); the field error is src/errors.ts's. Here they get their OpenAPI names. openapi.yaml is
 * generated from these (npm run generate:openapi) and a test keeps the committed file equal to them.
 */

const problemSchema = z
  .object({
    type: z.string().describe('URI identifying the kind of problem.'),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    instance: z.string().optional().describe('The request path the problem occurred on.'),
    errors: z.array(fieldErrorSchema).optional().describe('The invalid fields, for validation problems.'),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details.' });

export const migrationSchema = z
  .object({
    id: z.uuid(),
    status: migrationStatusSchema,
    progress: z.number().min(0).max(1).describe('Fraction of guest pages present on the target.'),
    cancelRequested: z.boolean(),
    attempts: z.int().describe('Times a worker started this migration (more than one after a worker crash).'),
    eventCount: z.int().describe('Fault events stored so far.'),
    modelVersion: z
      .int()
      .min(0)
      .describe(
        'Version of the simulator model behind this migration: the version of the service that accepted it, then the version of the worker that produced its fault events and summary. Runs with the same spec and seed are identical within a version. 0: stored before versions were recorded.',
      ),
    createdAt: z.iso.datetime().describe('When it was accepted (status queued).'),
    startedAt: z.iso.datetime().nullable().describe('When a worker last started it (status running).'),
    finishedAt: z.iso.datetime().nullable().describe('When it reached succeeded, failed or cancelled.'),
    spec: migrationSpecSchema,
    progressDetail: simulationProgressSchema.nullable(),
    summary: migrationResultSchema.nullable().describe('The simulator summary, once the simulation ended.'),
    error: z.object({ title: z.string(), detail: z.string() }).nullable(),
    links: z.object({ self: z.string(), faults: z.string(), cancel: z.string() }),
  })
  .meta({ id: 'Migration' });

export const migrationPageSchema = z
  .object({ items: z.array(migrationSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'MigrationPage' });

export const faultEventSchema = faultEventShape.meta({ id: 'FaultEvent' });

export const faultPageSchema = z
  .object({ items: z.array(faultEventSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'FaultEventPage' });

export const idParamsSchema = z.object({ id: z.uuid().describe('Migration id.') });

/** GET /faults/export: the filters of the service, and the media type of the body (an HTTP concern). */
export const faultExportQuerySchema = faultFilterSchema.extend({
  format: z.enum(['ndjson', 'csv']).default('ndjson').describe('ndjson: one FaultEvent object per line; csv: a header line, then one line per event with the FaultEvent fields in order.'),
});

const latencyBucketSchema = z
  .object({ lowerNs: z.number(), upperNs: z.number(), count: z.int() })
  .meta({ id: 'LatencyHistogramBucket', description: 'Faults with lowerNs <= latencyNs < upperNs.' });

const vcpuBlocktimeSchema = z
  .object({
    vcpu: z.int(),
    blockedNs: z.number().describe('Sum of the latencies of its faults: the time the vCPU was stalled.'),
    faults: z.int(),
  })
  .meta({ id: 'VcpuBlocktime' });

const timelineBucketSchema = z
  .object({ startNs: z.number(), endNs: z.number(), faults: z.int().describe('Faults raised in [startNs, endNs).') })
  .meta({ id: 'TimelineBucket' });

export const faultStatsSchema = z
  .object({
    total: z.int().describe('Matching fault events.'),
    latency: z
      .object({ p50Ns: z.number(), p90Ns: z.number(), p99Ns: z.number(), maxNs: z.number(), meanNs: z.number() })
      .describe('Fault latency (resolvedAtNs - raisedAtNs). Percentiles are exact and discrete: pXNs is the smallest latency with at least X% of the faults at or below it. All 0 when nothing matches.'),
    latencyHistogram: z
      .array(latencyBucketSchema)
      .describe('Log2 buckets in ascending order, only the non-empty ones: [0, 1) holds latency 0, then [2^k, 2^(k+1)).'),
    byPath: z.record(z.enum(FAULT_PATHS), z.int()).describe('Faults per path; every path is listed (0 when none).'),
    byMechanism: z.record(z.enum(MECHANISMS), z.int()).describe('Faults per mechanism; every mechanism is listed.'),
    byResolution: z.record(z.enum(RESOLUTIONS), z.int()).describe('Faults per resolution; every resolution is listed.'),
    blocktimePerVcpu: z
      .array(vcpuBlocktimeSchema)
      .describe('vCPU faults only (vcpu >= 0), ascending vcpu; vCPUs without a matching fault are not listed.'),
    timeline: z
      .array(timelineBucketSchema)
      .describe('`buckets` equal buckets over [0, max raisedAtNs of the matching faults], all listed (the last one also holds the maximum). Empty when nothing matches.'),
  })
  .meta({ id: 'FaultStats', description: 'Aggregates of the matching fault events, computed by the database.' });

export const submitHeadersSchema = z.looseObject({
  'idempotency-key': z
    .string()
    .min(1)
    .max(255)
    .optional()
    .describe('Makes a retried submission return the first migration instead of creating a second one.'),
});

const problemContent = { 'application/problem+json': { schema: problemSchema } };

/** Problem responses of a route, for the OpenAPI document. */
export function problems(...statuses: number[]): Record<number, { description: string; content: typeof problemContent }> {
  const descriptions: Record<number, string> = {
    400: 'Invalid request; `errors` names each offending field.',
    401: 'No API key, or not a valid one (unknown, malformed or revoked); see `WWW-Authenticate`.',
    403: 'Refused: an admin key on the tenant API, or a cross-site request that would change state (a foreign `Origin`).',
    404: 'No such migration.',
    409: 'The migration is in a state that does not allow this.',
    413: 'Request body too large.',
    415: 'Unsupported content type.',
    422: 'Idempotency-Key reused with a different body.',
    429: 'A limit or quota is reached; `detail` names it, and `Retry-After` says when to retry where waiting helps.',
    503: 'Postgres or Redis does not answer right now (a restart, a failover); retry after `Retry-After` seconds.',
  };
  return Object.fromEntries(statuses.map((s) => [s, { description: descriptions[s] ?? 'Error', content: problemContent }]));
}

export type MigrationDto = z.output<typeof migrationSchema>;
export type FaultEventDto = z.output<typeof faultEventSchema>;
export type FaultStatsDto = z.output<typeof faultStatsSchema>;
