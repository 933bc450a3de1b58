import type { Redis } from 'ioredis';
import { z } from 'zod';
import { progressFraction } from '../lib/progress.js';
import type { FaultEventsPolicy } from '../generated/prisma/enums.js';
import { simulationProgressSchema, type SimulationProgress } from '../sim/index.js';

/**
 * The progress history of each migration: a Redis stream per migration, appended by the worker
 * that runs it (every sample before the BullMQ job progress event that announces it), read by the
 * API for Server-Sent Events and the dashboard's "pages present over time". Stream entry ids are the
 * SSE event ids: Redis makes them strictly increasing within a stream, so "every entry after
 * Last-Event-ID" is an exact resume point.
 *
 * Retention: the last MAX_ENTRIES entries (at most ~4 samples/s plus one per 1% of the pages: over
 * 40 minutes of running), for RETENTION_SECONDS after the last write. The summary itself lives in
 * Postgres; only the sample history expires.
 */

/** A worker started (or, after a crash, restarted) the migration. */
export const statusEntrySchema = z.object({
  type: z.literal('status'),
  status: z.literal('running'),
  attempt: z.int().min(1).describe('1 for the first run; more after a worker crash.'),
  at: z.iso.datetime().describe('When the worker started this attempt.'),
});

/** The simulation entered another phase. */
export const phaseEntrySchema = z.object({
  type: z.literal('phase'),
  phase: z.string().describe('switchover, postcopy, completing, completed or failed.'),
  previousPhase: z.string().nullable(),
  simTimeNs: z.number().describe('Simulated time of the first sample in this phase.'),
});

/** A progress sample: pages present, faults and blocktime so far. */
export const progressEntrySchema = simulationProgressSchema.extend({ type: z.literal('progress') });

/** One entry of the history. The API's MigrationEvent adds to these only what it derives on the way out. */
export type ProgressLogEntry = z.output<typeof statusEntrySchema> | z.output<typeof phaseEntrySchema> | z.output<typeof progressEntrySchema>;
type ProgressEntry = z.output<typeof progressEntrySchema>;

export interface StoredEntry {
  id: string;
  entry: ProgressLogEntry;
}

const MAX_ENTRIES = 10_000;
const RETENTION_SECONDS = 7 * 24 * 3600;
/**
 * KEYS: one history stream per migration. ARGV: the longest a stream may grow, its retention in
 * seconds, then for each key its number of entries followed by the entries (JSON), in order.
 */
const APPEND_SCRIPT = `
local maxlen, ttl, at = ARGV[1], ARGV[2], 3
for k = 1, #KEYS do
  local n = tonumber(ARGV[at])
  for i = at + 1, at + n do redis.call('XADD', KEYS[k], 'MAXLEN', '~', maxlen, '*', 'e', ARGV[i]) end
  at = at + n + 1
  redis.call('EXPIRE', KEYS[k], ttl)
end
return #KEYS`;

/** A Redis stream id: "<ms>-<seq>". */
export const STREAM_ID = /^\d{1,20}-\d{1,20}$/;

export class ProgressLog {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  key(migrationId: string): string {
    return `${this.prefix}:progress:${migrationId}`;
  }

  /** Appends entries in order (one round trip). */
  async append(migrationId: string, entries: ProgressLogEntry[]): Promise<void> {
    await this.appendAll([{ migrationId, entries }]);
  }

  /**
   * Appends to several migrations' histories in one round trip and one command (a batch's runs: a
   * XADD each, ~16 per run of a sweep, cost the worker and Redis more than the script).
   */
  async appendAll(histories: ReadonlyArray<{ migrationId: string; entries: ProgressLogEntry[] }>): Promise<void> {
    const keys = histories.map((h) => this.key(h.migrationId));
    const args = histories.flatMap((h) => [String(h.entries.length), ...h.entries.map((e) => JSON.stringify(e))]);
    await this.redis.eval(APPEND_SCRIPT, keys.length, ...keys, MAX_ENTRIES, RETENTION_SECONDS, ...args);
  }

  /** Entries strictly after `afterId` (all of them without it), oldest first. */
  async read(migrationId: string, afterId?: string, count = 1000): Promise<StoredEntry[]> {
    const raw = await this.redis.xrange(this.key(migrationId), afterId ? `(${afterId}` : '-', '+', 'COUNT', count);
    return raw.map(([id, fields]) => ({ id, entry: JSON.parse(fields[1]) as ProgressLogEntry }));
  }

  /** The newest entries, newest first. */
  async tail(migrationId: string, count: number): Promise<StoredEntry[]> {
    const raw = await this.redis.xrevrange(this.key(migrationId), '+', '-', 'COUNT', count);
    return raw.map(([id, fields]) => ({ id, entry: JSON.parse(fields[1]) as ProgressLogEntry }));
  }

  /**
   * A writer for one attempt of a migration. A retried attempt replays the (deterministic)
   * simulation from the start; samples at or before what an earlier attempt already recorded are
   * skipped, so the history never goes back in simulated time. `resumed`: an earlier attempt may
   * have recorded some (without one there is nothing to read: a round trip saved per run of a sweep).
   */
  async recorder(migrationId: string, opts: { resumed: boolean; sampleStep: number } = { resumed: true, sampleStep: progressSampleStep('all') }): Promise<ProgressRecorder> {
    const recent = opts.resumed ? await this.tail(migrationId, 50) : [];
    const lastProgress = recent.find((r) => r.entry.type === 'progress')?.entry as ProgressEntry | undefined;
    const lastPhase = recent.find((r) => r.entry.type === 'phase' || r.entry.type === 'progress')?.entry as { phase: string } | undefined;
    return new ProgressRecorder(this, migrationId, lastProgress?.simTimeNs ?? -1, lastPhase?.phase ?? null, opts.sampleStep);
  }
}

/**
 * Between two samples of the history at least this share of the pages arrived, or SAMPLE_EVERY_MS
 * passed. The worker pauses the simulation at each such step, so a sample falls right on it. Runs
 * that keep no fault events (an experiment's, by default) keep a coarser history, every 10% of the
 * pages: a sweep's runs last milliseconds each, and a hundred samples apiece cost them more than a
 * tenth of their simulation time.
 */
export function progressSampleStep(keep: FaultEventsPolicy): number {
  return keep === 'none' ? 0.1 : 0.01;
}
const SAMPLE_EVERY_MS = 250;

export class ProgressRecorder {
  private lastFraction = -1;
  private lastAt = 0;
  /** A run shorter than SAMPLE_EVERY_MS (most runs of a sweep) appends its history once, at its end. */
  private lastFlush = Date.now();
  /** Samples taken but not yet appended: one round trip per SAMPLE_EVERY_MS, not one per sample. */
  private pending: ProgressLogEntry[] = [];

  constructor(
    private readonly log: ProgressLog,
    private readonly migrationId: string,
    private recordedUpToNs: number,
    private phase: string | null,
    private readonly sampleStep: number,
  ) {}

  /**
   * Called after every simulated batch: takes a sample when the run visibly moved on (a phase,
   * 1% of the pages) or some time passed, so that the history has enough points for a plot without
   * growing with the number of batches. Samples are appended together at most every
   * SAMPLE_EVERY_MS: a run of a few milliseconds would otherwise spend more
   * time on round trips to Redis than on simulating.
   */
  async sample(p: SimulationProgress): Promise<void> {
    const moved = Math.abs(progressFraction(p) - this.lastFraction) >= this.sampleStep || p.phase !== this.phase;
    if (moved || Date.now() - this.lastAt >= SAMPLE_EVERY_MS) this.take(p);
    if (Date.now() - this.lastFlush >= SAMPLE_EVERY_MS) await this.flush();
  }

  /** The attempt's status entry; appended with the first sample. */
  started(attempt: number): void {
    this.pending.push({ type: 'status', status: 'running', attempt, at: new Date().toISOString() });
  }

  /** Records a sample now (with those pending), preceded by a phase entry when the phase changed. */
  async record(p: SimulationProgress): Promise<void> {
    this.take(p);
    await this.flush();
  }

  /**
   * The run's last sample and those pending, handed over instead of appended: the caller appends
   * them with other runs' (ProgressLog.appendAll) before it records the run's end.
   */
  drain(p: SimulationProgress): { migrationId: string; entries: ProgressLogEntry[] } {
    this.take(p);
    const entries = this.pending;
    this.pending = [];
    this.lastFlush = Date.now();
    return { migrationId: this.migrationId, entries };
  }

  private take(p: SimulationProgress): void {
    if (p.simTimeNs < this.recordedUpToNs || (p.simTimeNs === this.recordedUpToNs && p.phase === this.phase)) return;
    if (p.phase !== this.phase) this.pending.push({ type: 'phase', phase: p.phase, previousPhase: this.phase, simTimeNs: p.simTimeNs });
    this.pending.push({ type: 'progress', ...p });
    this.recordedUpToNs = Math.max(this.recordedUpToNs, p.simTimeNs);
    this.phase = p.phase;
    this.lastFraction = progressFraction(p);
    this.lastAt = Date.now();
  }

  private async flush(): Promise<void> {
    this.lastFlush = Date.now();
    if (this.pending.length === 0) return;
    const entries = this.pending;
    this.pending = [];
    await this.log.append(this.migrationId, entries);
  }
}
