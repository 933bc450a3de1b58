import type { ExperimentRow, ExperimentProgress } from '../services/experiment-service.js';
import type { ExperimentResults } from '../experiments/results.js';
import { experimentPath, type ExperimentDto } from './experiment-schemas.js';

export function toExperimentDto(row: ExperimentRow, progress: ExperimentProgress, results: ExperimentResults | null): ExperimentDto {
  const self = experimentPath(row.id);
  // Queued until a run starts: the row records only how it ends, the runs say whether it started.
  const started = progress.byStatus.running + progress.byStatus.succeeded + progress.byStatus.failed > 0;
  return {
    id: row.id,
    label: row.label,
    status: row.status === 'queued' && started ? 'running' : row.status,
    runCount: row.runCount,
    modelVersion: row.modelVersion,
    cancelRequested: row.cancelRequested,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    progress,
    request: row.request as ExperimentDto['request'],
    results,
    links: { self, results: `${self}/results`, cancel: `${self}/cancel` },
  };
}
