import { FAULT_PATHS, MECHANISMS, RESOLUTIONS, type FaultPath, type Mechanism, type Resolution } from '../sim/index.js';
import { TERMINAL_STATUSES, type MigrationRow, type MigrationsRepo } from '../db/migrations-repo.js';
import type { FaultStatsCacheRepo } from '../db/fault-stats-cache-repo.js';
import type { FaultAggregates, FaultEventRow, FaultEventsRepo, FaultExportCursor, FaultFilter } from '../db/fault-events-repo.js';
import { NotFoundError, ValidationError, type FieldError } from '../errors.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { Page } from './migration-service.js';

/** The filters of GET /faults, /faults/export and /faults/stats, as the API names them. */
export interface FaultFilterQuery {
  vcpu?: number;
  path?: FaultPath;
  mechanism?: Mechanism;
  resolution?: Resolution;
  gfnMin?: number;
  gfnMax?: number;
  fromNs?: number;
  toNs?: number;
}

/** Rows FETCHed per round trip by an export: ~0.5 MB of text, whatever the migration's size. */
const EXPORT_BATCH_ROWS = 5_000;
/** An export whose client stops reading for this long is ended by PostgreSQL. */
const EXPORT_IDLE_TIMEOUT_MS = 5 * 60_000;

/** Reads of a migration's fault events: pages, exports and statistics. */
export class FaultService {
  constructor(
    private readonly migrations: MigrationsRepo,
    private readonly faults: FaultEventsRepo,
    private readonly statsCache: FaultStatsCacheRepo,
  ) {}

  /**
   * One page in seq order, after `cursor`. Keyset pagination on seq is stable while the worker
   * inserts: events are committed as a growing prefix of seqs, so a page never skips an event
   * that a later page would have shown, nor repeats one. nextCursor is null when the page reached
   * the last stored event; re-requesting the same cursor later returns the events stored since.
   */
  async list(id: string, q: FaultFilterQuery & { limit: number; cursor?: string }): Promise<Page<FaultEventRow>> {
    const migration = await this.migration(id);
    const filter = toFilter(q);
    const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor, faultCursorShape);
    const rows = await this.faults.page(migration.key, { ...filter, afterSeq: after === undefined ? undefined : Number(after.seq), limit: q.limit + 1 });
    const items = rows.slice(0, q.limit);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > q.limit && last ? encodeCursor({ seq: String(last.seq) }) : null };
  }

  /** A server-side cursor over every matching event in seq order (the caller must close it). */
  async export(id: string, q: FaultFilterQuery): Promise<FaultExportCursor> {
    const migration = await this.migration(id);
    return this.faults.openExport(migration.key, toFilter(q), { batchRows: EXPORT_BATCH_ROWS, idleTimeoutMs: EXPORT_IDLE_TIMEOUT_MS });
  }

  /**
   * Aggregates of the matching events, computed by PostgreSQL; the timeline has `buckets` buckets.
   * A migration that has ended (read before computing: its worker wrote its last event before
   * recording the end) never changes again, so its stats are kept per query and computed once.
   */
  async stats(id: string, q: FaultFilterQuery & { buckets: number }): Promise<FaultAggregates> {
    const migration = await this.migration(id);
    const filter = toFilter(q);
    if (!TERMINAL_STATUSES.includes(migration.status)) return this.faults.aggregates(migration.key, filter, q.buckets);
    const key = statsQueryKey(q);
    const cached = await this.statsCache.get(migration.key, key);
    if (cached) return cached;
    const stats = await this.faults.aggregates(migration.key, filter, q.buckets);
    await this.statsCache.put(migration.key, key, stats);
    return stats;
  }

  private async migration(id: string): Promise<MigrationRow> {
    const row = await this.migrations.find(id);
    if (!row) throw new NotFoundError('migration', id);
    return row;
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
function statsQueryKey(q: FaultFilterQuery & { buckets: number }): string {
  const entries = Object.entries(q).filter(([, v]) => v !== undefined);
  return JSON.stringify(Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

/** seq fits fault_events.seq (int4): a forged cursor is a 400, not a database error. */
const faultCursorShape = (v: unknown): v is { seq: string } =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as { seq?: unknown }).seq === 'string' &&
  /^\d{1,10}$/.test((v as { seq: string }).seq) &&
  Number((v as { seq: string }).seq) <= 2 ** 31 - 1;
