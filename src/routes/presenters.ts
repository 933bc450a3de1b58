import { latencyBucketRange } from '../lib/latency-buckets.js';
import { progressFraction } from '../lib/progress.js';
import type { FaultAggregates, FaultEventRow, FaultExportRow } from '../services/fault-service.js';
import type { MigrationStreamEvent } from '../services/migration-events.js';
import type { MigrationRow } from '../services/migration-service.js';
import { FAULT_PATHS, MECHANISMS, MODEL_VERSION, RESOLUTIONS, migrationResultSchema, simulationProgressSchema, type MigrationSpec } from '../sim/index.js';
import type { z } from 'zod';
import type { MigrationEventDto } from './events.js';
import { faultEventSchema, type FaultEventDto, type FaultStatsDto, type MigrationDto } from './schemas.js';

export function migrationPath(id: string): string {
  return `/v1/migrations/${id}`;
}

export function toMigrationDto(row: MigrationRow): MigrationDto {
  const summary = currentShape(row, row.summary, migrationResultSchema);
  const self = migrationPath(row.id);
  return {
    id: row.id,
    status: row.status,
    progress: row.progress,
    cancelRequested: row.cancelRequested,
    attempts: row.attempts,
    eventCount: Number(row.eventCount),
    modelVersion: row.modelVersion,
    experimentId: row.experimentId,
    faultEvents: row.faultEvents,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    spec: row.spec as MigrationSpec,
    progressDetail: currentShape(row, row.progressDetail, simulationProgressSchema),
    summary,
    legacySummary: row.summary !== null && summary === null ? (row.summary as Record<string, unknown>) : null,
    resolvedCosts: (row.resolvedCosts as MigrationDto['resolvedCosts']) ?? null,
    error: (row.error as MigrationDto['error']) ?? null,
    links: { self, faults: `${self}/faults`, violations: `${self}/violations`, cancel: `${self}/cancel` },
  };
}

/**
 * A stored simulator output in the shape this version serves, or null. Rows of this model version
 * have it by construction; a row another version wrote is checked, because fields were added or
 * renamed since (a summary of model 12 has outcome "failed"): serving it as `summary` would break
 * the contract (the response serializer answered 500).
 */
function currentShape<S extends z.ZodType>(row: MigrationRow, stored: unknown, schema: S): z.output<S> | null {
  if (stored === null) return null;
  if (row.modelVersion === MODEL_VERSION) return stored as z.output<S>;
  const parsed = schema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

/** An event of a migration's stream as the API sends it: progress samples with their fraction, the summary's migration as a Migration. */
export function toMigrationEventDto(event: MigrationStreamEvent): MigrationEventDto {
  switch (event.type) {
    case 'summary':
      return { type: 'summary', migration: toMigrationDto(event.migration) };
    case 'progress':
      return { ...event, progress: progressFraction(event) };
    default:
      return event;
  }
}

export function toFaultEventDto(row: FaultEventRow): FaultEventDto {
  return {
    seq: row.seq,
    vcpu: row.vcpu,
    thread: row.thread,
    gfn: row.gfn,
    pageSizeBytes: row.pageSizeBytes,
    write: row.write,
    path: FAULT_PATHS[row.path],
    mechanism: MECHANISMS[row.mechanism],
    resolution: RESOLUTIONS[row.resolution],
    raisedAtNs: row.raisedAtNs,
    resolvedAtNs: row.resolvedAtNs,
    latencyNs: row.latencyNs,
  };
}

/** Every value of a vocabulary with its count (0 when absent). */
function countsByName<N extends string>(names: readonly N[], counts: Array<{ code: number; count: number }>): Record<N, number> {
  const out = Object.fromEntries(names.map((n) => [n, 0])) as Record<N, number>;
  for (const { code, count } of counts) out[names[code]] = count;
  return out;
}

export function toFaultStatsDto(a: FaultAggregates & { sampleEvery: number }, { buckets, latencyBucketsPerDoubling }: { buckets: number; latencyBucketsPerDoubling: number }): FaultStatsDto {
  const span = a.spanNs;
  const timeline: FaultStatsDto['timeline'] = [];
  if (span !== null) {
    const counts = new Map(a.timeline.map((t) => [t.bucket, t.count]));
    for (let i = 0; i < buckets; i++) timeline.push({ startNs: (i * span) / buckets, endNs: ((i + 1) * span) / buckets, faults: counts.get(i) ?? 0 });
  }
  return {
    total: a.total,
    latency: { p50Ns: a.p50Ns, p90Ns: a.p90Ns, p99Ns: a.p99Ns, maxNs: a.latencyMaxNs, meanNs: a.total === 0 ? 0 : a.latencySumNs / a.total },
    latencyHistogram: a.latencyBuckets.map(({ bucket, count }) => ({ ...latencyBucketRange(latencyBucketsPerDoubling, bucket), count })),
    byPath: countsByName(FAULT_PATHS, a.byPath),
    byMechanism: countsByName(MECHANISMS, a.byMechanism),
    byResolution: countsByName(RESOLUTIONS, a.byResolution),
    blocktimePerVcpu: a.byVcpu.map((v) => ({ vcpu: v.vcpu, blockedNs: v.latencySumNs, faults: v.count })),
    timeline,
    sampleEvery: a.sampleEvery,
  };
}

/** CSV export: this header, then the FaultEvent fields of each event in the same order. */
export const FAULT_CSV_HEADER = `${Object.keys(faultEventSchema.shape).join(',')}\n`;

const bool = (t: string) => (t === 't' ? 'true' : 'false');

/**
 * Export lines from PostgreSQL's text rendering of the export columns (see FaultExportRow), without
 * building objects: the same values as toFaultEventDto. No CSV quoting is needed: every field is a
 * number, a boolean or a vocabulary identifier.
 */
export function faultCsvLines(rows: FaultExportRow[]): string {
  let out = '';
  for (const r of rows) {
    out += `${r[0]},${r[1]},${r[2]},${r[3]},${r[4]},${bool(r[5])},${FAULT_PATHS[+r[6]]},${MECHANISMS[+r[7]]},${RESOLUTIONS[+r[8]]},${r[9]},${r[10]},${r[11]}\n`;
  }
  return out;
}

export function faultNdjsonLines(rows: FaultExportRow[]): string {
  let out = '';
  for (const r of rows) {
    out +=
      `{"seq":${r[0]},"vcpu":${r[1]},"thread":${r[2]},"gfn":${r[3]},"pageSizeBytes":${r[4]},"write":${bool(r[5])},` +
      `"path":"${FAULT_PATHS[+r[6]]}","mechanism":"${MECHANISMS[+r[7]]}","resolution":"${RESOLUTIONS[+r[8]]}",` +
      `"raisedAtNs":${r[9]},"resolvedAtNs":${r[10]},"latencyNs":${r[11]}}\n`;
  }
  return out;
}
