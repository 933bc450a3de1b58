// The model version of a stored run, below the worker: MigrationsRepo.adoptModelVersion (discard
// the stored run and record a new version, atomically) and the version check of every COPY
// transaction of a writer (FaultEventsRepo.writer's modelVersion), against the real Postgres.
// The worker's use of them is tested in test/worker/model-version.integration.test.ts.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createSimulation, migrationSpecSchema, MODEL_VERSION, type MigrationSpec } from '../../src/sim/index.js';
import { createDb, type Db } from '../../src/db/client.js';
import { MigrationsRepo } from '../../src/db/migrations-repo.js';
import { FaultEventsRepo, MODEL_VERSION_CHANGED } from '../../src/db/fault-events-repo.js';
import { FaultStatsCacheRepo } from '../../src/db/fault-stats-cache-repo.js';

const SPEC: MigrationSpec = migrationSpecSchema.parse({
  seed: 5,
  vm: { memoryMiB: 4096, vcpus: 16 }, // ~13k events
  workload: { pattern: 'uniform' },
  strategy: { mechanism: 'uffd_missing', handlerThreads: 1 },
  network: { bandwidthGbps: 10, rttUs: 50 },
});
const OLD = MODEL_VERSION - 1;

let db: Db;
let pool: pg.Pool;
let migrations: MigrationsRepo;
let faults: FaultEventsRepo;
let cache: FaultStatsCacheRepo;

beforeAll(() => {
  db = createDb(inject('databaseUrl'));
  pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 6 });
  migrations = new MigrationsRepo(db, pool);
  faults = new FaultEventsRepo(pool);
  cache = new FaultStatsCacheRepo(db);
});
// The rows are running (or hold a summary) in the run's shared database: remove them, so that no
// dispatcher of another test file queues them and no listing meets them.
const created: Array<{ id: string; key: number }> = [];
afterAll(async () => {
  for (const { id, key } of created) {
    await faults.dropPartition(key);
    await migrations.delete(id);
  }
  await Promise.all([db?.$disconnect(), pool?.end()]);
});

/** A complete, valid MigrationResult of SPEC (the API validates every summary it returns). */
function fullResult() {
  const sim = createSimulation(SPEC);
  while (sim.next(5000));
  return sim.result();
}

/**
 * A running migration as a worker of `version` leaves it after a crash: `events` stored events
 * (committed with that version's check), a cached stats entry, a count and a progress detail.
 */
async function storedRun(version: number, events: number) {
  const { row } = await migrations.insert({ id: randomUUID(), requestHash: 'test', spec: SPEC, modelVersion: version });
  created.push(row);
  expect((await migrations.markRunning(row.id))!.modelVersion).toBe(version);
  await faults.ensurePartition(row.key);
  const writer = faults.writer(row.key, { modelVersion: version });
  const sim = createSimulation(SPEC);
  for (let stored = 0; stored < events; ) {
    const batch = sim.next(Math.min(500, events - stored))!;
    await writer.write(batch);
    stored += batch.length;
  }
  expect(await writer.flush()).toBe(events);
  await writer.close();
  await cache.put(row.key, '{"planted":true}', { total: -1 } as never);
  const progress = sim.progress();
  await db.migration.update({ where: { id: row.id }, data: { eventCount: BigInt(events), progress: 0.5, progressDetail: { ...progress } } });
  return row;
}

const cachedQueries = async (key: number) => (await db.faultStatsCache.findMany({ where: { migrationKey: key } })).length;

describe('adoptModelVersion', () => {
  it('discards the stored run of another version and records the new one', async () => {
    const row = await storedRun(OLD, 1200);
    expect(await migrations.adoptModelVersion(row.id, row.key, MODEL_VERSION)).toBe(OLD);
    const after = (await migrations.find(row.id))!;
    expect(after).toMatchObject({ modelVersion: MODEL_VERSION, eventCount: 0n, progress: 0, progressDetail: null, summary: null, status: 'running' });
    expect(await faults.resumePoint(row.key)).toBe(0);
    expect(await cachedQueries(row.key)).toBe(0);
    // Already that version: nothing happens (a second worker of the same version keeps the first's events).
    const writer = faults.writer(row.key, { modelVersion: MODEL_VERSION });
    await writer.write(createSimulation(SPEC).next(300)!);
    await writer.flush();
    await writer.close();
    expect(await migrations.adoptModelVersion(row.id, row.key, MODEL_VERSION)).toBeNull();
    expect(await faults.resumePoint(row.key)).toBe(300);
  });

  it('is all or nothing: a failure at its last step leaves the old version with all its events', async () => {
    const row = await storedRun(OLD, 800);
    // A real failure inside the transaction after the TRUNCATE and the cache delete: a trigger that
    // refuses this row's update (the step that records the version).
    const trigger = `refuse_${row.key}`;
    await pool.query(`CREATE FUNCTION ${trigger}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$`);
    await pool.query(`CREATE TRIGGER ${trigger} BEFORE UPDATE ON migrations FOR EACH ROW WHEN (OLD.key = ${row.key}) EXECUTE FUNCTION ${trigger}()`);
    try {
      await expect(migrations.adoptModelVersion(row.id, row.key, MODEL_VERSION)).rejects.toThrow(/injected failure/);
    } finally {
      await pool.query(`DROP TRIGGER ${trigger} ON migrations`);
      await pool.query(`DROP FUNCTION ${trigger}()`);
    }
    expect((await migrations.find(row.id))!).toMatchObject({ modelVersion: OLD, eventCount: 800n });
    expect(await faults.resumePoint(row.key)).toBe(800);
    expect(await cachedQueries(row.key)).toBe(1);
  });
});

describe('a writer of another version than the row records', () => {
  it('is refused, and stores nothing', async () => {
    const row = await storedRun(MODEL_VERSION, 400);
    const stale = faults.writer(row.key, { modelVersion: OLD });
    const sim = createSimulation(SPEC);
    sim.next(400);
    await stale.write(sim.next(200)!);
    await expect(stale.flush()).rejects.toMatchObject({ code: MODEL_VERSION_CHANGED });
    await stale.close();
    expect(await faults.resumePoint(row.key)).toBe(400);
  });

  it('racing a version change: its open COPY is emptied by the change, and its next COPY is refused', async () => {
    // A stale job copy of the old version is still writing when a new worker takes the migration over.
    const row = await storedRun(OLD, 500);
    const sim = createSimulation(SPEC);
    sim.next(500);
    const stale = faults.writer(row.key, { modelVersion: OLD, commitIntervalMs: 60_000 });
    await stale.write(sim.next(300)!); // an open COPY transaction, not committed yet
    await new Promise((r) => setTimeout(r, 200)); // let the guard and the COPY reach the server

    let adopted: number | null | undefined;
    const adopting = migrations.adoptModelVersion(row.id, row.key, MODEL_VERSION).then((v) => (adopted = v));
    await new Promise((r) => setTimeout(r, 500));
    expect(adopted, 'the version change waits for the COPY in flight').toBeUndefined();

    expect(await stale.flush()).toBe(300); // committed: 800 events of the old version now...
    await adopting;
    expect(adopted).toBe(OLD);
    expect(await faults.resumePoint(row.key)).toBe(0); // ...all discarded by the change

    await stale.write(sim.next(300)!);
    await expect(stale.flush()).rejects.toMatchObject({ code: MODEL_VERSION_CHANGED });
    await stale.close();
    expect(await faults.resumePoint(row.key)).toBe(0);
    expect((await migrations.find(row.id))!.modelVersion).toBe(MODEL_VERSION);
  });

  it('cannot record its summary', async () => {
    const row = await storedRun(MODEL_VERSION, 100);
    const summary = fullResult();
    await migrations.finish(row.id, { status: 'succeeded', summary, modelVersion: OLD });
    expect((await migrations.find(row.id))!).toMatchObject({ status: 'running', summary: null });
    await migrations.finish(row.id, { status: 'succeeded', summary, modelVersion: MODEL_VERSION });
    expect((await migrations.find(row.id))!).toMatchObject({ status: 'succeeded', summary: JSON.parse(JSON.stringify(summary)) });
  });
});
