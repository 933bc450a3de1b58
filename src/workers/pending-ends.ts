import type { MigrationsRepo, RunEnd } from '../db/migrations-repo.js';
import type { ProgressLog, ProgressLogEntry } from '../queue/progress-log.js';
import type { SimulationProgress } from '../sim/index.js';

/** A run of a batch that ended and waits to be stored with others. */
export interface EndedRun {
  migrationId: string;
  end: RunEnd;
  /** Its last progress sample (the job's progress event carries the newest). */
  progress: SimulationProgress;
  /** Its history not yet appended (ProgressRecorder.drain); none without a history. */
  history?: { migrationId: string; entries: ProgressLogEntry[] };
  /** performance.now() when it ended, and when it started if it was never marked running (RunEnd.claim). */
  endedAt: number;
  startedAt?: number;
}

/**
 * How long the oldest ended run of a batch may wait before the ends are stored: a worker that dies
 * meanwhile runs them again (deterministically, so nothing is lost but time), and their experiment's
 * progress lags by as much.
 */
const FLUSH_EVERY_MS = 100;

/**
 * The ends of a batch's runs, stored together: one Redis script for their histories, then one
 * progress event naming them (it wakes their event streams) and one Postgres statement for their
 * rows (whoever sees a run's end in Postgres also finds its last sample). A sweep's runs last a
 * few milliseconds each: a round trip or two per run, and Postgres's work for a statement each,
 * cost them more than their simulation. Stores run in the background of the next runs' simulation.
 */
export class PendingEnds {
  private ended: EndedRun[] = [];

  constructor(
    private readonly deps: {
      migrations: MigrationsRepo;
      progressLog?: ProgressLog;
      /** The job's progress event: its data names the runs stored. */
      reportProgress: (data: SimulationProgress & { migrationId: string; migrationIds: string[] }) => Promise<void>;
      onHistoryError: (err: unknown) => void;
    },
  ) {}

  add(run: EndedRun): void {
    this.ended.push(run);
  }

  /** Whether the oldest end has waited FLUSH_EVERY_MS. */
  due(now = performance.now()): boolean {
    return this.ended.length > 0 && now - this.ended[0].endedAt >= FLUSH_EVERY_MS;
  }

  /**
   * Stores the ends added so far (at once, beside stores started before: each run is in one store
   * only); resolves to the runs whose end was not recorded (their row had ended or been cancelled
   * meanwhile), rejects when Postgres did not take them (the job's retry runs them again).
   */
  flush(): Promise<string[]> {
    const runs = this.ended;
    this.ended = [];
    return this.store(runs);
  }

  private async store(runs: EndedRun[]): Promise<string[]> {
    if (runs.length === 0) return [];
    const histories = runs.flatMap((r) => (r.history && r.history.entries.length > 0 ? [r.history] : []));
    if (histories.length > 0) await this.deps.progressLog?.appendAll(histories).catch(this.deps.onHistoryError);
    const last = runs[runs.length - 1];
    const now = performance.now();
    // The event and the rows at once: a stream it wakes before the rows are written finds the
    // histories, and the job's completion, which waits for both, wakes it again for the ends.
    const [, updated] = await Promise.all([
      this.deps.reportProgress({ ...last.progress, migrationId: last.migrationId, migrationIds: runs.map((r) => r.migrationId) }),
      this.deps.migrations.finishMany(
        runs.map((r) => ({
          id: r.migrationId,
          ...r.end,
          endedAgoMs: now - r.endedAt,
          ...(r.startedAt !== undefined ? { claim: { startedAgoMs: now - r.startedAt } } : {}),
        })),
      ),
    ]);
    const stored = new Set(updated);
    return runs.filter((r) => !stored.has(r.migrationId)).map((r) => r.migrationId);
  }
}
