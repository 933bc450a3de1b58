import pg from 'pg';
import type { FaultEventRow, FaultFilter } from '../lib/fault-event.js';
import { FaultEventWriter, type FaultEventWriterOptions } from './fault-events-writer.js';

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

/** Aggregates of the matching events, computed by PostgreSQL; enum columns as codes. */
export interface FaultAggregates {
  total: number;
  latencySumNs: number;
  latencyMaxNs: number;
  /** percentile_disc: the smallest latency with at least p of the events at or below it. */
  p50Ns: number;
  p90Ns: number;
  p99Ns: number;
  /** Non-empty log2 buckets: bucket 0 is latency 0, bucket b >= 1 is [2^(b-1), 2^b). */
  latencyBuckets: Array<{ bucket: number; count: number }>;
  byPath: Array<{ code: number; count: number }>;
  byMechanism: Array<{ code: number; count: number }>;
  byResolution: Array<{ code: number; count: number }>;
  /** vCPU faults only (vcpu >= 0), ascending. */
  byVcpu: Array<{ vcpu: number; count: number; latencySumNs: number }>;
  /** max(raised_at_ns) of the matching events; null when there are none. */
  spanNs: number | null;
  /** Non-empty timeline buckets: bucket i holds raised_at_ns in [i*span/N, (i+1)*span/N), the last one also span. */
  timeline: Array<{ bucket: number; count: number }>;
}

/** A server-side cursor over the matching events in seq order (see FaultEventsRepo.openExport). */
export interface FaultExportCursor {
  /** The next rows (at most the batch size), or null at the end. */
  read(): Promise<RawFaultRow[] | null>;
  /** Ends the cursor; a read in flight is cancelled in the server. Idempotent. */
  close(): Promise<void>;
}

const SELECT_COLUMNS =
  'seq, vcpu, thread, gfn, 1::int8 << page_shift AS page_size_bytes, write, path, mechanism, resolution, raised_at_ns, resolved_at_ns, resolved_at_ns - raised_at_ns AS latency_ns';

/** Thresholds of the log2 latency buckets for width_bucket: 2^0 .. 2^62. */
const LOG2_THRESHOLDS = `'{${Array.from({ length: 63 }, (_, i) => (2n ** BigInt(i)).toString()).join(',')}}'::int8[]`;

/** A time window narrower than this share of the migration is read through the raised_at_ns index. */
const NARROW_WINDOW = 0.2;

const UNDEFINED_TABLE = '42P01';
/** SQLSTATE raised by a writer whose model version is no longer the migration's (class P0: PL/pgSQL). */
export const MODEL_VERSION_CHANGED = 'P0M01';
const QUERY_CANCELED = '57014';
const LOCK_NOT_AVAILABLE = '55P03';

/** Text results untouched: export writes PostgreSQL's own rendering of each value. */
const RAW_TYPES = { getTypeParser: () => (value: string) => value };

export function partitionName(migrationKey: number): string {
  if (!Number.isSafeInteger(migrationKey) || migrationKey <= 0) throw new Error(`invalid migration key ${migrationKey}`);
  return `fault_events_${migrationKey}`;
}

const isUndefinedTable = (err: unknown) => (err as { code?: string }).code === UNDEFINED_TABLE;

/** dropPartition gave up waiting for the partition's readers (an export in progress). */
export class PartitionBusyError extends Error {
  constructor(readonly migrationKey: number) {
    super(`the fault events of migration key ${migrationKey} are being read`);
  }
}

export class FaultEventsRepo {
  /** Stats computations are CPU-heavy and take two connections each: a few at a time. */
  private readonly statsSlots = new Semaphore(STATS_CONCURRENCY);

  /**
   * `exportPool` serves the exports' server-side cursors, which hold a connection for as long as
   * their client reads: a pool of their own (bounded by the export limit) so that slow export
   * readers never take the connections of pages, stats and writes.
   */
  constructor(
    private readonly pool: pg.Pool,
    private readonly exportPool: pg.Pool = pool,
  ) {}

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
        if (inFlight) {
          cancelled = true;
          const pid = (client as unknown as { processID: number }).processID;
          // On the main pool: the export pool may be full of exports.
          await this.pool.query('SELECT pg_cancel_backend($1)', [pid]).catch(() => undefined);
          await inFlight.catch(() => undefined); // read() rolls back and releases
        }
        await finish(false);
      },
    };
  }

  /**
   * Statistics of the matching events, computed by PostgreSQL in one REPEATABLE READ snapshot:
   * (1) max(raised_at_ns), the timeline's span (the raised_at_ns index when unfiltered);
   * (2) one scan grouping by GROUPING SETS ((path, mechanism, resolution, vcpu, log2 bucket),
   *     (timeline bucket)), hashed, rolled up into every per-dimension count in the same statement;
   * (3) percentile_disc over the latencies (one sort: measured faster than a two-pass exact pick
   *     from a fine histogram, 4.2 s vs 6.4 s on 10M events).
   * (2) and (3) run at the same time on two connections sharing the snapshot (pg_export_snapshot):
   * about 30% faster on 10M events even on 2 busy cores. At most STATS_CONCURRENCY computations at
   * a time; without a second idle connection they run one after the other. JIT is off: compiling
   * costs more than it saves here.
   */
  async aggregates(migrationKey: number, filter: FaultFilter, timelineBuckets: number): Promise<FaultAggregates> {
    const table = partitionName(migrationKey);
    const empty: FaultAggregates = {
      total: 0,
      latencySumNs: 0,
      latencyMaxNs: 0,
      p50Ns: 0,
      p90Ns: 0,
      p99Ns: 0,
      latencyBuckets: [],
      byPath: [],
      byMechanism: [],
      byResolution: [],
      byVcpu: [],
      spanNs: null,
      timeline: [],
    };
    const filterParams: unknown[] = [];
    const cond = `WHERE ${filterClauses(migrationKey, filter, filterParams).join(' AND ')}`;
    await this.statsSlots.acquire();
    const clients: pg.PoolClient[] = [];
    try {
      const main = await this.pool.connect();
      clients.push(main);
      await main.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await main.query(`SET LOCAL jit = off`);
      await main.query(`SET LOCAL work_mem = '128MB'`);
      const span = await main.query<{ span: string | null }>({ text: `SELECT max(raised_at_ns)::text AS span FROM ${table} ${cond}`, values: filterParams });
      const spanNs = span.rows[0].span === null ? null : Number(span.rows[0].span);
      if (spanNs === null) {
        await main.query('COMMIT');
        return empty;
      }

      // A second connection in the same snapshot, if one is free.
      let second = main;
      if (this.pool.idleCount > 0 || this.pool.totalCount < (this.pool.options.max ?? 10)) {
        const { rows } = await main.query<{ snapshot: string }>('SELECT pg_export_snapshot() AS snapshot');
        if (!/^[0-9A-F-]+$/i.test(rows[0].snapshot)) throw new Error(`unexpected snapshot id ${rows[0].snapshot}`);
        second = await this.pool.connect();
        clients.push(second);
        await second.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        await second.query(`SET TRANSACTION SNAPSHOT '${rows[0].snapshot}'`).catch(async (err: unknown) => {
          // The snapshot lives only as long as the exporting transaction: when `main` lost its
          // connection (a terminated backend, a restart), the import fails with "snapshot does not
          // exist". Report what happened, the lost connection (a 503), not the symptom (a 500).
          await main.query('SELECT 1');
          throw err;
        });
        await second.query(`SET LOCAL jit = off`);
        await second.query(`SET LOCAL work_mem = '128MB'`);
      }

      const aggParams = [...filterParams, timelineBuckets, spanNs];
      const n = `$${filterParams.length + 1}::int8`;
      const s = `$${filterParams.length + 2}::int8`;
      const [agg, pct] = await Promise.all([
        main.query<{ dim: string; k: number; n: string; s: string | null; mx: string | null }>({
          text: `
            WITH g AS (
              SELECT grouping(tb) AS gtb, path, mechanism, resolution, vcpu, hb, tb, count(*) AS n, sum(lat) AS s, max(lat) AS mx
                FROM (SELECT path, mechanism, resolution, vcpu, resolved_at_ns - raised_at_ns AS lat,
                             width_bucket(resolved_at_ns - raised_at_ns, ${LOG2_THRESHOLDS}) AS hb,
                             CASE WHEN ${s} > 0 THEN least(raised_at_ns * ${n} / ${s}, ${n} - 1) ELSE 0 END AS tb
                        FROM ${table} ${cond} OFFSET 0) e
               GROUP BY GROUPING SETS ((path, mechanism, resolution, vcpu, hb), (tb))
            )
            SELECT 'all' AS dim, 0 AS k, sum(n)::text AS n, sum(s)::text AS s, max(mx)::text AS mx FROM g WHERE gtb = 1
            UNION ALL SELECT 'hist', hb, sum(n)::text, NULL, NULL FROM g WHERE gtb = 1 GROUP BY hb
            UNION ALL SELECT 'path', path, sum(n)::text, NULL, NULL FROM g WHERE gtb = 1 GROUP BY path
            UNION ALL SELECT 'mechanism', mechanism, sum(n)::text, NULL, NULL FROM g WHERE gtb = 1 GROUP BY mechanism
            UNION ALL SELECT 'resolution', resolution, sum(n)::text, NULL, NULL FROM g WHERE gtb = 1 GROUP BY resolution
            UNION ALL SELECT 'vcpu', vcpu, sum(n)::text, sum(s)::text, NULL FROM g WHERE gtb = 1 AND vcpu >= 0 GROUP BY vcpu
            UNION ALL SELECT 'timeline', tb::int, sum(n)::text, NULL, NULL FROM g WHERE gtb = 0 GROUP BY tb`,
          values: aggParams,
        }),
        second.query<{ p: string[] }>({
          text: `SELECT (percentile_disc(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (ORDER BY resolved_at_ns - raised_at_ns))::text[] AS p FROM ${table} ${cond}`,
          values: filterParams,
        }),
      ]);
      for (const c of clients) await c.query('COMMIT');

      const out: FaultAggregates = { ...empty, spanNs };
      for (const r of agg.rows) {
        const count = Number(r.n);
        switch (r.dim) {
          case 'all':
            out.total = count;
            out.latencySumNs = Number(r.s);
            out.latencyMaxNs = Number(r.mx);
            break;
          case 'hist':
            out.latencyBuckets.push({ bucket: r.k, count });
            break;
          case 'path':
            out.byPath.push({ code: r.k, count });
            break;
          case 'mechanism':
            out.byMechanism.push({ code: r.k, count });
            break;
          case 'resolution':
            out.byResolution.push({ code: r.k, count });
            break;
          case 'vcpu':
            out.byVcpu.push({ vcpu: r.k, count, latencySumNs: Number(r.s) });
            break;
          case 'timeline':
            out.timeline.push({ bucket: r.k, count });
            break;
        }
      }
      out.latencyBuckets.sort((a, b) => a.bucket - b.bucket);
      out.byVcpu.sort((a, b) => a.vcpu - b.vcpu);
      out.timeline.sort((a, b) => a.bucket - b.bucket);
      [out.p50Ns, out.p90Ns, out.p99Ns] = pct.rows[0].p.map(Number);
      return out;
    } catch (err) {
      for (const c of clients) await c.query('ROLLBACK').catch(() => undefined);
      if (isUndefinedTable(err)) return empty;
      throw err;
    } finally {
      for (const c of clients) c.release();
      this.statsSlots.release();
    }
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
}

const STATS_CONCURRENCY = 2;

/** Waits for one of `n` slots. */
class Semaphore {
  private readonly waiting: Array<() => void> = [];
  constructor(private free: number) {}
  async acquire(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}

/** Namespace of ensurePartition's advisory locks (pg_advisory_xact_lock(int, int)); arbitrary. */
const PARTITION_LOCK_CLASS = 740_511;

/**
 * SQL conditions of a filter; values go to `params` (typed by their column: the indexes apply). The
 * first condition, migration_key = <key>, is always true in the migration's partition, but without
 * it the planner cannot use the (migration_key, seq) primary key for seq order or max(seq).
 */
function filterClauses(migrationKey: number, f: FaultFilter, params: unknown[]): string[] {
  const w: string[] = [`migration_key = ${migrationKey}`];
  const p = (v: number) => `$${params.push(v)}`;
  if (f.vcpu !== undefined) w.push(`vcpu = ${p(f.vcpu)}`);
  if (f.path !== undefined) w.push(`path = ${p(f.path)}`);
  if (f.mechanism !== undefined) w.push(`mechanism = ${p(f.mechanism)}`);
  if (f.resolution !== undefined) w.push(`resolution = ${p(f.resolution)}`);
  if (f.gfnMin !== undefined) w.push(`gfn >= ${p(f.gfnMin)}`);
  if (f.gfnMax !== undefined) w.push(`gfn <= ${p(f.gfnMax)}`);
  if (f.fromNs !== undefined) w.push(`raised_at_ns >= ${p(f.fromNs)}`);
  if (f.toNs !== undefined) w.push(`raised_at_ns < ${p(f.toNs)}`);
  return w;
}

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
