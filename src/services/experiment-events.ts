import { setTimeout as delay } from 'node:timers/promises';
import { TERMINAL_STATUSES } from '../db/migrations-repo.js';
import type { ExperimentRow } from '../db/experiments-repo.js';
import { ServiceUnavailableError, ValidationError } from '../errors.js';
import type { ExperimentResults, ResultRow } from '../experiments/results.js';
import { Wakeup } from '../lib/wakeup.js';
import type { LiveEvents } from './live-events.js';
import type { ExperimentProgress, ExperimentService, RunningRun } from './experiment-service.js';
import { END_EVENT_ID } from './migration-events.js';

/**
 * The id of every event but the last: the set of runs whose `run` event the client has had, as a
 * bitmap by run index (base64url). Runs end in any order, on any worker, so no position in a
 * sequence could say which ones a client missed; 1,000 runs take 167 characters.
 */
const RUNS_ID_PREFIX = 'runs-';
export const EXPERIMENT_EVENT_ID = new RegExp(`^(${RUNS_ID_PREFIX}[A-Za-z0-9_-]*|${END_EVENT_ID})$`);

/**
 * How often a stream reads its experiment anyway: a cancel ends queued runs without a job event,
 * and a queue event may be missed. Two small queries; the dashboard polled the whole table as often.
 */
const RECHECK_MS = 1_000;
/** Reads at most this often, however many job events arrive (a sweep's batches store ends every ~100 ms). */
const MIN_STEP_MS = 200;
/** Every run has ended: the experiment is settled by its parent job within moments; look again this soon. */
const SETTLING_POLL_MS = 100;

/** What an experiment's stream tells: progress (with the running runs'), a run that ended, and last the experiment as it ended. */
export type ExperimentStreamEvent =
  | { type: 'progress'; experiment: ExperimentRow; progress: ExperimentProgress; running: RunningRun[] }
  | { type: 'run'; run: ResultRow }
  | { type: 'summary'; experiment: ExperimentRow; progress: ExperimentProgress; results: ExperimentResults };

export interface ExperimentStreamItem {
  /** What a client sends back as Last-Event-ID to resume right after this event. */
  id: string;
  event: ExperimentStreamEvent;
}

/**
 * The live events of an experiment: its progress whenever it changes, each run's row of the results
 * table once the run has ended, and at the end the experiment with its whole table.
 */
export class ExperimentEventsService {
  constructor(
    private readonly experiments: ExperimentService,
    private readonly live: LiveEvents,
  ) {}

  /**
   * The events a client that has had `lastEventId` has not (all of them without it). Null when the
   * stream already ended at `lastEventId`: nothing will follow. Fails (NotFoundError,
   * ValidationError, ServiceUnavailableError) before anything is sent.
   */
  async open(id: string, lastEventId?: string): Promise<ExperimentEventStream | null> {
    const experiment = await this.experiments.get(id);
    if (lastEventId === END_EVENT_ID && TERMINAL_STATUSES.includes(experiment.status)) return null;
    const sent = lastEventId === undefined || lastEventId === END_EVENT_ID ? RunSet.empty(experiment.runCount) : RunSet.decode(lastEventId, experiment.runCount);
    const stream = new ExperimentEventStream(id, sent, this.experiments);
    await stream.listen(this.live, await this.experiments.runIds(id)).catch((err: Error) => {
      throw new ServiceUnavailableError(`live events are unavailable: ${err.message}`);
    });
    return stream;
  }
}

/**
 * One client's stream. Job events of the experiment's runs only wake it: what it sends is read from
 * Postgres (the runs that ended and that it has not sent), so a missed or repeated wake-up cannot
 * lose or repeat a run.
 */
export class ExperimentEventStream implements AsyncIterable<ExperimentStreamItem> {
  private readonly wakeup = new Wakeup();
  private readonly closing = new AbortController();
  private unsubscribe: () => void = () => undefined;
  /** The last progress sent (status and counts), to send it again only when it changes. */
  private lastProgress: string | undefined;

  constructor(
    private readonly experimentId: string,
    private readonly sent: RunSet,
    private readonly experiments: ExperimentService,
  ) {}

  /** Returns once every later job event of these runs wakes this stream. */
  async listen(live: LiveEvents, runIds: readonly string[]): Promise<void> {
    this.unsubscribe = await live.subscribeAll(runIds, () => this.wakeup.notify());
  }

  /** Ends the stream (client gone, server closing): the iteration returns at its next step. Idempotent. */
  close(): void {
    if (this.closing.signal.aborted) return;
    this.closing.abort();
    this.unsubscribe();
    this.wakeup.notify();
  }

  private get closed(): boolean {
    return this.closing.signal.aborted;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<ExperimentStreamItem> {
    try {
      while (!this.closed) {
        const stepStarted = performance.now();
        const { row, progress, running, ended } = await this.experiments.streamStep(this.experimentId, (i) => this.sent.has(i));
        for (const run of ended) {
          if (this.closed) return;
          this.sent.add(run.index);
          yield { id: this.sent.id(), event: { type: 'run', run } };
        }
        // The running runs' progress in whole percents: a long run moves it at every report (250 ms).
        const progressKey = JSON.stringify([row.status, row.cancelRequested, progress.byStatus, running.map((r) => [r.index, Math.floor(r.progress * 100)])]);
        if (progressKey !== this.lastProgress && !this.closed) {
          this.lastProgress = progressKey;
          yield { id: this.sent.id(), event: { type: 'progress', experiment: row, progress, running } };
        }
        // Read before its runs: every run has been sent above.
        if (TERMINAL_STATUSES.includes(row.status)) {
          const view = await this.experiments.view(this.experimentId);
          if (!this.closed) yield { id: END_EVENT_ID, event: { type: 'summary', experiment: view.row, progress: view.progress, results: view.results } };
          return;
        }
        await this.wakeup.wait(progress.done === progress.total ? SETTLING_POLL_MS : RECHECK_MS);
        const wait = MIN_STEP_MS - (performance.now() - stepStarted);
        if (wait > 0) await delay(wait, undefined, { signal: this.closing.signal }).catch(() => undefined);
      }
    } finally {
      this.close();
    }
  }
}

/** The runs (by index) whose `run` event a client has had: the event id, as a bitmap. */
class RunSet {
  private constructor(private readonly bits: Uint8Array) {}

  static empty(runCount: number): RunSet {
    return new RunSet(new Uint8Array(Math.ceil(runCount / 8)));
  }

  /**
   * Last-Event-ID comes back from the client like a cursor: one this API could not have issued for
   * this experiment (not base64url, longer than its runs, a run beyond its last) is a 400 rather
   * than a stream that skips or repeats runs.
   */
  static decode(id: string, runCount: number): RunSet {
    const invalid = () => new ValidationError('Invalid headers: last-event-id', [{ in: 'headers', field: 'last-event-id', message: 'not an event id of this experiment\'s stream' }]);
    if (!EXPERIMENT_EVENT_ID.test(id) || !id.startsWith(RUNS_ID_PREFIX)) throw invalid();
    const encoded = id.slice(RUNS_ID_PREFIX.length);
    const decoded = Buffer.from(encoded, 'base64url');
    if (decoded.toString('base64url') !== encoded || decoded.length > Math.ceil(runCount / 8)) throw invalid();
    const set = RunSet.empty(runCount);
    set.bits.set(decoded);
    for (let i = runCount; i < set.bits.length * 8; i++) if (set.has(i)) throw invalid();
    return set;
  }

  has(index: number): boolean {
    return ((this.bits[index >> 3] ?? 0) & (1 << (index & 7))) !== 0;
  }

  add(index: number): void {
    this.bits[index >> 3] |= 1 << (index & 7);
  }

  /** The event id: the bitmap without its trailing zero bytes. */
  id(): string {
    let end = this.bits.length;
    while (end > 0 && this.bits[end - 1] === 0) end--;
    return RUNS_ID_PREFIX + Buffer.from(this.bits.buffer, this.bits.byteOffset, end).toString('base64url');
  }
}
