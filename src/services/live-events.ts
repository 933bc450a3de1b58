import { QueueEvents, type ConnectionOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { QUEUE_NAMES } from '../queue/queues.js';

/** What happened to a job: new progress, or it may have reached an end (completed, failed, removed). */
type JobSignal = 'progress' | 'settled';
type Listener = (signal: JobSignal) => void;

/**
 * One BullMQ QueueEvents reader per API process, fanned out to the SSE connections by job id
 * (= migration id). It is only a wake-up signal: what a stream sends is read from the migration's
 * progress log and from Postgres (MigrationEventStream), so a missed or repeated signal cannot lose
 * or duplicate an event (each stream also re-checks periodically).
 */
export class LiveEvents {
  private readonly listeners = new Map<string, Set<Listener>>();
  private subscribers = 0;
  private queueEvents: QueueEvents | undefined;
  private starting: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly opts: { connection: ConnectionOptions; prefix: string; redis: Redis; log: Logger },
  ) {}

  /**
   * Listens to one migration's job. Resolves once the reader is positioned, so that every event
   * published after this call returns is delivered.
   */
  subscribe(migrationId: string, listener: Listener): Promise<() => void> {
    return this.subscribeAll([migrationId], listener);
  }

  /** Listens to the jobs of these migrations (an experiment's runs) with one listener, one subscriber. */
  async subscribeAll(migrationIds: readonly string[], listener: Listener): Promise<() => void> {
    const sets = migrationIds.map((id) => {
      let set = this.listeners.get(id);
      if (!set) this.listeners.set(id, (set = new Set()));
      set.add(listener);
      return [id, set] as const;
    });
    this.subscribers++;
    let subscribed = true;
    const unsubscribe = () => {
      if (!subscribed) return;
      subscribed = false;
      this.subscribers--;
      for (const [id, set] of sets) {
        set.delete(listener);
        if (set.size === 0 && this.listeners.get(id) === set) this.listeners.delete(id);
      }
    };
    try {
      await this.start();
    } catch (err) {
      unsubscribe();
      throw err;
    }
    return unsubscribe;
  }

  /** Open subscriptions (event streams), however many jobs each listens to. */
  get subscriberCount(): number {
    return this.subscribers;
  }

  private start(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('live events are closed'));
    this.starting ??= this.open().catch((err: unknown) => {
      this.starting = undefined; // the next subscriber retries
      throw err;
    });
    return this.starting;
  }

  private async open(): Promise<void> {
    const { prefix, connection, redis, log } = this.opts;
    // Read from the newest event that exists now rather than from "$" (whatever is newest when the
    // first blocking read happens): nothing published between subscribe() and that read is lost.
    const eventsKey = `${prefix}:${QUEUE_NAMES.migrations}:events`;
    const [newest] = await redis.xrevrange(eventsKey, '+', '-', 'COUNT', 1);
    const qe = new QueueEvents(QUEUE_NAMES.migrations, { connection, prefix, lastEventId: newest?.[0] ?? '0-0' });
    qe.on('error', (err) => log.warn({ err: err.message }, 'queue events connection error'));
    const emit = (jobId: string, signal: JobSignal) => {
      for (const l of this.listeners.get(jobId) ?? []) l(signal);
    };
    // A batch of an experiment's runs is one job: its progress events name the runs they are about,
    // and its completion settles each of them (its return value lists their outcomes).
    qe.on('progress', ({ jobId, data }) => {
      for (const id of migrationsOf(data) ?? [jobId]) emit(id, 'progress');
    });
    qe.on('completed', ({ jobId, returnvalue }) => {
      emit(jobId, 'settled');
      for (const id of Object.keys(batchOutcomes(returnvalue))) if (id !== jobId) emit(id, 'settled');
    });
    qe.on('failed', ({ jobId }) => emit(jobId, 'settled'));
    qe.on('removed', ({ jobId }) => emit(jobId, 'settled'));
    this.queueEvents = qe;
    if (this.closed) await qe.close();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.starting?.catch(() => undefined);
    await this.queueEvents?.close().catch(() => undefined);
  }
}

/** The runs a progress event is about: `migrationIds` (a batch's ends stored together), else `migrationId`. */
function migrationsOf(progress: unknown): string[] | undefined {
  if (typeof progress !== 'object' || progress === null) return undefined;
  if ('migrationIds' in progress && Array.isArray(progress.migrationIds)) return progress.migrationIds.filter((id): id is string => typeof id === 'string');
  return 'migrationId' in progress && typeof progress.migrationId === 'string' ? [progress.migrationId] : undefined;
}

/** A batch job's return value: { outcomes: { [migrationId]: outcome } } (as JSON text or parsed). */
function batchOutcomes(returnvalue: unknown): Record<string, unknown> {
  try {
    const value: unknown = typeof returnvalue === 'string' ? JSON.parse(returnvalue) : returnvalue;
    const outcomes = typeof value === 'object' && value !== null && 'outcomes' in value ? value.outcomes : undefined;
    return typeof outcomes === 'object' && outcomes !== null ? (outcomes as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
