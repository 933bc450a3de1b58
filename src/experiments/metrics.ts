import { z } from 'zod';
import type { MigrationResult } from '../sim/index.js';
import { axisValueSchema, type RunParams } from './plan.js';

/**
 * The key figures of a run, read from its summary (the migration's MigrationResult), and their
 * aggregates over seed repetitions: the rows of an experiment's results table.
 */

/** Fault paths a vCPU thread raises (the others are the VMM's device restore and vhost threads). */
const VCPU_PATHS = ['vcpu_access', 'kvm_user_access', 'instruction_emulation', 'nested_walk', 'async_page_fault'] as const;

/**
 * The top-level summary fields the metrics below and the results table read: a results table of a
 * thousand runs reads only these from the database (an arm64 summary is mostly its ITS tables).
 */
export const SUMMARY_FIELDS_READ = ['outcome', 'correct', 'guestImpaired', 'timing', 'blocktime', 'faults', 'slowdown', 'pagingRate', 'bytesOnWire', 'violationCount'] as const;
export type SummaryRead = Pick<MigrationResult, (typeof SUMMARY_FIELDS_READ)[number]>;

export const RUN_METRICS = {
  totalNs: { unit: 'ns', describe: 'timing.totalNs: pre-copy + downtime + post-copy.', read: (r) => r.timing.totalNs },
  downtimeNs: { unit: 'ns', describe: 'timing.downtimeNs: source paused until the vCPUs resumed on the target.', read: (r) => r.timing.downtimeNs },
  postcopyNs: { unit: 'ns', describe: 'timing.postcopyNs: resume until the last page arrived.', read: (r) => r.timing.postcopyNs },
  blocktimeAllVcpusNs: { unit: 'ns', describe: "blocktime.allVcpusNs: QEMU's postcopy-blocktime (every vCPU blocked at once).", read: (r) => r.blocktime.allVcpusNs },
  blocktimePerVcpuMeanNs: {
    unit: 'ns',
    describe: 'Mean over vCPUs of blocktime.perVcpuNs (QEMU postcopy-vcpu-blocktime).',
    read: (r) => (r.blocktime.perVcpuNs.length > 0 ? Math.round(r.blocktime.sumNs / r.blocktime.perVcpuNs.length) : 0),
  },
  faults: { unit: 'count', describe: 'faults.total: fault events of the run.', read: (r) => r.faults.total },
  latencyP50Ns: { unit: 'ns', describe: 'faults.latency.p50Ns.', read: (r) => r.faults.latency.p50Ns },
  latencyP99Ns: { unit: 'ns', describe: 'faults.latency.p99Ns.', read: (r) => r.faults.latency.p99Ns },
  vcpuFaultLatencyMeanNs: {
    unit: 'ns',
    describe: 'Mean latency of the faults vCPUs raised (blocktime.sumNs / their count): the "average page request latency" of QEMU measurements.',
    read: (r) => {
      const n = VCPU_PATHS.reduce((sum, p) => sum + (r.faults.byPath[p]?.count ?? 0), 0);
      return n > 0 ? Math.round(r.blocktime.sumNs / n) : 0;
    },
  },
  slowdown: {
    unit: 'ratio',
    describe:
      'slowdown: how much longer the vCPUs took for their guest work than with all memory present (1: not slowed); null when they executed no access at all (the aggregates leave such runs out).',
    read: (r) => r.slowdown,
  },
  pagingRatePagesPerSec: { unit: '4 KiB frames/s', describe: 'pagingRate.overallPagesPerSec: demand paging rate of the vCPUs.', read: (r) => r.pagingRate.overallPagesPerSec },
  bytesOnWire: { unit: 'bytes', describe: 'bytesOnWire: everything sent over the link.', read: (r) => r.bytesOnWire },
  violations: { unit: 'count', describe: 'violationCount: correctness violations.', read: (r) => r.violationCount },
} satisfies Record<string, { unit: string; describe: string; read: (r: SummaryRead) => number | null }>;

export type RunMetricName = keyof typeof RUN_METRICS;
/** The metrics a run may not have (null), e.g. a slowdown without any guest access to compare. */
const NULLABLE_METRICS: ReadonlySet<RunMetricName> = new Set(['slowdown']);

export const RUN_METRIC_NAMES = Object.keys(RUN_METRICS) as [RunMetricName, ...RunMetricName[]];
/** An object with one property per metric, each described with its unit (named properties, not a record, so clients get them typed). */
function perMetric<T extends z.ZodType>(value: (name: RunMetricName) => T): z.ZodObject<Record<RunMetricName, T>> {
  return z.object(Object.fromEntries(RUN_METRIC_NAMES.map((n) => [n, value(n)])) as Record<RunMetricName, T>);
}

export const runMetricsSchema = perMetric((n) => {
  const value = z.number().describe(`${RUN_METRICS[n].describe} Unit: ${RUN_METRICS[n].unit}.`);
  return NULLABLE_METRICS.has(n) ? value.nullable() : value;
}).meta({
  id: 'RunMetrics',
  description: 'The key figures of a run (see `metrics` of the results for units).',
  examples: [
    { totalNs: 147300754, downtimeNs: 20385544, postcopyNs: 126815210, blocktimeAllVcpusNs: 119590986, blocktimePerVcpuMeanNs: 119590986, faults: 28, latencyP50Ns: 4554752, latencyP99Ns: 4932151, vcpuFaultLatencyMeanNs: 4271107, slowdown: 17.622, pagingRatePagesPerSec: 199.843, bytesOnWire: 269496320, violations: 0 },
  ],
});
export type RunMetrics = z.infer<typeof runMetricsSchema>;

export function runMetrics(result: SummaryRead): RunMetrics {
  const out = {} as RunMetrics;
  for (const name of RUN_METRIC_NAMES) out[name] = RUN_METRICS[name].read(result);
  return out;
}

const statSchema = z.object({
  mean: z.number(),
  min: z.number(),
  max: z.number(),
  sd: z.number().nullable().describe('Sample standard deviation over the seeds (n - 1 in the denominator): how much the seed alone moves the metric; null with fewer than two values.'),
});
type Stat = z.infer<typeof statSchema>;

/** A combination of axis values and its metrics over the seeds whose runs have a summary. */
export const aggregateRowSchema = z.object({
  values: z.record(z.string(), axisValueSchema).describe('The axis values of the combination ({ path: value }).'),
  runs: z.int().describe('Runs of this combination (one per seed).'),
  measured: z.int().describe('Of those, runs with a summary (the metrics aggregate over these).'),
  outcomes: z.record(z.string(), z.int()).describe('Runs by summary.outcome.'),
  metrics: perMetric((n) => (NULLABLE_METRICS.has(n) ? statSchema.nullable() : statSchema))
    .nullable()
    .describe('Mean, min, max and standard deviation of each metric over the measured runs (of a metric a run may lack, over those that have it; null when none has); null before any run.'),
});
export type AggregateRow = z.infer<typeof aggregateRowSchema>;

/**
 * Groups runs by axis values (in run order, so groups come in the experiment's axis order) and
 * aggregates each metric over the runs that produced a summary.
 */
export function aggregate(runs: { params: RunParams; outcome: string | null; metrics: RunMetrics | null }[]): AggregateRow[] {
  const groups = new Map<string, AggregateRow & { samples: RunMetrics[] }>();
  for (const run of runs) {
    const key = JSON.stringify(run.params.values);
    let g = groups.get(key);
    if (!g) {
      g = { values: run.params.values, runs: 0, measured: 0, outcomes: {}, metrics: null, samples: [] };
      groups.set(key, g);
    }
    g.runs++;
    if (run.outcome !== null) g.outcomes[run.outcome] = (g.outcomes[run.outcome] ?? 0) + 1;
    if (run.metrics) {
      g.measured++;
      g.samples.push(run.metrics);
    }
  }
  return [...groups.values()].map(({ samples, ...row }) => ({ ...row, metrics: samples.length > 0 ? statsOf(samples) : null }));
}

function statsOf(samples: RunMetrics[]): Record<RunMetricName, Stat | null> {
  const out = {} as Record<RunMetricName, Stat | null>;
  for (const name of RUN_METRIC_NAMES) {
    const values = samples.flatMap((s) => (s[name] === null ? [] : [s[name]]));
    if (values.length === 0) {
      out[name] = null;
      continue;
    }
    const mean = values.reduce((a, v) => a + v, 0) / values.length;
    // Two passes (the mean first): summing squares of nanosecond figures would lose the digits that differ.
    const sd = values.length > 1 ? Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1)) : null;
    out[name] = { mean, min: Math.min(...values), max: Math.max(...values), sd };
  }
  return out;
}
