// Fault-event storage below the API: streaming COPY ingestion, resume after a crash without
// duplicates or gaps, the partition lifecycle, and the move of the foundation's events into
// partitions by the 20261121120000_fault_events_at_scale migration.
import { randomBytes, randomUUID } from 'node:crypto';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createSimulation, migrationSpecSchema, type MigrationSpec } from '../../src/sim/index.js';
import { applyMigrations, MIGRATIONS_DIR } from '../../src/db/migrate.js';
import { createDb, type Db } from '../../src/db/client.js';
import { MigrationsRepo } from '../../src/db/migrations-repo.js';
import { FaultEventsRepo, partitionName } from '../../src/db/fault-events-repo.js';
import { runMigrationJob } from '../../src/workers/migration-worker.js';

const SPEC: MigrationSpec = migrationSpecSchema.parse({
  seed: 9,
  vm: { memoryMiB: 4096, vcpus: 48 },
  workload: { pattern: 'uniform' },
  strategy: { mechanism: 'uffd_missing', handlerThreads: 2 },
  network: { bandwidthGbps: 10, rttUs: 50 },
});
const COLUMNS = 'seq, vcpu, thread, gfn, page_shift, write, path, mechanism, resolution, raised_at_ns, resolved_at_ns';

let db: Db;
let pool: pg.Pool;
let migrations: MigrationsRepo;
let faults: FaultEventsRepo;
const log = pino({ level: 'silent' });

beforeAll(() => {
  db = createDb(inject('databaseUrl'));
  pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 6 });
  migrations = new MigrationsRepo(db, pool);
  faults = new FaultEventsRepo(pool);
});
afterAll(async () => {
  await Promise.all([db?.$disconnect(), pool?.end()]);
});

/** A migration row no queue knows about: only these tests run it. */
async function newMigration(spec: MigrationSpec = SPEC) {
  return (await migrations.insert({ id: randomUUID(), requestHash: 'test', spec })).row;
}

async function describeEvents(key: number) {
  const { rows } = await pool.query(
    `SELECT count(*)::int AS n, count(DISTINCT seq)::int AS distinct_seqs, min(seq) AS lo, max(seq) AS hi,
            md5(string_agg(row(${COLUMNS})::text, ',' ORDER BY seq)) AS digest
       FROM ${partitionName(key)}`,
  );
  return rows[0] as { n: number; distinct_seqs: number; lo: number; hi: number; digest: string };
}

describe('ingestion and resume', () => {
  let clean: { key: number; total: number; digest: string };

  beforeAll(async () => {
    const m = await newMigration();
    expect(await runMigrationJob(m.id, { migrations, faults, log, batchSize: 1000, commitRows: 3000 })).toBe('succeeded');
    const done = (await migrations.find(m.id))!;
    const events = await describeEvents(m.key);
    clean = { key: m.key, total: Number(done.eventCount), digest: events.digest };
    expect(events).toMatchObject({ n: clean.total, distinct_seqs: clean.total, lo: 0, hi: clean.total - 1 });
    expect(clean.total).toBeGreaterThan(10_000);
  });

  it('stores every simulated event exactly once, as the simulator made them', async () => {
    const sim = createSimulation(SPEC);
    let n = 0;
    const sample: unknown[] = [];
    for (let b = sim.next(4096); b; b = sim.next(4096)) {
      for (let i = 0; i < b.length; i += 997) {
        sample.push({
          seq: b.firstSeq + i,
          vcpu: b.vcpu[i],
          thread: b.thread[i],
          gfn: b.gfn[i],
          page_shift: b.pageShift[i],
          write: b.write[i] === 1,
          path: b.path[i],
          mechanism: b.mechanism[i],
          resolution: b.resolution[i],
          raised_at_ns: b.raisedAtNs[i],
          resolved_at_ns: b.resolvedAtNs[i],
        });
      }
      n += b.length;
    }
    expect(n).toBe(clean.total);
    const { rows } = await pool.query({
      text: `SELECT ${COLUMNS} FROM ${partitionName(clean.key)} WHERE seq % 4096 % 997 = 0 ORDER BY seq`,
      types: { getTypeParser: (oid: number, format?: string) => (oid === 20 ? Number : pg.types.getTypeParser(oid, format as 'text')) },
    });
    expect(rows).toEqual(sample);
  });

  it('a crashed run leaves a committed prefix; the retry resumes after it: no duplicates, no gaps, same events', async () => {
    const m = await newMigration();
    const running = (await migrations.markRunning(m.id))!;
    await faults.ensurePartition(running.key);
    // The first worker: commits every 1500 rows, then dies with an uncommitted tail.
    const sim = createSimulation(SPEC);
    const first = faults.writer(running.key, { commitRows: 1500, commitIntervalMs: 60_000 });
    let sent = 0;
    for (let b = sim.next(1000); b && sent < 4500; b = sim.next(1000)) {
      await first.write(b);
      sent += b.length;
    }
    await first.close(); // no flush: the open COPY is rolled back
    const stored = await faults.resumePoint(running.key);
    expect(stored).toBe(first.committed);
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(sent);
    expect(await describeEvents(running.key)).toMatchObject({ n: stored, lo: 0, hi: stored - 1 });

    // The retry (the job runs again; a different batch size, so the resume point falls inside a batch).
    expect(await runMigrationJob(m.id, { migrations, faults, log, batchSize: 700, commitRows: 2000 })).toBe('succeeded');
    const events = await describeEvents(running.key);
    expect(events).toEqual({ n: clean.total, distinct_seqs: clean.total, lo: 0, hi: clean.total - 1, digest: clean.digest });
    const done = (await migrations.find(m.id))!;
    expect(Number(done.eventCount)).toBe(clean.total);
    expect(done.attempts).toBe(2);

    // A duplicate delivery of the finished job does nothing.
    expect(await runMigrationJob(m.id, { migrations, faults, log, batchSize: 700 })).toBe('skipped');
    expect((await describeEvents(running.key)).n).toBe(clean.total);
  });

  it('the primary key rejects a batch stored twice (a zombie worker cannot duplicate events)', async () => {
    const writer = faults.writer(clean.key);
    const batch = createSimulation(SPEC).next(100)!;
    await writer.write(batch);
    await expect(writer.flush()).rejects.toMatchObject({ code: '23505' });
    await writer.close();
    expect((await describeEvents(clean.key)).n).toBe(clean.total);
  });

  it('a slow database holds the simulation back: writes wait while a lock blocks the COPY', async () => {
    const m = await newMigration();
    await faults.ensurePartition(m.key);
    const blocker = await pool.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query(`LOCK TABLE ${partitionName(m.key)} IN ACCESS EXCLUSIVE MODE`);
      const writer = faults.writer(m.key, { commitRows: 1_000_000, commitIntervalMs: 60_000 });
      const sim = createSimulation(SPEC);
      let written = 0;
      const writing = (async () => {
        for (let b = sim.next(2000); b; b = sim.next(2000)) {
          await writer.write(b);
          written += b.length;
        }
      })();
      await new Promise((r) => setTimeout(r, 500));
      // Blocked: at most two batches were accepted (one queued, one encoded) — not the whole run.
      expect(written).toBeLessThanOrEqual(4000);
      await blocker.query('ROLLBACK');
      await writing;
      expect(await writer.flush()).toBe(clean.total);
      await writer.close();
    } finally {
      blocker.release();
    }
  });
});

describe('partitions', () => {
  const partitions = async () =>
    (await pool.query<{ name: string }>(`SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'fault_events'::regclass`)).rows.map(
      (r) => r.name,
    );

  it('ensurePartition is idempotent and safe to race; dropPartition removes the events and is idempotent', async () => {
    const m = await newMigration();
    await Promise.all([faults.ensurePartition(m.key), faults.ensurePartition(m.key), faults.ensurePartition(m.key)]);
    expect((await partitions()).filter((p) => p === partitionName(m.key))).toHaveLength(1);
    const writer = faults.writer(m.key);
    await writer.write(createSimulation(SPEC).next(500)!);
    await writer.flush();
    await writer.close();
    expect(await faults.count(m.id)).toBe(500);

    await faults.dropPartition(m.key);
    await faults.dropPartition(m.key);
    expect(await partitions()).not.toContain(partitionName(m.key));
    expect(await faults.count(m.id)).toBe(0);
    // Reads of a migration without a partition see no events.
    expect(await faults.page(m.key, { limit: 10 })).toEqual([]);
    expect((await faults.aggregates(m.key, {}, 10)).total).toBe(0);
    const cursor = await faults.openExport(m.key, {});
    expect(await cursor.read()).toBeNull();
  });

  it('a row for a migration without a partition is refused (the partition is the foreign key)', async () => {
    await expect(
      pool.query(`INSERT INTO fault_events VALUES (999999, 0, 0, 0, 0, 0, 0, 12, 0, 0, 0, false)`),
    ).rejects.toMatchObject({ message: expect.stringContaining('no partition') });
  });

  it('finalize builds the per-partition gfn index once', async () => {
    const m = await newMigration();
    await faults.ensurePartition(m.key);
    await faults.finalize(m.key);
    await faults.finalize(m.key);
    const { rows } = await pool.query(`SELECT indexname FROM pg_indexes WHERE tablename = $1 ORDER BY indexname`, [partitionName(m.key)]);
    expect(rows.map((r) => r.indexname)).toEqual([
      `${partitionName(m.key)}_gfn_idx`,
      `${partitionName(m.key)}_path_mechanism_resolution_vcpu_idx`,
      `${partitionName(m.key)}_pkey`,
      `${partitionName(m.key)}_raised_at_ns_idx`,
    ]);
  });
});

describe('export cursors', () => {
  it('closing an export whose read ends before the cancel lands still ends its transaction and returns its connection', async () => {
    const m = await newMigration();
    await faults.ensurePartition(m.key);
    const writer = faults.writer(m.key);
    await writer.write(createSimulation(SPEC).next(500)!);
    await writer.flush();
    await writer.close();
    // The cancel goes through the main pool: with its one connection held, the read ends first.
    const mainPool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 1 });
    const exportPool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 1 });
    try {
      const repo = new FaultEventsRepo(mainPool, exportPool);
      const cursor = await repo.openExport(m.key, {}, { batchRows: 100 });
      const held = await mainPool.connect();
      const reading = cursor.read();
      const closing = cursor.close(); // a read is in flight: close cancels it
      expect(await reading).toHaveLength(100);
      held.release();
      await closing;
      expect(exportPool.idleCount).toBe(1);
      // The connection left the export's REPEATABLE READ transaction (and its cursor) behind.
      const { rows } = await exportPool.query<{ transaction_isolation: string }>('SHOW transaction_isolation');
      expect(rows[0].transaction_isolation).toBe('read committed');
    } finally {
      // end() would wait for ever for a connection the export never returned: that is the failure shown.
      await Promise.all([mainPool.end(), exportPool.idleCount === exportPool.totalCount ? exportPool.end() : undefined]);
    }
  });
});

describe('migration 20261121120000_fault_events_at_scale', () => {
  const admin = `${inject('postgresServerUrl')}/postgres`;
  const name = `migtest_faults_${process.pid}_${randomBytes(4).toString('hex')}`;
  const url = `${inject('postgresServerUrl')}/${name}`;
  let dir: string;

  beforeAll(async () => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`CREATE DATABASE "${name}"`).finally(() => c.end());
    dir = await mkdtemp(path.join(os.tmpdir(), 'pcl-migrations-'));
  });
  afterAll(async () => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => c.end());
    await rm(dir, { recursive: true, force: true });
  });

  it("moves the foundation's events into one partition per migration, keeping every value", async () => {
    const folders = (await readdir(MIGRATIONS_DIR, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    const at = folders.indexOf('20261121120000_fault_events_at_scale');
    expect(at).toBeGreaterThan(0);
    for (const f of folders.slice(0, at)) await cp(path.join(MIGRATIONS_DIR, f), path.join(dir, f), { recursive: true });
    await applyMigrations(url, dir);

    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      // The foundation's schema: uuid migration_id, bigint seq, int vcpu.
      const ids = [randomUUID(), randomUUID(), randomUUID()];
      for (const [i, id] of ids.entries()) {
        await c.query(`INSERT INTO migrations (id, status, request_hash, spec) VALUES ($1, $2, 'h', '{}')`, [id, i === 1 ? 'running' : 'succeeded']);
      }
      for (const [i, id] of ids.slice(0, 2).entries()) {
        await c.query(
          `INSERT INTO fault_events (migration_id, seq, vcpu, thread, gfn, page_shift, write, path, mechanism, resolution, raised_at_ns, resolved_at_ns)
           SELECT $1, s, s % 4 - 1, -1, 1000000000 + s, 12, s % 2 = 0, s % 3, $2, s % 5, 86000000000000 + s, 86000000000000 + 2 * s
             FROM generate_series(0, $3::int - 1) s`,
          [id, i, 1000 + i],
        );
      }
      const before = await c.query(
        `SELECT migration_id::text AS id, md5(string_agg(row(seq, vcpu, thread, gfn, page_shift, write, path, mechanism, resolution, raised_at_ns, resolved_at_ns)::text, ',' ORDER BY seq)) AS d
           FROM fault_events GROUP BY migration_id ORDER BY 1`,
      );

      // Now the new migration, on the data.
      await cp(path.join(MIGRATIONS_DIR, folders[at]), path.join(dir, folders[at]), { recursive: true });
      expect((await applyMigrations(url, dir)).at(-1)).toEqual({ name: folders[at], applied: true });

      const after = await c.query(
        `SELECT m.id::text AS id, md5(string_agg(row(f.seq, f.vcpu, f.thread, f.gfn, f.page_shift, f.write, f.path, f.mechanism, f.resolution, f.raised_at_ns, f.resolved_at_ns)::text, ',' ORDER BY f.seq)) AS d
           FROM fault_events f JOIN migrations m ON m.key = f.migration_key GROUP BY m.id ORDER BY 1`,
      );
      expect(after.rows).toEqual(before.rows);
      const parts = await c.query(
        `SELECT c.relname AS name, (SELECT count(*)::int FROM pg_indexes x WHERE x.tablename = c.relname AND x.indexname LIKE '%gfn_idx') AS gfn_index
           FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'fault_events'::regclass ORDER BY 1`,
      );
      const keys = await c.query<{ id: string; key: number }>(`SELECT id::text, key FROM migrations`);
      const keyOf = (id: string) => keys.rows.find((r) => r.id === id)!.key;
      expect(parts.rows).toEqual(
        [
          { name: partitionName(keyOf(ids[0])), gfn_index: 1 }, // finished: gfn index built
          { name: partitionName(keyOf(ids[1])), gfn_index: 0 }, // still running: built when it ends
        ].sort((a, b) => (a.name < b.name ? -1 : 1)),
      );
      expect((await c.query(`SELECT to_regclass('fault_events_foundation') AS t`)).rows[0].t).toBeNull();
    } finally {
      await c.end();
    }
  });
});
