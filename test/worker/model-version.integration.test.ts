// The simulator's model version on stored migrations, through the real service: the API reports
// it, and the real BullMQ worker resumes a stored prefix only when that prefix was written by its
// own model version; otherwise it discards it and re-runs from seq 0.
//
// An interrupted run is set up as test/worker/crash-recovery.integration.test.ts leaves one (a
// running row with a committed prefix of events), but written here directly so the row can claim
// another model version, as if an older worker had written it before an upgrade. Some stored rows
// are deliberately altered: after the job, their presence proves the prefix was kept (resumed),
// their absence that it was discarded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulation, migrationSpecSchema, MODEL_VERSION } from '../../src/sim/index.js';
import { partitionName } from '../../src/db/fault-events-repo.js';
import type { Migration } from '../support/api-client.js';
import { startStack, type Stack } from '../support/stack.js';
import { captureJsonLogs } from '../support/logs.js';

const SUBMISSION = {
  seed: 9,
  vm: { arch: 'x86_64', memoryMiB: 4096, vcpus: 48 },
  workload: { pattern: 'uniform' },
  strategy: { mechanism: 'uffd_missing', handlerThreads: 2 },
  network: { bandwidthGbps: 10, rttUs: 50 },
} as const; // ~15k fault events (model version 6): a prefix of 5000 ends mid-run
const PREFIX = 5000;
/** Stored rows the tests alter (gfn shifted): every 97th of the prefix. */
const ALTERED = (seq: number) => seq < PREFIX && seq % 97 === 0;
const OLD = MODEL_VERSION - 1;

const { stream: logStream, lines: logLines } = captureJsonLogs();
let stack: Stack;

beforeAll(async () => {
  // No worker yet: the interrupted runs are set up before one takes the jobs. A commit every 2000
  // events, so the worker's runs span several COPY transactions (each checking the version).
  stack = await startStack({ env: { LOG_LEVEL: 'info', EVENT_BATCH_SIZE: '2000', EVENT_COMMIT_ROWS: '2000' }, logStream });
});
afterAll(() => stack?.close());

const logsOf = (id: string) => logLines.filter((l) => l.migrationId === id).map((l) => l.msg);

/** The NDJSON export as bytes: what a client downloads. */
async function exportBytes(id: string): Promise<Buffer> {
  const res = await fetch(`${stack.baseUrl}/v1/migrations/${id}/faults/export`);
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

/**
 * What a worker of `version` leaves when it dies mid-run: the row running (attempt 1) and saying
 * `version`, the first PREFIX events committed, the ALTERED ones changed so that kept rows can be
 * told apart from re-simulated ones, and a cached stats entry standing for anything else derived
 * from those events.
 */
async function interruptedRun(id: string, version: number) {
  const { migrations, faults, pool } = stack.container;
  const row = (await migrations.markRunning(id))!;
  await pool.query(`UPDATE migrations SET model_version = $2 WHERE id = $1`, [id, version]);
  await faults.ensurePartition(row.key);
  const writer = faults.writer(row.key, { modelVersion: version, commitRows: 1000 });
  const sim = createSimulation(migrationSpecSchema.parse(row.spec));
  for (let stored = 0; stored < PREFIX; ) {
    const batch = sim.next(Math.min(1000, PREFIX - stored))!;
    await writer.write(batch);
    stored += batch.length;
  }
  expect(await writer.flush()).toBe(PREFIX);
  await writer.close();
  const altered = await pool.query(`UPDATE ${partitionName(row.key)} SET gfn = gfn + 1000000 WHERE seq < $1 AND seq % 97 = 0`, [PREFIX]);
  expect(altered.rowCount).toBe(Math.ceil(PREFIX / 97));
  await pool.query(`UPDATE migrations SET event_count = $2, progress = 0.4 WHERE id = $1`, [id, PREFIX]);
  await pool.query(`INSERT INTO fault_stats_cache (migration_key, query, stats) VALUES ($1, 'left by the old run', '{"total": -1}')`, [row.key]);
  return row;
}

it('a new migration records the model version the service runs; /healthz reports it', async () => {
  const health = await stack.api.get('/healthz');
  expect(health.body).toEqual({ status: 'ok', modelVersion: MODEL_VERSION, version: expect.any(String) });

  const submitted = await stack.api.post<Migration>('/v1/migrations', SUBMISSION);
  expect(submitted.status).toBe(202);
  expect(submitted.body.modelVersion).toBe(MODEL_VERSION);
  expect((await stack.api.get<Migration>(`/v1/migrations/${submitted.body.id}`)).body.modelVersion).toBe(MODEL_VERSION);
  const listed = await stack.api.get<{ items: Migration[] }>('/v1/migrations?limit=200');
  expect(listed.body.items.find((m) => m.id === submitted.body.id)?.modelVersion).toBe(MODEL_VERSION);
  const { rows } = await stack.container.pool.query(`SELECT model_version FROM migrations WHERE id = $1`, [submitted.body.id]);
  expect(rows).toEqual([{ model_version: MODEL_VERSION }]);
  await stack.api.post(`/v1/migrations/${submitted.body.id}/cancel`); // no worker needs to run it
});

describe('a retried job', () => {
  let clean: Migration;
  let cleanExport: Buffer;
  let otherVersion: Migration;
  let otherKey: number;
  let sameVersion: Migration;

  beforeAll(async () => {
    const submit = async () => (await stack.api.post<Migration>('/v1/migrations', SUBMISSION)).body;
    const [c, o, s] = [await submit(), await submit(), await submit()];
    otherKey = (await interruptedRun(o.id, OLD)).key;
    await interruptedRun(s.id, MODEL_VERSION);

    stack.startWorker();
    clean = await stack.api.waitFor(c.id, ['succeeded', 'failed', 'cancelled'], 90_000);
    otherVersion = await stack.api.waitFor(o.id, ['succeeded', 'failed', 'cancelled'], 90_000);
    sameVersion = await stack.api.waitFor(s.id, ['succeeded', 'failed', 'cancelled'], 90_000);
    expect([clean.status, otherVersion.status, sameVersion.status]).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(clean.eventCount).toBeGreaterThan(PREFIX * 2);
    expect(clean.modelVersion).toBe(MODEL_VERSION);
    cleanExport = await exportBytes(clean.id);
  }, 200_000);

  it('of another model version discards the stored events and re-runs from seq 0: the events of a clean run, byte for byte', async () => {
    expect(otherVersion.modelVersion).toBe(MODEL_VERSION);
    expect(otherVersion.attempts).toBe(2);
    expect(otherVersion.eventCount).toBe(clean.eventCount);
    expect(otherVersion.summary).toEqual(clean.summary);
    // The altered rows are gone: every event was written again by this version's simulator.
    expect((await exportBytes(otherVersion.id)).equals(cleanExport)).toBe(true);
    // The old run's cached stats went with its events.
    const cached = await stack.container.pool.query(`SELECT query FROM fault_stats_cache WHERE migration_key = $1`, [otherKey]);
    expect(cached.rows).toEqual([]);

    const logs = logLines.filter((l) => l.migrationId === otherVersion.id);
    expect(logs).toContainEqual(
      expect.objectContaining({ msg: expect.stringContaining('model version changed'), previousModelVersion: OLD, modelVersion: MODEL_VERSION }),
    );
    expect(logsOf(otherVersion.id)).not.toContain('resuming after stored fault events');
  });

  it('of the same model version resumes after the stored prefix without writing it again', async () => {
    expect(sameVersion.modelVersion).toBe(MODEL_VERSION);
    expect(sameVersion.attempts).toBe(2);
    expect(sameVersion.eventCount).toBe(clean.eventCount);
    expect(sameVersion.summary).toEqual(clean.summary);
    expect(logLines).toContainEqual(expect.objectContaining({ migrationId: sameVersion.id, msg: 'resuming after stored fault events', resumeAt: PREFIX }));
    expect(logsOf(sameVersion.id).some((m) => String(m).includes('model version changed'))).toBe(false);

    // Every event equals the clean run's, except the altered ones of the prefix, which were kept.
    const resumed = (await exportBytes(sameVersion.id)).toString().split('\n');
    const reference = cleanExport.toString().split('\n');
    expect(resumed).toHaveLength(reference.length);
    const differing = resumed.flatMap((line, seq) => (line === reference[seq] ? [] : [seq]));
    expect(differing).toEqual(reference.slice(0, -1).flatMap((_, seq) => (ALTERED(seq) ? [seq] : [])));
  });
});
