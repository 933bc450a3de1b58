import { z } from 'zod';
import { migrationStatusSchema } from '../services/migration-service.js';
import { experimentProgressSchema } from '../services/experiment-service.js';
import { axisSchema, FAULT_EVENT_POLICIES, presetSummaries } from '../experiments/plan.js';
import { PRESET_NAMES } from '../experiments/presets.js';
import { experimentResultsSchema } from '../experiments/results.js';
import { RUN_METRICS, RUN_METRIC_NAMES } from '../experiments/metrics.js';
import { migrationSpecSchema } from '../sim/index.js';

/** HTTP shapes of the experiments routes (see schemas.ts for the conventions). */

/*
 * The example of the docs page: a real two-run experiment (the figures are those of its runs under
 * model version 27).
 */
const EXAMPLE_ID = '8d0f6c2b-41a7-4e3c-9f15-7b2e9a0c4d58';
const EXAMPLE_PATH = `/v1/experiments/${EXAMPLE_ID}`;
const EXAMPLE_BASE = migrationSpecSchema.parse({ seed: 1, vm: { memoryMiB: 256, vcpus: 4 }, workload: { pattern: 'zipf' }, strategy: { mechanism: 'uffd_missing' } });
const EXAMPLE_METRICS = [
  { totalNs: 147300754, downtimeNs: 20385544, postcopyNs: 126815210, blocktimeAllVcpusNs: 119590986, blocktimePerVcpuMeanNs: 119590986, faults: 28, latencyP50Ns: 4554752, latencyP99Ns: 4932151, vcpuFaultLatencyMeanNs: 4271107, slowdown: 17.622, pagingRatePagesPerSec: 199.843, bytesOnWire: 269496320, violations: 0 },
  { totalNs: 147320869, downtimeNs: 20385544, postcopyNs: 126835325, blocktimeAllVcpusNs: 115689430, blocktimePerVcpuMeanNs: 122026969, faults: 117, latencyP50Ns: 4554752, latencyP99Ns: 4938856, vcpuFaultLatencyMeanNs: 4171862, slowdown: 26.54, pagingRatePagesPerSec: 780.53, bytesOnWire: 269549568, violations: 0 },
];
const EXAMPLE_RESULTS = {
  columns: ['vm.vcpus'],
  metrics: RUN_METRIC_NAMES.map((name) => ({ name, unit: RUN_METRICS[name].unit, description: RUN_METRICS[name].describe })),
  runs: [1, 4].map((vcpus, index) => ({
    index,
    migrationId: ['5b1e0c7a-93d2-4f6e-8a41-0c9d7e2f3b64', 'c4a8f2e1-6d3b-4e9a-b7c5-1f0e8d2a9c37'][index],
    values: { 'vm.vcpus': vcpus },
    seedIndex: 0,
    seed: 1,
    status: 'succeeded',
    outcome: 'completed',
    correct: true,
    guestImpaired: false,
    metrics: EXAMPLE_METRICS[index],
  })),
  aggregates: [1, 4].map((vcpus, index) => ({
    values: { 'vm.vcpus': vcpus },
    runs: 1,
    measured: 1,
    outcomes: { completed: 1 },
    metrics: Object.fromEntries(Object.entries(EXAMPLE_METRICS[index]).map(([k, v]) => [k, { mean: v, min: v, max: v, sd: null }])),
    published: null,
  })),
  preset: null,
};
export const EXAMPLE_EXPERIMENT = {
  id: EXAMPLE_ID,
  label: 'blocktime vs vCPUs',
  status: 'succeeded',
  runCount: 2,
  modelVersion: 27,
  cancelRequested: false,
  createdAt: '2026-03-02T09:20:11.204Z',
  finishedAt: '2026-03-02T09:20:12.931Z',
  progress: { total: 2, done: 2, fraction: 1, byStatus: { queued: 0, running: 0, succeeded: 2, failed: 0, cancelled: 0 } },
  request: { label: 'blocktime vs vCPUs', preset: null, base: EXAMPLE_BASE, axes: [{ path: 'vm.vcpus', values: [1, 4] }], seeds: 1, faultEvents: 'none' },
  results: EXAMPLE_RESULTS,
  links: { self: EXAMPLE_PATH, results: `${EXAMPLE_PATH}/results`, cancel: `${EXAMPLE_PATH}/cancel`, events: `${EXAMPLE_PATH}/events` },
};

export const progressSchema = experimentProgressSchema.meta({ id: 'ExperimentProgress', examples: [EXAMPLE_EXPERIMENT.progress] });

/** The request as stored: every default filled in, a preset expanded to its base and axes. */
const storedRequestSchema = z.object({
  label: z.string().nullable(),
  preset: z.enum(PRESET_NAMES).nullable(),
  base: migrationSpecSchema.meta({ examples: [EXAMPLE_BASE] }),
  axes: z.array(axisSchema),
  seeds: z.int(),
  faultEvents: z.enum(FAULT_EVENT_POLICIES),
});

export const namedResultsSchema = experimentResultsSchema.meta({ id: 'ExperimentResults', examples: [EXAMPLE_RESULTS] });

export const experimentSchema = z
  .object({
    id: z.uuid(),
    label: z.string().nullable(),
    status: migrationStatusSchema.describe('queued until a run starts; running; then succeeded (every run ended, whatever its outcome), failed (no run could be run by the service) or cancelled.'),
    runCount: z.int().min(1),
    modelVersion: z.int().min(0).describe('MODEL_VERSION of the service that accepted it; each run records the version that produced it (see its migration).'),
    cancelRequested: z.boolean(),
    createdAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
    progress: progressSchema,
    request: storedRequestSchema.describe('The request as stored: defaults filled in, a preset expanded.'),
    results: namedResultsSchema.nullable().describe('The results table (GET /v1/experiments/{id} only; null in lists).'),
    links: z.object({ self: z.string(), results: z.string(), cancel: z.string(), events: z.string().describe('Its live events (Server-Sent Events).') }),
  })
  .meta({ id: 'Experiment', examples: [EXAMPLE_EXPERIMENT] });

export const experimentPageSchema = z.object({ items: z.array(experimentSchema), nextCursor: z.string().nullable() }).meta({ id: 'ExperimentPage', examples: [{ items: [{ ...EXAMPLE_EXPERIMENT, results: null }], nextCursor: null }] });

export const presetListSchema = z
  .object({
    items: z.array(
      z.object({
        name: z.enum(PRESET_NAMES).describe('What POST /v1/experiments takes as `preset`.'),
        title: z.string().describe('What the publication measured.'),
        source: z.string().describe('Where the figures were published.'),
        axes: z.array(z.string()).describe('The spec fields the preset varies.'),
        runCount: z.int().min(1).describe('Runs of the preset with one seed (`seeds` multiplies them).'),
        metric: z.enum(RUN_METRIC_NAMES).describe('The metric the publication reports, shown beside the simulated one.'),
      }),
    ),
  })
  // The presets themselves: the example is the answer of this version of the service.
  .meta({ id: 'ExperimentPresetList', examples: [{ items: presetSummaries() }] });

export const experimentIdParamsSchema = z.object({ id: z.uuid().describe('Experiment id.') });

export const resultsQuerySchema = z.object({
  format: z.enum(['json', 'csv', 'ndjson']).default('json').describe('json: the ExperimentResults object; csv: one line per run; ndjson: one ResultRow per line.'),
});

export function experimentPath(id: string): string {
  return `/v1/experiments/${id}`;
}

export type ExperimentDto = z.output<typeof experimentSchema>;
