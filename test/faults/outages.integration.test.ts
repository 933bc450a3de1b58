// Fault injection on the services (issue 10, defect 2b): Redis killed and restarted empty, and
// Postgres stopped immediately (every connection dropped, as in a crash or failover) and restarted,
// while migrations run and wait. Both are PRIVATE servers started by the test on free ports (the
// machine's shared Postgres and Redis are never stopped). Every accepted migration must end, and
// end succeeded: both outages are transient, so none may use up its attempts or be failed.
import type { ChildProcess } from 'node:child_process';
import { Queue } from 'bullmq';
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { EXAMPLE_SUBMISSION } from '../../src/routes/migrations.js';
import { connectionOptions, QUEUE_NAMES } from '../../src/queue/queues.js';
import { ownDatabase, startPrivatePostgres, startPrivateRedis } from '../support/faults.js';
import { freePort } from '../support/global-setup.js';
import { exited, spawnService, until } from '../support/processes.js';
import { experimentRequestSchema } from '../../src/experiments/plan.js';
import { runInProcess } from '../../src/experiments/in-process.js';
import { batchRuns } from '../../src/experiments/batches.js';

/** ~33k fault events each (model version 4), committed every 2000: long enough to be cut off half-way. */
const spec = (seed: number) => ({ ...EXAMPLE_SUBMISSION, seed, vm: { arch: 'x86_64', memoryMiB: 16384, vcpus: 16 }, workload: { pattern: 'uniform' } });

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

/** The API (with its dispatcher) and one worker as real processes, short intervals everywhere. */
async function service(env: Record<string, string>) {
  const port = await freePort();
  const common = {
    QUEUE_PREFIX: `pcl-faults-${port}`,
    WORKER_LOCK_MS: '2000',
    WORKER_STALLED_CHECK_MS: '1000',
    WORKER_DB_RETRY_MS: '500',
    DISPATCH_INTERVAL_MS: '300',
    RECONCILE_AFTER_MS: '2500',
    EVENT_BATCH_SIZE: '2000',
    EVENT_COMMIT_ROWS: '2000',
    ...env,
  };
  const procs: ChildProcess[] = [];
  const stop = async () => {
    for (const p of procs) p.kill('SIGKILL');
    await Promise.all(procs.map((p) => exited(p)));
  };
  cleanups.push(stop);
  const api = spawnService(['--role=api'], { ...common, PORT: String(port) });
  const worker = spawnService(['--role=worker'], { ...common, WORKER_CONCURRENCY: '2' });
  procs.push(api, worker);
  const baseUrl = `http://127.0.0.1:${port}`;
  await until(async () => (await fetch(`${baseUrl}/healthz`)).ok, 60_000, 'the API to answer');
  return {
    api,
    worker,
    prefix: common.QUEUE_PREFIX,
    async submitExperiment(request: unknown): Promise<string> {
      const res = await fetch(`${baseUrl}/v1/experiments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
      expect(res.status, await res.clone().text()).toBe(202);
      return ((await res.json()) as { id: string }).id;
    },
    async submit(seed: number): Promise<string> {
      const res = await fetch(`${baseUrl}/v1/migrations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(spec(seed)) });
      expect(res.status, await res.clone().text()).toBe(202);
      return ((await res.json()) as { id: string }).id;
    },
  };
}

/** Reads Postgres on a fresh connection each time: the test's own view survives the outage. */
async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Every migration succeeded, with exactly its events seq 0..total-1, once each. */
async function expectAllSucceeded(url: string, ids: string[]) {
  const ended = await until(
    async () => {
      const rows = await query<{ id: string; status: string }>(url, `SELECT id, status FROM migrations WHERE id = ANY($1)`, [ids]);
      return rows.length === ids.length && rows.every((r) => ['succeeded', 'failed', 'cancelled'].includes(r.status)) ? rows : undefined;
    },
    120_000,
    'every migration to end',
  );
  expect(ended.map((r) => r.status)).toEqual(ids.map(() => 'succeeded'));
  for (const id of ids) {
    const [r] = await query<{ total: number; event_count: number; n: number; distinct_seqs: number; hi: number }>(
      url,
      `SELECT (m.summary->'faults'->>'total')::int AS total, m.event_count::int AS event_count,
              count(f.seq)::int AS n, count(DISTINCT f.seq)::int AS distinct_seqs, COALESCE(max(f.seq), -1)::int AS hi
         FROM migrations m LEFT JOIN fault_events f ON f.migration_key = m.key
        WHERE m.id = $1 GROUP BY m.id`,
      [id],
    );
    expect(r).toEqual({ total: r.total, event_count: r.total, n: r.total, distinct_seqs: r.total, hi: r.total - 1 });
  }
}

it('Redis killed (restarting empty) while migrations run and wait: all of them end succeeded', async () => {
  const redis = await startPrivateRedis();
  cleanups.push(() => redis.close());
  const db = await ownDatabase();
  cleanups.push(() => db.drop());
  const svc = await service({ DATABASE_URL: db.url, REDIS_URL: redis.url });

  const ids = [await svc.submit(61), await svc.submit(62), await svc.submit(63)];
  await until(async () => (await query<{ n: number }>(db.url, 'SELECT count(*)::int AS n FROM fault_events'))[0].n > 4000, 60_000, 'events to be stored');
  await redis.kill(); // no persistence: every job and lock is gone
  ids.push(await svc.submit(64)); // accepted while Redis is down (Postgres first; the outbox queues it)
  await new Promise((r) => setTimeout(r, 3_000));
  await redis.start();

  // The dispatcher finds unfinished migrations without a job and queues them again; the runs
  // resume after their stored events.
  await expectAllSucceeded(db.url, ids);
  expect(svc.worker.exitCode, svc.worker.output()).toBeNull();
  expect(svc.api.exitCode, svc.api.output()).toBeNull();
});

/**
 * The service on a private Postgres (the test stops it), with the machine's Redis under a queue
 * prefix of the test's own (Redis is not the fault here), and that queue to read the jobs' attempts.
 */
async function onPrivatePostgres() {
  const server = await startPrivatePostgres();
  cleanups.push(() => server.close());
  const db = await ownDatabase(server.serverUrl);
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const svc = await service({ DATABASE_URL: db.url, REDIS_URL: redisUrl });
  const queue = new Queue(QUEUE_NAMES.migrations, { connection: connectionOptions(redisUrl, false), prefix: svc.prefix });
  cleanups.push(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
  });
  return { server, db, svc, queue };
}

it('Postgres stopped immediately and restarted while migrations run and wait: all end succeeded, no attempt used', async () => {
  const { server, db, svc, queue } = await onPrivatePostgres();

  // Two run (concurrency 2), two wait in the queue.
  const ids = [await svc.submit(71), await svc.submit(72), await svc.submit(73), await svc.submit(74)];
  await until(async () => (await query<{ n: number }>(db.url, 'SELECT count(*)::int AS n FROM fault_events'))[0].n > 4000, 60_000, 'events to be stored');
  await server.stopImmediately();
  // Longer than the retry delay many times over: before, each retry used an attempt.
  await new Promise((r) => setTimeout(r, 6_000));
  await server.start();

  await expectAllSucceeded(db.url, ids);
  expect(svc.worker.output()).toContain('database unavailable: job put back in the queue without using an attempt');
  // Every job succeeded on its first counted attempt: the outage used none.
  for (const id of ids) expect((await queue.getJob(id))?.attemptsMade, id).toBe(1);
  expect(svc.worker.exitCode, svc.worker.output()).toBeNull();
});

it('Postgres stopped immediately and restarted while an experiment\'s batches run: every run ends succeeded once, as simulated in-process, no attempt used', async () => {
  const { server, db, svc, queue } = await onPrivatePostgres();
  // 24 runs of 16 GiB, ~60 ms each or more, in jobs of 2 runs and then 1 (experiments/batches.ts): a
  // batch's result stores run while its next run simulates, so the outage finds starts, stores and
  // runs. 12 runs of 8 GiB left ~0.4 s between the first end and the last: a late poll under load could miss it.
  const request = { base: { ...spec(81), vm: { arch: 'x86_64', memoryMiB: 16384, vcpus: 16 } }, seeds: 24 };
  const expected: unknown[] = [];
  const plan = experimentRequestSchema.parse(request);
  runInProcess(plan, (index, summary) => (expected[index] = JSON.parse(JSON.stringify(summary))));
  const id = await svc.submitExperiment(request);
  const runs = () => query<{ id: string; job: string; status: string; summary: unknown; run_index: number }>(db.url, 'SELECT id, COALESCE(job_id, id::text) AS job, status, summary, run_index FROM migrations WHERE experiment_id = $1 ORDER BY run_index', [id]);
  await until(async () => (await runs()).some((r) => r.status === 'succeeded'), 60_000, 'a run to end');
  const before = await runs();
  await server.stopImmediately();
  await new Promise((r) => setTimeout(r, 4_000));
  await server.start();
  expect(before.filter((r) => r.status !== 'succeeded').length, 'runs left when Postgres stopped').toBeGreaterThan(2);
  expect(new Set(before.map((r) => r.job)).size).toBe(batchRuns(plan.runs, (r) => r.spec.vm.memoryMiB).length);

  const ended = await until(
    async () => {
      const [e] = await query<{ status: string }>(db.url, 'SELECT status FROM experiments WHERE id = $1', [id]);
      return e && ['succeeded', 'failed', 'cancelled'].includes(e.status) ? e : undefined;
    },
    120_000,
    'the experiment to end',
  );
  expect(ended.status).toBe('succeeded');
  const after = await runs();
  expect(after.map((r) => r.status)).toEqual(after.map(() => 'succeeded'));
  expect(after.map((r) => r.summary)).toEqual(expected);
  expect(svc.worker.output()).toContain('database unavailable');
  for (const job of new Set(after.map((r) => r.job))) expect((await queue.getJob(job))?.attemptsMade, job).toBe(1);
  expect(svc.worker.exitCode, svc.worker.output()).toBeNull();
});
