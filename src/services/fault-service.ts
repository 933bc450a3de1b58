import { z } from 'zod';
import { faultFilterSchema, storedEvery, type FaultFilterQuery } from '../lib/fault-event.js';
import { FAULT_PATHS, MECHANISMS, RESOLUTIONS } from '../sim/index.js';
import { TERMINAL_STATUSES, type MigrationRow, type MigrationsRepo } from '../db/migrations-repo.js';
import type { FaultStatsCacheRepo } from '../db/fault-stats-cache-repo.js';
import type { FaultAggregates, FaultEventRow, FaultEventsRepo, FaultFilter, RawFaultRow } from '../db/fault-events-repo.js';
import { MAX_LATENCY_BUCKETS_PER_DOUBLING } from '../lib/latency-buckets.js';
import { ConflictError, NotFoundError, TooManyRequestsError, ValidationError, type FieldError } from '../errors.js';
import { cursorCodec } from './cursor.js';
import { FaultExportStream } from './fault-export-stream.js';
import type { Page } from './cursor.js';

export type { FaultAggregates, FaultEventRow };
/** One exported event: PostgreSQL's text rendering of the FaultEvent fields, in their order (see RawFaultRow). */
export type FaultExportRow = RawFaultRow;

/**
 * The keyset of fault pages: the seq of the last event of the previous page, as a decimal string
 * that fits fault_events.seq (int4), so that a forged one is a 400 and not a database error.
 */
const faultCursor = cursorCodec(
  z.strictObject({
    seq: z
      .string()
      .regex(/^\d{1,10}$/)
      .transform(Number)
      .pipe(z.int().max(2 ** 31 - 1)),
  }),
);

/** GET /faults: the filters, a page size and where the previous page ended. */
export const faultPageQuerySchema = faultFilterSchema.extend({
  limit: z.coerce.number().int().min(1).max(1000).default(100).describe('Page size (at most 1000).'),
  cursor: faultCursor.param().describe('nextCursor of the previous page.'),
});

export type FaultPageQuery = z.output<typeof faultPageQuerySchema>;

/** GET /faults/stats: the filters and the resolution of the timeline. */
export const faultStatsQuerySchema = faultFilterSchema.extend({
  buckets: z.coerce.number().int().min(1).max(1000).default(50).describe('Number of timeline buckets.'),
  latencyBucketsPerDoubling: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_LATENCY_BUCKETS_PER_DOUBLING)
    .default(1)
    .describe('Latency histogram buckets between each power of two and the next, of equal width on a log scale (1: log2 buckets; 8: each 9% wider than the previous; 32: 2.2%).'),
});

export type FaultStatsQuery = z.output<typeof faultStatsQuerySchema>;


/** Rows FETCHed per round trip by an export: ~0.5 MB of text, whatever the migration's size. */
const EXPORT_BATCH_ROWS = 5_000;
/**
 * PostgreSQL's own backstop for an export whose process stopped serving it, beyond the stream's idle
 * timeout (idle_in_transaction_session_timeout = this + the idle timeout).
 */
const EXPORT_SERVER_MARGIN_MS = 60_000;

/** How many exports stream at once, and when a stalled reader is cut off (config: EXPORT_*). */
export interface ExportLimits {
  concurrency: number;
  idleTimeoutMs: number;
}

/** Reads of a migration's fault events: pages, exports and statistics. */
export class FaultService {
  /** Exports streaming now (each holds a connection of the export pool until its stream closes). */
  private exporting = 0;

  constructor(
    private readonly migrations: MigrationsRepo,
    private readonly faults: FaultEventsRepo,
    private readonly statsCache: FaultStatsCacheRepo,
    private readonly exportLimits: ExportLimits = { concurrency: 4, idleTimeoutMs: 30_000 },
  ) {}

  /**
   * One page in seq order, after `cursor`. Keyset pagination on seq is stable while the worker
   * inserts: events are committed as a growing prefix of seqs, so a page never skips an event
   * that a later page would have shown, nor repeats one. nextCursor is null when the page reached
   * the last stored event; re-requesting the same cursor later returns the events stored since.
   */
  async list(id: string, q: FaultPageQuery): Promise<Page<FaultEventRow> & { sampleEvery: number }> {
    // A forged cursor is a bad request whatever the migration: decoded before it is looked up.
    const after = q.cursor === undefined ? undefined : faultCursor.decode(q.cursor);
    const filter = toFilter(q);
    const { migration, sampleEvery } = await this.withEvents(id);
    const rows = await this.faults.page(migration.key, { ...filter, afterSeq: after?.seq, limit: q.limit + 1 });
    const items = rows.slice(0, q.limit);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > q.limit && last ? faultCursor.encode({ seq: String(last.seq) }) : null, sampleEvery };
  }

  /**
   * Every matching event in seq order, as of now, as a stream of text: `header`, then `format` of
   * each batch of rows. A server-side cursor is read as fast as the stream is consumed (constant
   * memory); destroying the stream closes the cursor, which cancels a FETCH in flight.
   */
  async export(id: string, q: FaultFilterQuery, lines: { header: string; format: (rows: FaultExportRow[]) => string }): Promise<FaultExportStream> {
    const filter = toFilter(q);
    const { migration } = await this.withEvents(id);
    const { concurrency, idleTimeoutMs } = this.exportLimits;
    // Refused rather than queued: a waiting export would hold its request (and its client) for as
    // long as the slowest reader ahead of it; the client retries after Retry-After.
    if (this.exporting >= concurrency) {
      throw new TooManyRequestsError(
        `At most ${concurrency} fault exports stream at once (EXPORT_CONCURRENCY); retry when one has finished.`,
        { name: 'EXPORT_CONCURRENCY', value: concurrency },
        Math.max(1, Math.ceil(idleTimeoutMs / 1000 / 10)),
      );
    }
    this.exporting++;
    let stream: FaultExportStream;
    try {
      const cursor = await this.faults.openExport(migration.key, filter, { batchRows: EXPORT_BATCH_ROWS, idleTimeoutMs: idleTimeoutMs + EXPORT_SERVER_MARGIN_MS });
      stream = new FaultExportStream(cursor, lines.format, lines.header, idleTimeoutMs);
    } catch (err) {
      this.exporting--;
      throw err;
    }
    // 'close' comes once, after the end, an error (client gone, idle) or destroy: the cursor is closed by then.
    stream.once('close', () => this.exporting--);
    return stream;
  }

  /**
   * Aggregates of the matching events, computed by PostgreSQL; the timeline has `buckets` buckets.
   * A migration that has ended (read before computing: its worker wrote its last event before
   * recording the end) never changes again, so its stats are kept per query and computed once.
   */
  async stats(id: string, q: FaultStatsQuery): Promise<FaultAggregates & { sampleEvery: number }> {
    const filter = toFilter(q);
    const { migration, sampleEvery } = await this.withEvents(id);
    if (!TERMINAL_STATUSES.includes(migration.status)) return { ...(await this.faults.aggregates(migration.key, filter, q.buckets, q.latencyBucketsPerDoubling)), sampleEvery };
    const key = statsQueryKey(q);
    const cached = await this.statsCache.get(migration.key, key);
    if (cached) return { ...cached, sampleEvery };
    const stats = await this.faults.aggregates(migration.key, filter, q.buckets, q.latencyBucketsPerDoubling);
    await this.statsCache.put(migration.key, key, stats);
    return { ...stats, sampleEvery };
  }

  /**
   * The migration, if it stores fault events, and which of them (1: all; 64: every 64th by seq).
   * One that stores none is a 409: empty pages and zero percentiles would read as a measurement.
   */
  private async withEvents(id: string): Promise<{ migration: MigrationRow; sampleEvery: number }> {
    const migration = await this.migrations.find(id);
    if (!migration) throw new NotFoundError('migration', id);
    if (migration.faultEvents === 'none') {
      const run = migration.experimentId === null ? '' : `; the runs of experiment ${migration.experimentId} keep none unless its request sets faultEvents to sample or all`;
      throw new ConflictError(`migration ${id} stores no fault events (faultEvents: none${run}): its summary has the fault counts, latency percentiles and blocktime`);
    }
    return { migration, sampleEvery: storedEvery(migration.faultEvents) };
  }
}

/** API filter → repository filter (vocabulary codes), rejecting empty ranges. */
function toFilter(q: FaultFilterQuery): FaultFilter {
  const errors: FieldError[] = [];
  if (q.gfnMin !== undefined && q.gfnMax !== undefined && q.gfnMin > q.gfnMax) {
    errors.push({ in: 'query', field: 'gfnMax', message: 'must be greater than or equal to gfnMin' });
  }
  if (q.fromNs !== undefined && q.toNs !== undefined && q.fromNs >= q.toNs) {
    errors.push({ in: 'query', field: 'toNs', message: 'must be greater than fromNs' });
  }
  if (errors.length) throw new ValidationError(`Invalid query: ${errors.map((e) => e.field).join(', ')}`, errors);
  return {
    vcpu: q.vcpu,
    path: q.path === undefined ? undefined : FAULT_PATHS.indexOf(q.path),
    mechanism: q.mechanism === undefined ? undefined : MECHANISMS.indexOf(q.mechanism),
    resolution: q.resolution === undefined ? undefined : RESOLUTIONS.indexOf(q.resolution),
    gfnMin: q.gfnMin,
    gfnMax: q.gfnMax,
    fromNs: q.fromNs,
    toNs: q.toNs,
  };
}

/** The same query, whatever the order of its parameters: every parameter that is set, sorted, as JSON. */
function statsQueryKey(q: FaultStatsQuery): string {
  const entries = Object.entries(q).filter(([, v]) => v !== undefined);
  return JSON.stringify(Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}
