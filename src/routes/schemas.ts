import { z } from 'zod';
import {
  FAULT_PATHS,
  MECHANISMS,
  RESOLUTIONS,
  migrationResultSchema,
  migrationSpecSchema,
  resolvedCostsSchema,
  simulationProgressSchema,
  violationSchema,
} from '../sim/index.js';
import { fieldErrorSchema } from '../errors.js';
import { FAULT_EVENT_POLICIES } from '../experiments/plan.js';
import { faultEventSchema as faultEventShape, faultFilterSchema } from '../lib/fault-event.js';
import { migrationStatusSchema } from '../services/migration-service.js';

/**
 * HTTP shapes. Each shape has one definition, which the layer below the routes owns when it uses the
 * shape too: request bodies are the simulator's schemas; query shapes are the services' (which take
 * their output); the fault event and its filters are src/lib/fault-event.ts's (storage uses them,
 * with codes); the field error is src/errors.ts's. Here they get their OpenAPI names. openapi.yaml is
 * generated from these (npm run generate:openapi) and a test keeps the committed file equal to them.
 */

/** The request of the README and of the docs page: a 256 MiB x86_64 VM, a zipf workload, userfaultfd MISSING. */
export const EXAMPLE_SUBMISSION = {
  seed: 42,
  vm: { arch: 'x86_64', memoryMiB: 256, vcpus: 4, pageSize: '4K', backing: 'anonymous' },
  workload: { pattern: 'zipf', writeRatio: 0.3 },
  strategy: { mechanism: 'uffd_missing', handlerThreads: 1, backgroundCopy: { enabled: true, bandwidthShare: 0.8, order: 'sequential' } },
  network: { bandwidthGbps: 25, rttUs: 50 },
} as const;

/*
 * Examples of the responses, for the docs page: values a real response contains (a test walks
 * openapi.yaml and validates each against its schema).
 */
const EXAMPLE_ID = '3f1c2a9e-5b7d-4e8a-9c61-2d4f8b0a7e13';
const EXAMPLE_PATH = `/v1/migrations/${EXAMPLE_ID}`;
/** A stored spec: the submission with every default filled in. */
const EXAMPLE_SPEC = migrationSpecSchema.parse(EXAMPLE_SUBMISSION);
export const EXAMPLE_MIGRATION = {
  id: EXAMPLE_ID,
  status: 'queued',
  progress: 0,
  cancelRequested: false,
  attempts: 0,
  eventCount: 0,
  modelVersion: 12, // a released model's: an example, not bound to the current MODEL_VERSION
  experimentId: null,
  faultEvents: 'all',
  createdAt: '2026-03-02T09:14:07.512Z',
  startedAt: null,
  finishedAt: null,
  spec: EXAMPLE_SPEC,
  progressDetail: null,
  summary: null,
  legacySummary: null,
  resolvedCosts: null,
  error: null,
  links: { self: EXAMPLE_PATH, faults: `${EXAMPLE_PATH}/faults`, violations: `${EXAMPLE_PATH}/violations`, cancel: `${EXAMPLE_PATH}/cancel` },
};
const EXAMPLE_FAULT_EVENT = {
  seq: 0,
  vcpu: 2,
  thread: 0,
  gfn: 51234,
  pageSizeBytes: 4096,
  write: false,
  path: 'vcpu_access',
  mechanism: 'uffd_missing',
  resolution: 'uffdio_copy',
  raisedAtNs: 18250,
  resolvedAtNs: 41730,
  latencyNs: 23480,
};

const problemSchema = z
  .object({
    type: z.string().describe('URI identifying the kind of problem.'),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    instance: z.string().optional().describe('The request path the problem occurred on.'),
    errors: z.array(fieldErrorSchema).optional().describe('The invalid fields, for validation problems.'),
  })
  .meta({
    id: 'Problem',
    description: 'RFC 9457 problem details.',
    examples: [
      {
        type: 'https://postcopy-lab.dev/problems/invalid-request',
        title: 'Invalid request',
        status: 400,
        detail: 'Invalid body: vm.vcpus',
        instance: '/v1/migrations',
        errors: [{ in: 'body', field: 'vm.vcpus', message: 'Too big: expected number to be <=1024' }],
      },
    ],
  });

export const migrationSchema = z
  .object({
    id: z.uuid(),
    status: migrationStatusSchema.describe(
      'succeeded: the simulator ran the migration to its end, whatever its outcome (summary.outcome: completed, vm_lost, refused, aborted, truncated, stalled). failed: the service could not run it (a worker error, or out of attempts; see error).',
    ),
    progress: z.number().min(0).max(1).describe('Fraction of guest pages present on the target.'),
    cancelRequested: z.boolean(),
    attempts: z.int().min(0).describe('Times a worker started this migration (more than one after a worker crash).'),
    eventCount: z.int().min(0).describe('Fault events stored so far.'),
    modelVersion: z
      .int()
      .min(0)
      .describe(
        'Version of the simulator model behind this migration: the version of the service that accepted it, then the version of the worker that produced its fault events and summary. Runs with the same spec and seed are identical within a version. 0: stored before versions were recorded.',
      ),
    experimentId: z.uuid().nullable().describe('The experiment this migration is a run of (null: submitted on its own).'),
    faultEvents: z
      .enum(FAULT_EVENT_POLICIES)
      .describe('Which fault events are stored: all, sample (every 64th by seq) or none (runs of experiments default to none); the summary is complete either way.'),
    createdAt: z.iso.datetime().describe('When it was accepted (status queued).'),
    startedAt: z.iso.datetime().nullable().describe('When a worker last started it (status running; for a short run of an experiment, recorded with its end).'),
    finishedAt: z.iso.datetime().nullable().describe('When it reached succeeded, failed or cancelled.'),
    // The spec as stored (every default filled in), hence an example of that shape instead of the request's.
    spec: migrationSpecSchema.meta({ examples: [EXAMPLE_SPEC] }),
    progressDetail: simulationProgressSchema.nullable(),
    summary: migrationResultSchema.nullable().describe('The simulator summary, once the simulation ended (null for a summary another model version stored in an older shape: see legacySummary).'),
    legacySummary: z
      .record(z.string(), z.unknown())
      .nullable()
      .describe('A summary stored by another model version (modelVersion) in a shape this version no longer serves as `summary` (fields added or renamed since), as stored; null otherwise. Re-running the spec with resolvedCosts gives a current one.'),
    resolvedCosts: resolvedCostsSchema
      .nullable()
      .describe('Every cost parameter the run used (defaults of modelVersion, host.costScale, spec.costs overrides): with the spec, what reproduces the run. Null until it ended.'),
    error: z.object({ title: z.string(), detail: z.string() }).nullable().describe('Why the service could not run it (status failed).'),
    links: z.object({ self: z.string(), faults: z.string(), violations: z.string(), cancel: z.string() }),
  })
  .meta({ id: 'Migration', examples: [EXAMPLE_MIGRATION] });

export const migrationPageSchema = z
  .object({ items: z.array(migrationSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'MigrationPage', examples: [{ items: [EXAMPLE_MIGRATION], nextCursor: null }] });

export const faultEventSchema = faultEventShape.meta({ id: 'FaultEvent', examples: [EXAMPLE_FAULT_EVENT] });

/** faultEvents as the readers of stored events state it (a migration that stores none answers 409). */
const sampleEverySchema = z.int().min(1).describe('Which of the migration\'s fault events are stored, hence counted here: 1, every one; 64, every 64th by seq (faultEvents sample), so that counts, blocktime and the timeline are about 1/64 of the run\'s (its summary has the whole run).');

export const faultPageSchema = z
  .object({ items: z.array(faultEventSchema), nextCursor: z.string().nullable(), sampleEvery: sampleEverySchema })
  .meta({ id: 'FaultEventPage', examples: [{ items: [EXAMPLE_FAULT_EVENT], nextCursor: 'eyJzZXEiOjB9', sampleEvery: 1 }] });

const EXAMPLE_VIOLATION = {
  seq: 0,
  kind: 'zero_page_exposed',
  atNs: 1_873_412,
  gfn: 51234,
  vcpu: null,
  detail: 'a vhost/VMM userspace access to a missing page was not intercepted (no userfaultfd): the kernel mapped a zero-filled page',
};

export const violationPageSchema = z
  .object({
    items: z.array(
      violationSchema
        .extend({ seq: z.int().min(0).describe('Position in the simulator\'s order, from 0 (the summary\'s sample is seq 0 to 19).') })
        .meta({ id: 'Violation', examples: [EXAMPLE_VIOLATION] }),
    ),
    nextCursor: z.string().nullable().describe('Pass it as `cursor` for the next page; null on the last page.'),
  })
  .meta({ id: 'ViolationPage', examples: [{ items: [EXAMPLE_VIOLATION], nextCursor: 'eyJzZXEiOjB9' }] });

export const idParamsSchema = z.object({ id: z.uuid().describe('Migration id.') });

/** GET /faults/export: the filters of the service, and the media type of the body (an HTTP concern). */
export const faultExportQuerySchema = faultFilterSchema.extend({
  format: z.enum(['ndjson', 'csv']).default('ndjson').describe('ndjson: one FaultEvent object per line; csv: a header line, then one line per event with the FaultEvent fields in order.'),
});

const latencyBucketSchema = z
  .object({ lowerNs: z.number(), upperNs: z.number(), count: z.int() })
  .meta({ id: 'LatencyHistogramBucket', description: 'Faults with lowerNs <= latencyNs < upperNs.', examples: [{ lowerNs: 16384, upperNs: 32768, count: 2 }] });

const vcpuBlocktimeSchema = z
  .object({
    vcpu: z.int(),
    blockedNs: z.number().describe('Sum of the latencies of its faults: the time the vCPU was stalled.'),
    faults: z.int(),
  })
  .meta({ id: 'VcpuBlocktime', examples: [{ vcpu: 2, blockedNs: 84680, faults: 2 }] });

const timelineBucketSchema = z
  .object({ startNs: z.number(), endNs: z.number(), faults: z.int().describe('Faults raised in [startNs, endNs).') })
  .meta({ id: 'TimelineBucket', examples: [{ startNs: 0, endNs: 60000, faults: 2 }] });

export const faultStatsSchema = z
  .object({
    total: z.int().describe('Matching fault events.'),
    latency: z
      .object({ p50Ns: z.number(), p90Ns: z.number(), p99Ns: z.number(), maxNs: z.number(), meanNs: z.number() })
      .describe('Fault latency (resolvedAtNs - raisedAtNs). Percentiles are exact and discrete: pXNs is the smallest latency with at least X% of the faults at or below it. All 0 when nothing matches.'),
    latencyHistogram: z
      .array(latencyBucketSchema)
      .describe(
        'Log-scale buckets in ascending order, only the non-empty ones: [0, 1) holds latency 0, then latencyBucketsPerDoubling buckets from each power of two to the next (bounds rounded up to whole ns; with 1, [2^k, 2^(k+1))).',
      ),
    byPath: z.record(z.enum(FAULT_PATHS), z.int()).describe('Faults per path; every path is listed (0 when none).'),
    byMechanism: z.record(z.enum(MECHANISMS), z.int()).describe('Faults per mechanism; every mechanism is listed.'),
    byResolution: z.record(z.enum(RESOLUTIONS), z.int()).describe('Faults per resolution; every resolution is listed.'),
    blocktimePerVcpu: z
      .array(vcpuBlocktimeSchema)
      .describe('vCPU faults only (vcpu >= 0), ascending vcpu; vCPUs without a matching fault are not listed.'),
    timeline: z
      .array(timelineBucketSchema)
      .describe('`buckets` equal buckets over [0, max raisedAtNs of the matching faults], all listed (the last one also holds the maximum). Empty when nothing matches.'),
    sampleEvery: sampleEverySchema,
  })
  .meta({
    id: 'FaultStats',
    description: 'Aggregates of the matching fault events, computed by the database.',
    examples: [
      {
        total: 3,
        latency: { p50Ns: 23480, p90Ns: 61200, p99Ns: 61200, maxNs: 61200, meanNs: 36060 },
        latencyHistogram: [
          { lowerNs: 16384, upperNs: 32768, count: 2 },
          { lowerNs: 32768, upperNs: 65536, count: 1 },
        ],
        byPath: Object.fromEntries(FAULT_PATHS.map((p) => [p, p === 'vcpu_access' ? 3 : 0])),
        byMechanism: Object.fromEntries(MECHANISMS.map((m) => [m, m === 'uffd_missing' ? 3 : 0])),
        byResolution: Object.fromEntries(RESOLUTIONS.map((r) => [r, r === 'uffdio_copy' ? 3 : 0])),
        blocktimePerVcpu: [
          { vcpu: 0, blockedNs: 23500, faults: 1 },
          { vcpu: 2, blockedNs: 84680, faults: 2 },
        ],
        timeline: [
          { startNs: 0, endNs: 60000, faults: 2 },
          { startNs: 60000, endNs: 120000, faults: 1 },
        ],
        sampleEvery: 1,
      },
    ],
  });

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
