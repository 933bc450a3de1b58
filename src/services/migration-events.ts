import { TERMINAL_STATUSES, type MigrationRow } from '../db/migrations-repo.js';
import { ServiceUnavailableError, ValidationError } from '../errors.js';
import { STREAM_ID, type ProgressLog, type ProgressLogEntry } from '../queue/progress-log.js';
import { Wakeup } from '../lib/wakeup.js';
import type { LiveEvents } from './live-events.js';
import type { MigrationService } from './migration-service.js';

// The shapes of the logged events, for the API's MigrationEvent schemas (routes do not import the queue layer).
export { phaseEntrySchema, progressEntrySchema, statusEntrySchema } from '../queue/progress-log.js';

/** The id of the last event of every stream; resuming after it answers 204 (nothing will follow). */
export const END_EVENT_ID = 'end';
/** Every id a stream issues: a progress-log (Redis stream) id "<ms>-<seq>", or END_EVENT_ID. */
export const EVENT_ID = new RegExp(`^(${STREAM_ID.source.slice(1, -1)}|${END_EVENT_ID})$`);
/** Each part of a Redis stream id is an unsigned 64-bit integer; Redis rejects a larger one. */
const STREAM_ID_PART_MAX = 2n ** 64n - 1n;
/** Log entries read per round trip while catching up. */
const READ_BATCH = 500;

/** What a migration's stream tells: an entry of its progress history, or, last, the migration as it ended. */
export type MigrationStreamEvent = ProgressLogEntry | { type: 'summary'; migration: MigrationRow };

export interface MigrationStreamItem {
  /** What a client sends back as Last-Event-ID to resume right after this event. */
  id: string;
  event: MigrationStreamEvent;
}

/**
 * The live events of a migration: its progress history from the progress log, then new entries as
 * BullMQ job events announce them, and at the end its final state from Postgres.
 */
export class MigrationEventsService {
  constructor(
    private readonly migrations: MigrationService,
    private readonly live: LiveEvents,
    private readonly progressLog: ProgressLog,
    /** How often a stream re-reads the migration's status anyway: a safety net for a missed queue event. */
    private readonly recheckMs: number,
  ) {}

  /**
   * The events after `lastEventId` (all of them without it). Null when the stream already ended at
   * `lastEventId`: nothing will follow. Fails (NotFoundError, ValidationError, ServiceUnavailableError)
   * before anything is read. The stream listens to the migration's job until it ends or is closed:
   * iterate it to the end, or close() it.
   */
  async open(id: string, lastEventId?: string): Promise<MigrationEventStream | null> {
    if (lastEventId !== undefined) checkEventId(lastEventId);
    const migration = await this.migrations.get(id);
    if (lastEventId === END_EVENT_ID && isTerminal(migration)) return null;
    const after = lastEventId === END_EVENT_ID ? undefined : lastEventId;
    const stream = new MigrationEventStream(id, after, this.migrations, this.progressLog);
    await stream.listen(this.live, this.recheckMs).catch((err: Error) => {
      throw new ServiceUnavailableError(`live events are unavailable: ${err.message}`);
    });
    return stream;
  }
}

/**
 * One client's stream. A queue event only wakes it: what it yields is read from the progress log
 * (entries after the last id it yielded) and from Postgres, so a missed or repeated wake-up cannot
 * lose or duplicate an event.
 */
export class MigrationEventStream implements AsyncIterable<MigrationStreamItem> {
  private closed = false;
  /** Re-read the migration: it may have ended (set first, on a settled job and on every recheck). */
  private statusDue = true;
  private readonly wakeup = new Wakeup();
  private unsubscribe: () => void = () => undefined;
  private recheck: NodeJS.Timeout | undefined;

  constructor(
    private readonly migrationId: string,
    /** The id of the last entry yielded (or that the client had): the next read starts after it. */
    private after: string | undefined,
    private readonly migrations: MigrationService,
    private readonly progressLog: ProgressLog,
  ) {}

  /** Returns once every later job event of the migration wakes this stream. */
  async listen(live: LiveEvents, recheckMs: number): Promise<void> {
    this.unsubscribe = await live.subscribe(this.migrationId, (signal) => {
      if (signal === 'settled') this.statusDue = true;
      this.wakeup.notify();
    });
    this.recheck = setInterval(() => {
      this.statusDue = true;
      this.wakeup.notify();
    }, recheckMs);
  }

  /** Ends the stream (client gone, server closing): the iteration returns at its next step. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.recheck);
    this.unsubscribe();
    this.wakeup.notify();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<MigrationStreamItem> {
    try {
      while (!this.closed) {
        yield* this.catchUp();
        if (this.statusDue && !this.closed) {
          this.statusDue = false;
          const migration = await this.migrations.get(this.migrationId);
          if (isTerminal(migration)) {
            // The worker logs every sample before it records the end in Postgres: read the rest.
            yield* this.catchUp();
            if (!this.closed) yield { id: END_EVENT_ID, event: { type: 'summary', migration } };
            return;
          }
        }
        await this.wakeup.wait();
      }
    } finally {
      this.close();
    }
  }

  private async *catchUp(): AsyncGenerator<MigrationStreamItem> {
    for (;;) {
      const batch = await this.progressLog.read(this.migrationId, this.after, READ_BATCH);
      for (const { id, entry } of batch) {
        if (this.closed) return;
        yield { id, event: entry };
        this.after = id;
      }
      if (batch.length < READ_BATCH) return;
    }
  }
}

function isTerminal(migration: MigrationRow): boolean {
  return TERMINAL_STATUSES.includes(migration.status);
}

/**
 * Last-Event-ID comes back from the client like a cursor. The header schema checks its form; an id
 * Redis cannot read after (a part beyond 64 bits, or the largest id itself) would only fail in
 * Redis, after the stream started, and a client that reconnects with it (as EventSource does) would
 * fail again forever: it is a 400 instead.
 */
function checkEventId(lastEventId: string): void {
  if (!EVENT_ID.test(lastEventId) || (lastEventId !== END_EVENT_ID && !streamIdHasSuccessor(lastEventId))) {
    throw new ValidationError('Invalid headers: last-event-id', [{ in: 'headers', field: 'last-event-id', message: 'not an event id this API issued' }]);
  }
}

/** "<ms>-<seq>": both parts fit Redis' unsigned 64 bits, and some stream id is greater. */
function streamIdHasSuccessor(streamId: string): boolean {
  const [ms, seq] = streamId.split('-').map(BigInt);
  return ms <= STREAM_ID_PART_MAX && seq <= STREAM_ID_PART_MAX && (ms < STREAM_ID_PART_MAX || seq < STREAM_ID_PART_MAX);
}
