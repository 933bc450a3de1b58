import type { ExperimentRow, ExperimentProgress } from '../services/experiment-service.js';
import type { ExperimentResults } from '../experiments/results.js';
import { experimentPath, type ExperimentDto } from './experiment-schemas.js';

/** Queued until a run starts: the row records only how it ends, the runs say whether it started. */
export function experimentStatus(row: ExperimentRow, progress: ExperimentProgress): ExperimentDto['status'] {
  const started = progress.byStatus.running + progress.byStatus.succeeded + progress.byStatus.failed > 0;
  return row.status === 'queued' && started ? 'running' : row.status;
}

export function toExperimentDto(row: ExperimentRow, progress: ExperimentProgress, results: ExperimentResults | null): ExperimentDto {
  const self = experimentPath(row.id);
  return {
    id: row.id,
    label: row.label,
    status: experimentStatus(row, progress),
    runCount: row.runCount,
    modelVersion: row.modelVersion,
    cancelRequested: row.cancelRequested,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    progress,
    request: row.request as ExperimentDto['request'],
    results,
    links: { self, results: `${self}/results`, cancel: `${self}/cancel`, events: `${self}/events` },
  };
}
