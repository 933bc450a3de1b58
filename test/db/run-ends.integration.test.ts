// MigrationsRepo.finishMany, against the real Postgres: a batch's run ends recorded in one statement,
// among them runs that were never marked running (RunEnd.claim). The worker's use of it is covered by
// the experiment tests (test/api/experiments, test/faults/experiment-faults).
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrationSpecSchema, MODEL_VERSION } from '../../src/sim/index.js';
import { createDb, type Db } from '../../src/db/client.js';
import { MigrationsRepo } from '../../src/db/migrations-repo.js';

const SPEC = migrationSpecSchema.parse({ seed: 1, vm: { memoryMiB: 64, vcpus: 1 } });

let db: Db;
let pool: pg.Pool;
let migrations: MigrationsRepo;
const created: string[] = [];

beforeAll(() => {
  db = createDb(inject('databaseUrl'));
  pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 4 });
  migrations = new MigrationsRepo(db, pool);
});
// Rows of the run's shared database: removed, so that no dispatcher of another test file queues them.
afterAll(async () => {
  for (const id of created) await migrations.delete(id);
  await Promise.all([db?.$disconnect(), pool?.end()]);
});

async function queued() {
  const { row } = await migrations.insert({ id: randomUUID(), requestHash: 'test', spec: SPEC });
  created.push(row.id);
  return row.id;
}

const summaryOf = (n: number) => ({ outcome: 'completed', faults: n, nested: { pages: [n, n + 1] } });
const end = (n: number) => ({ status: 'succeeded' as const, summary: summaryOf(n), eventCount: 0, progress: 1, detail: { pagesPresent: n }, modelVersion: MODEL_VERSION });

describe('finishMany', () => {
  it('records every end in one call; a claimed end counts the start and dates it by the worker-measured durations', async () => {
    const [a, b, running] = [await queued(), await queued(), await queued()];
    await migrations.markRunning(running);
    const before = (await migrations.find(running))!;
    const updated = await migrations.finishMany([
      { id: a, ...end(1), endedAgoMs: 1000, claim: { startedAgoMs: 3000 } },
      { id: b, ...end(2), endedAgoMs: 0, claim: { startedAgoMs: 500 } },
      { id: running, ...end(3), endedAgoMs: 200 },
    ]);
    expect(updated.sort()).toEqual([a, b, running].sort());
    const rows = await Promise.all([a, b, running].map(async (id) => (await migrations.find(id))!));
    for (const [i, row] of rows.entries()) {
      expect(row.status).toBe('succeeded');
      expect(row.summary).toEqual(summaryOf(i + 1));
      expect(row.progressDetail).toEqual({ pagesPresent: i + 1 });
      expect(row.attempts).toBe(1); // the claimed ones: their start; the running one: its markRunning
    }
    const [ra, rb, rr] = rows;
    // Postgres's clock, the worker's durations: a ran 2 s and ended 1 s before the write.
    expect(ra.finishedAt!.getTime() - ra.startedAt!.getTime()).toBeCloseTo(2000, -1);
    expect(rb.finishedAt!.getTime() - rb.startedAt!.getTime()).toBeCloseTo(500, -1);
    expect(rb.finishedAt!.getTime() - ra.finishedAt!.getTime()).toBeCloseTo(1000, -1);
    expect(rr.startedAt).toEqual(before.startedAt); // marked running: its start stays
    // A claimed run reached a worker, so its job was queued (what markRunning's caller records otherwise).
    expect(ra.enqueuedAt).not.toBeNull();
    expect(rb.finishedAt!.getTime() - rr.finishedAt!.getTime()).toBeCloseTo(200, -1);
  });

  it('a claimed end applies only to a run still queued: one cancelled or ended meanwhile keeps its state', async () => {
    const [cancelled, ended, fresh] = [await queued(), await queued(), await queued()];
    await migrations.requestCancel(cancelled);
    await migrations.finishMany([{ id: ended, ...end(7), claim: { startedAgoMs: 10 } }]);
    const claim = { startedAgoMs: 10 };
    const updated = await migrations.finishMany([
      { id: cancelled, ...end(8), claim },
      { id: ended, ...end(9), claim },
      { id: fresh, ...end(10), claim },
    ]);
    expect(updated).toEqual([fresh]);
    expect(await migrations.find(cancelled)).toMatchObject({ status: 'cancelled', summary: null, attempts: 0 });
    expect(await migrations.find(ended)).toMatchObject({ status: 'succeeded', summary: summaryOf(7), attempts: 1 });
  });

  it("findRuns reads a batch's rows as markRunning would return them, with status and cancel flag", async () => {
    const [queuedRun, cancelled, running] = [await queued(), await queued(), await queued()];
    await migrations.requestCancel(cancelled);
    const started = (await migrations.markRunning(running))!;
    const rows = await migrations.findRuns([queuedRun, cancelled, running, randomUUID()]);
    expect([...rows.keys()].sort()).toEqual([queuedRun, cancelled, running].sort());
    expect(rows.get(running)).toEqual({ ...started, status: 'running', cancelRequested: false });
    expect(rows.get(cancelled)).toMatchObject({ status: 'cancelled', cancelRequested: true, attempts: 0 });
    expect(rows.get(queuedRun)).toMatchObject({ status: 'queued', cancelRequested: false, attempts: 0, faultEvents: 'all', modelVersion: MODEL_VERSION, spec: SPEC });
  });

  it('a run marked running cannot be claimed; an end of another model version is refused', async () => {
    const [running, other] = [await queued(), await queued()];
    await migrations.markRunning(running);
    await migrations.markRunning(other);
    const updated = await migrations.finishMany([
      { id: running, ...end(1), claim: { startedAgoMs: 1 } },
      { id: other, ...end(2), modelVersion: MODEL_VERSION + 1 },
    ]);
    expect(updated).toEqual([]);
    for (const id of [running, other]) expect(await migrations.find(id)).toMatchObject({ status: 'running', attempts: 1 });
  });
});
