import pg from 'pg';
import type { FaultEventRow, FaultFilter } from '../lib/fault-event.js';
import { FaultEventWriter, type FaultEventWriterOptions } from './fault-events-writer.js';
import { filterClauses, isUndefinedTable, partitionName } from './fault-events-sql.js';
import { FaultStatsQuery, type FaultAggregates } from './fault-stats-query.js';

export type { FaultAggregates } from './fault-stats-query.js';
export { partitionName } from './fault-events-sql.js';

/**
 * The one place that reads and writes `fault_events` (design: model FaultEvent in prisma/schema.prisma).
 *
 * The table is LIST-partitioned by migration_key, one partition per migration (`fault_events_<key>`).
 * Every hot path addresses the partition by name: COPY goes straight into it (no tuple routing),
 * and reads lock only it, so a long export of one migration never holds up the detach of another.
 * A migration that has not started has no partition; reads treat that as "no events".
 */

/** One stored event as the API reads it (its fields are the API's FaultEvent, with codes for names). */
export type { FaultEventRow } from '../lib/fault-event.js';

/** Filters shared by page, export and stats: the API's, with enum columns as their vocabulary codes. */
export type { FaultFilter } from '../lib/fault-event.js';

export interface FaultPageQuery extends FaultFilter {
  /** Only events with seq > afterSeq. */
  afterSeq?: number;
  limit: number;
}

/**
 * Export columns as PostgreSQL's text output, in FaultEvent (API) order: seq, vcpu, thread, gfn,
 * pageSizeBytes, write ('t'/'f'), path, mechanism, resolution (codes), raisedAtNs, resolvedAtNs,
 * latencyNs. No parsing on the way: the exporter writes them out as they are.
 */
export type RawFaultRow = string[];

/** A server-side cursor over the matching events in seq order (see FaultEventsRepo.openExport). */
export interface FaultExportCursor {
  /** The next rows (at most the batch size), or null at the end. */
  read(): Promise<RawFaultRow[] | null>;
  /** Ends the cursor; a read in flight is cancelled in the server. Idempotent. */
  close(): Promise<void>;
}

const SELECT_COLUMNS =
  'seq, vcpu, thread, gfn, 1::int8 << page_shift AS page_size_bytes, write, path, mechanism, resolution, raised_at_ns, resolved_at_ns, resolved_at_ns - raised_at_ns AS latency_ns';

/** A time window narrower than this share of the migration is read through the raised_at_ns index. */
const NARROW_WINDOW = 0.2;

/** SQLSTATE raised by a writer whose model version is no longer the migration's (class P0: PL/pgSQL). */
export const MODEL_VERSION_CHANGED = 'P0M01';
const QUERY_CANCELED = '57014';
const LOCK_NOT_AVAILABLE = '55P03';

/** Text results untouched: export writes PostgreSQL's own rendering of each value. */
const RAW_TYPES = { getTypeParser: () => (value: string) => value };

/** dropPartition gave up waiting for the partition's readers (an export in progress). */
export class PartitionBusyError extends Error {
  constructor(readonly migrationKey: number) {
    super(`the fault events of migration key ${migrationKey} are being read`);
  }
}

export class FaultEventsRepo {
  private readonly stats: FaultStatsQuery;

  /**
   * `exportPool` serves the exports' server-side cursors, which hold a connection for as long as
   * their client reads: a pool of their own (bounded by the export limit) so that slow export
   * readers never take the connections of pages, stats and writes.
   */
  constructor(
    private readonly pool: pg.Pool,
    private readonly exportPool: pg.Pool = pool,
  ) {
    this.stats = new FaultStatsQuery(pool);
  }

  // ---------------------------------------------------------------------------------------------
  // Partition lifecycle
  // ---------------------------------------------------------------------------------------------

  /**
   * Creates and attaches the migration's partition unless it exists. CREATE TABLE + ATTACH rather
   * than CREATE TABLE ... PARTITION OF: attaching takes a SHARE UPDATE EXCLUSIVE lock on the parent
   * (readers and writers of other partitions go on), PARTITION OF an ACCESS EXCLUSIVE one. Attaching
   * an empty table creates its copies of the parent's indexes at no cost. Idempotent and safe to
   * race (transaction-scoped advisory lock per key).
   */
  async ensurePartition(migrationKey: number): Promise<void> {
    const name = partitionName(migrationKey);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1, $2)', [PARTITION_LOCK_CLASS, migrationKey]);
      const { rows } = await client.query<{ attached: boolean | null }>(
        `SELECT EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid) AS attached
           FROM pg_class c WHERE c.oid = to_regclass($1)`,
        [name],
      );
      if (rows.length === 0) await client.query(`CREATE TABLE ${name} (LIKE fault_events INCLUDING DEFAULTS)`);
      if (!rows[0]?.attached) await client.query(`ALTER TABLE fault_events ATTACH PARTITION ${name} FOR VALUES IN (${migrationKey})`);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  /**
   * Removes every event of a migration in constant time: DETACH PARTITION ... CONCURRENTLY (only a
   * SHARE UPDATE EXCLUSIVE lock on the parent; it waits for queries that use the parent, not for
   * new ones), then DROP TABLE of the now independent table. A detach interrupted half-way (it runs
   * as two transactions) is completed with FINALIZE. Idempotent. `lockTimeoutMs` bounds the wait for
   * readers of the partition itself (an export in progress).
   */
  async dropPartition(migrationKey: number, lockTimeoutMs = 30_000): Promise<void> {
    const name = partitionName(migrationKey);
    const client = await this.pool.connect();
    try {
      await client.query(`SET lock_timeout = ${Math.max(1, Math.round(lockTimeoutMs))}`);
      const { rows } = await client.query<{ attached: boolean; pending: boolean }>(
        `SELECT i.inhrelid IS NOT NULL AS attached, COALESCE(i.inhdetachpending, false) AS pending
           FROM pg_class c LEFT JOIN pg_inherits i ON i.inhrelid = c.oid
          WHERE c.oid = to_regclass($1)`,
        [name],
      );
      if (rows.length === 0) return;
      if (rows[0].pending) await client.query(`ALTER TABLE fault_events DETACH PARTITION ${name} FINALIZE`);
      else if (rows[0].attached) await client.query(`ALTER TABLE fault_events DETACH PARTITION ${name} CONCURRENTLY`);
      await client.query(`DROP TABLE IF EXISTS ${name}`);
    } catch (err) {
      if ((err as { code?: string }).code === LOCK_NOT_AVAILABLE) throw new PartitionBusyError(migrationKey);
      throw err;
    } finally {
      await client.query('RESET lock_timeout').catch(() => undefined);
      client.release();
    }
  }

  /**
   * After the last event of a run: statistics for the planner, and the gfn index, built with one
   * sort now rather than maintained row by row during COPY (see the schema). Idempotent.
   */
  async finalize(migrationKey: number): Promise<void> {
    const name = partitionName(migrationKey);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
      await client.query(`CREATE INDEX IF NOT EXISTS ${name}_gfn_idx ON ${name} (gfn)`);
      await client.query('COMMIT');
      await client.query(`ANALYZE ${name}`);
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Writes
  // ---------------------------------------------------------------------------------------------

  /** Next seq to write: one past the highest stored (0 for none). Index-only on the primary key. */
  async resumePoint(migrationKey: number): Promise<number> {
    try {
      const { rows } = await this.pool.query<{ next: number }>(
        `SELECT COALESCE(max(seq) + 1, 0) AS next FROM ${partitionName(migrationKey)} WHERE migration_key = ${migrationKey}`,
      );
      return rows[0].next;
    } catch (err) {
      if (isUndefinedTable(err)) return 0;
      throw err;
    }
  }

  /**
   * A streaming binary-COPY writer into the migration's partition (which must exist).
   *
   * With `modelVersion`, every COPY transaction first locks the partition (ROW EXCLUSIVE, which COPY
   * takes anyway) and then checks that the migration's row still records that version, or fails.
   * A worker that switched the row to another version did so in the transaction that emptied the
   * partition (MigrationsRepo.adoptModelVersion, whose TRUNCATE conflicts with that lock): a COPY
   * that started before it is emptied by it, one that starts after it sees the new version. So a
   * stale copy of the job, of another version, can never add its events to the new run.
   */
  writer(migrationKey: number, opts: FaultEventWriterOptions & { modelVersion?: number } = {}): FaultEventWriter {
    const { modelVersion, ...writerOpts } = opts;
    const name = partitionName(migrationKey);
    if (modelVersion !== undefined) {
      if (!Number.isSafeInteger(modelVersion)) throw new Error(`invalid model version ${modelVersion}`);
      writerOpts.guardSql = `LOCK TABLE ${name} IN ROW EXCLUSIVE MODE;
        DO $guard$ BEGIN
          IF NOT EXISTS (SELECT 1 FROM migrations WHERE key = ${migrationKey} AND model_version = ${modelVersion}) THEN
            RAISE EXCEPTION 'migration key % no longer records model version %: its events belong to another version', ${migrationKey}, ${modelVersion}
              USING ERRCODE = '${MODEL_VERSION_CHANGED}';
          END IF;
        END $guard$`;
    }
    return new FaultEventWriter(this.pool, name, migrationKey, writerOpts);
  }

  // ---------------------------------------------------------------------------------------------
  // Reads
  // ---------------------------------------------------------------------------------------------

  /** Events stored for a migration, by id (through the parent: tests and operations). */
  async count(migrationId: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM fault_events WHERE migration_key = (SELECT key FROM migrations WHERE id = $1)`,
      [migrationId],
    );
    return Number(rows[0].n);
  }

  /**
   * One page in seq order (keyset: seq > afterSeq). The planner walks the primary key and filters,
   * or, for a selective equality filter, reads the (path, mechanism, resolution, vcpu) or gfn index
   * and sorts the few matches. It cannot know that raised_at_ns follows seq, so for a time window
   * much narrower than the migration it would walk the primary key up to the window: then the
   * window is read through its own index in a subquery it cannot see through, and sorted.
   */
  async page(migrationKey: number, q: FaultPageQuery): Promise<FaultEventRow[]> {
    const table = partitionName(migrationKey);
    try {
      const params: unknown[] = [];
      const where = filterClauses(migrationKey, q, params);
      if (q.afterSeq !== undefined) where.push(`seq > $${params.push(q.afterSeq)}`);
      const cond = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const limit = `$${params.push(q.limit)}`;
      const narrow = await this.isNarrowWindow(table, migrationKey, q);
      const text = narrow
        ? `SELECT * FROM (SELECT ${SELECT_COLUMNS} FROM ${table} ${cond} OFFSET 0) w ORDER BY seq LIMIT ${limit}`
        : `SELECT ${SELECT_COLUMNS} FROM ${table} ${cond} ORDER BY seq LIMIT ${limit}`;
      const { rows } = await this.pool.query({ text, values: params, rowMode: 'array', types: RAW_TYPES });
      return (rows as RawFaultRow[]).map(parseRow);
    } catch (err) {
      if (isUndefinedTable(err)) return [];
      throw err;
    }
  }

  /**
   * Every matching event in seq order through a server-side cursor (DECLARE ... NO SCROLL CURSOR,
   * FETCH `batchRows` at a time) in a REPEATABLE READ READ ONLY transaction: constant memory, one
   * consistent snapshot, and nothing is read until the consumer asks for the next batch. close()
   * during a FETCH cancels it in the server (pg_cancel_backend), so a client that goes away stops
   * the query at once. A consumer that stops reading without closing is cut off by
   * idle_in_transaction_session_timeout.
   */
  async openExport(migrationKey: number, filter: FaultFilter, opts: { batchRows?: number; idleTimeoutMs?: number } = {}): Promise<FaultExportCursor> {
    const table = partitionName(migrationKey);
    const batchRows = opts.batchRows ?? 5_000;
    const params: unknown[] = [];
    const where = filterClauses(migrationKey, filter, params);
    const sql = `SELECT ${SELECT_COLUMNS} FROM ${table} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq`;

    const client = await this.exportPool.connect();
    let done = false;
    let inFlight: Promise<unknown> | null = null;
    let cancelled = false;
    const onError = () => undefined; // connection errors surface through the next query
    client.on('error', onError);
    const release = (err?: Error) => {
      client.off('error', onError);
      client.release(err);
    };
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await client.query(`SET LOCAL idle_in_transaction_session_timeout = ${Math.round(opts.idleTimeoutMs ?? 300_000)}`);
      await client.query({ text: `DECLARE fault_export NO SCROLL CURSOR FOR ${sql}`, values: params });
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      release();
      if (isUndefinedTable(err)) {
        done = true;
        return { read: async () => null, close: async () => undefined };
      }
      throw err;
    }

    const finish = async (commit: boolean) => {
      if (done) return;
      done = true;
      try {
        await client.query(commit ? 'COMMIT' : 'ROLLBACK');
        release();
      } catch (err) {
        release(err as Error); // the connection is in an unknown state: discard it
      }
    };

    return {
      read: async () => {
        if (done) return null;
        const fetch = client.query({ text: `FETCH ${batchRows} FROM fault_export`, rowMode: 'array', types: RAW_TYPES });
        inFlight = fetch;
        try {
          const { rows } = await fetch;
          if (rows.length === 0) {
            await finish(true);
            return null;
          }
          return rows as RawFaultRow[];
        } catch (err) {
          await finish(false);
          if (cancelled && (err as { code?: string }).code === QUERY_CANCELED) return null;
          throw err;
        } finally {
          inFlight = null;
        }
      },
      close: async () => {
        if (done) return;
        // Held here: the read may end (and clear inFlight) while the cancel is on its way.
        const reading = inFlight;
        if (reading) {
          cancelled = true;
          const pid = (client as unknown as { processID: number }).processID;
          // On the main pool: the export pool may be full of exports.
          await this.pool.query('SELECT pg_cancel_backend($1)', [pid]).catch(() => undefined);
          await reading.catch(() => undefined); // a cancelled read rolls back and releases; one that ended first did not
        }
        await finish(false);
      },
    };
  }

  /** True when the query has a time window narrower than NARROW_WINDOW of the migration's events. */
  private async isNarrowWindow(table: string, migrationKey: number, f: FaultFilter): Promise<boolean> {
    if (f.fromNs === undefined && f.toNs === undefined) return false;
    const { rows } = await this.pool.query<{ hi: string | null }>(`SELECT max(raised_at_ns)::text AS hi FROM ${table} WHERE migration_key = ${migrationKey}`);
    if (rows[0].hi === null) return false;
    const extent = Number(rows[0].hi) + 1;
    const from = Math.max(0, f.fromNs ?? 0);
    const to = Math.min(extent, f.toNs ?? extent);
    return (to - from) / extent <= NARROW_WINDOW;
  }

  /** Aggregates of the matching events, computed by PostgreSQL (fault-stats-query.ts). */
  aggregates(migrationKey: number, filter: FaultFilter, timelineBuckets: number, latencyBucketsPerDoubling = 1): Promise<FaultAggregates> {
    return this.stats.aggregates(migrationKey, filter, timelineBuckets, latencyBucketsPerDoubling);
  }
}

/** Namespace of ensurePartition's advisory locks (pg_advisory_xact_lock(int, int)); arbitrary. */
const PARTITION_LOCK_CLASS = 740_511;

function parseRow(r: RawFaultRow): FaultEventRow {
  return {
    seq: Number(r[0]),
    vcpu: Number(r[1]),
    thread: Number(r[2]),
    gfn: Number(r[3]),
    pageSizeBytes: Number(r[4]),
    write: r[5] === 't',
    path: Number(r[6]),
    mechanism: Number(r[7]),
    resolution: Number(r[8]),
    raisedAtNs: Number(r[9]),
    resolvedAtNs: Number(r[10]),
    latencyNs: Number(r[11]),
  };
}
