import type { ExperimentRow, ExperimentProgress } from '../services/experiment-service.js';
import type { ExperimentResults } from '../experiments/results.js';
import type { ExperimentStreamEvent } from '../services/experiment-events.js';
import { experimentPath, type ExperimentDto } from './experiment-schemas.js';
import { STARTED_RUN_STATUSES } from '../lib/migration-status.js';
import type { ExperimentEventDto } from './experiment-events.js';

/** Queued until a run starts: the row records only how it ends, the runs say whether it started. */
function experimentStatus(row: ExperimentRow, progress: ExperimentProgress): ExperimentDto['status'] {
  const started = STARTED_RUN_STATUSES.some((s) => progress.byStatus[s] > 0);
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

/** An event of an experiment's stream as the API sends it (its `data`). */
export function toExperimentEventDto(event: ExperimentStreamEvent): ExperimentEventDto {
  switch (event.type) {
    case 'progress':
      return { type: 'progress', status: experimentStatus(event.experiment, event.progress), cancelRequested: event.experiment.cancelRequested, progress: event.progress, running: event.running };
    case 'run':
      return event;
    case 'summary':
      return { type: 'summary', experiment: toExperimentDto(event.experiment, event.progress, event.results) };
  }
}
