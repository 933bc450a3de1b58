import type { MigrationRow } from '../db/migrations-repo.js';
import type { FaultEventRow } from '../db/fault-events-repo.js';
import { FAULT_PATHS, MECHANISMS, RESOLUTIONS, type MigrationResult, type MigrationSpec, type SimulationProgress } from '../sim/index.js';
import type { FaultEventDto, MigrationDto } from './schemas.js';

export function migrationPath(id: string): string {
  return `/v1/migrations/${id}`;
}

export function toMigrationDto(row: MigrationRow): MigrationDto {
  const self = migrationPath(row.id);
  return {
    id: row.id,
    status: row.status,
    progress: row.progress,
    cancelRequested: row.cancelRequested,
    attempts: row.attempts,
    eventCount: Number(row.eventCount),
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    spec: row.spec as MigrationSpec,
    progressDetail: (row.progressDetail as SimulationProgress | null) ?? null,
    summary: (row.summary as MigrationResult | null) ?? null,
    error: (row.error as MigrationDto['error']) ?? null,
    links: { self, faults: `${self}/faults`, cancel: `${self}/cancel` },
  };
}

export function toFaultEventDto(row: FaultEventRow): FaultEventDto {
  return {
    seq: Number(row.seq),
    vcpu: row.vcpu,
    thread: row.thread,
    gfn: Number(row.gfn),
    pageSizeBytes: 2 ** row.pageShift,
    write: row.write,
    path: FAULT_PATHS[row.path],
    mechanism: MECHANISMS[row.mechanism],
    resolution: RESOLUTIONS[row.resolution],
    raisedAtNs: Number(row.raisedAtNs),
    resolvedAtNs: Number(row.resolvedAtNs),
    latencyNs: Number(row.resolvedAtNs - row.raisedAtNs),
  };
}
