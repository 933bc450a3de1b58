// The dispatcher's reconciliation of Postgres with BullMQ, one case per state a job can be left in
// (issue 10, defect 2): the jobs are put in those states through BullMQ's own API (a worker that
// fetches jobs by hand, as https://docs.bullmq.io/patterns/manually-fetching-jobs does), on real
// Postgres and Redis; each pass is run directly instead of waiting for the timer.
import { randomUUID } from 'node:crypto';
import { Worker, type Job } from 'bullmq';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { EXAMPLE_SUBMISSION } from '../../src/routes/migrations.js';
import { migrationSpecSchema } from '../../src/sim/index.js';
import { experimentRequestSchema } from '../../src/experiments/plan.js';
import { MIGRATION_JOB_OPTIONS, QUEUE_NAMES, connectionOptions } from '../../src/queue/queues.js';
import { ownDatabase } from '../support/faults.js';
import { startStack, type Stack } from '../support/stack.js';

let stack: Stack;
let db: Awaited<ReturnType<typeof ownDatabase>>;
let fetcher: Worker;

beforeAll(async () => {
  db = await ownDatabase(); // a pass looks at every unfinished migration of the database
  stack = await startStack({ env: { DATABASE_URL: db.url } }); // no worker, no dispatcher timer
  fetcher = new Worker(QUEUE_NAMES.migrations, null, { connection: connectionOptions(stack.config.REDIS_URL, true), prefix: stack.config.QUEUE_PREFIX, autorun: false });
});
afterAll(async () => {
  await fetcher?.close();
  await stack?.close();
  await db?.drop();
});
beforeEach(async () => {
  // Each case alone: the earlier cases' migrations end (the database is this file's own) and their
  // jobs go, so a pass sees only this case's migration and the fetcher takes only its job.
  await stack.container.pool.query(`UPDATE migrations SET status = 'cancelled', finished_at = now() WHERE status IN ('queued', 'running')`);
  await queue().obliterate({ force: true });
});

const queue = () => stack.container.ops.queues[0];
// Every unfinished migration, however recently written: idle for 0 ms would leave out a row written
// within the same millisecond (the cut-off is a JavaScript Date, milliseconds; updated_at has µs).
const pass = () => stack.container.service.dispatchPending(-1_000);
const row = async (id: string) => (await stack.container.migrations.find(id))!;
/** Submitted as POST /v1/migrations does (Postgres, then the queue). */
const submit = async (seed: number) => (await stack.container.service.submit(migrationSpecSchema.parse({ ...EXAMPLE_SUBMISSION, seed }))).migration;

/** A migration a worker started (running in Postgres) whose job is then left in `leave`'s state. */
async function startedMigration(seed: number, leave: (job: Job, token: string) => Promise<unknown>, jobOpts = {}): Promise<string> {
  const body = await submit(seed);
  // Re-added with the options the case needs (e.g. one attempt, so that a failure is final).
  await queue().remove(body.id);
  await queue().add('simulate', { migrationId: body.id }, { ...MIGRATION_JOB_OPTIONS, ...jobOpts, jobId: body.id });
  const token = randomUUID();
  const job = (await fetcher.getNextJob(token))!;
  expect(job.id).toBe(body.id);
  expect(await stack.container.migrations.markRunning(body.id)).not.toBeNull();
  await leave(job, token);
  return body.id;
}

it('a failed job: the migration ends failed with the job reason; then it can be deleted', async () => {
  const id = await startedMigration(1, (job, token) => job.moveToFailed(new Error('simulated worker error'), token), { attempts: 1 });
  expect(await queue().getJobState(id)).toBe('failed');
  expect(await pass()).toMatchObject({ failed: 1 });
  const r = await row(id);
  expect(r.status).toBe('failed');
  expect(r.error).toEqual({ title: 'Worker error', detail: 'simulated worker error' });
  expect(r.finishedAt).not.toBeNull();
  expect((await fetch(`${stack.baseUrl}/v1/migrations/${id}`, { method: 'DELETE' })).status).toBe(204);
});

it('a job failed because Postgres was unreachable: queued again, not failed', async () => {
  const id = await startedMigration(2, (job, token) => job.moveToFailed(new Error('connect ECONNREFUSED 127.0.0.1:5432'), token), { attempts: 1 });
  expect(await pass()).toMatchObject({ queued: 1, failed: 0 });
  expect((await row(id)).status).toBe('running');
  expect(await queue().getJobState(id)).toBe('waiting');
  expect((await queue().getJob(id))!.attemptsMade).toBe(0); // a fresh job: its attempts are its own
});

it('a missing job (Redis lost it): queued again', async () => {
  // Its worker died and Redis restarted without persistence: the queue holds nothing any more.
  const id = await startedMigration(3, () => queue().obliterate({ force: true }));
  expect(await pass()).toMatchObject({ queued: 1 });
  expect(await queue().getJobState(id)).toBe('waiting');
  expect((await row(id)).status).toBe('running');
});

it('a job completed while its migration did not end: queued again', async () => {
  const id = await startedMigration(4, (job, token) => job.moveToCompleted({ outcome: 'skipped' }, token, false));
  expect(await queue().getJobState(id)).toBe('completed');
  expect(await pass()).toMatchObject({ queued: 1 });
  expect(await queue().getJobState(id)).toBe('waiting');
});

it('a migration that ends while a pass looks at it (its row read, then its job completed) is left as it ended', async () => {
  let finish: () => Promise<unknown> = async () => undefined;
  const id = await startedMigration(6, async (job, token) => {
    // Its worker's last steps, in their order: the end stored, then the job completed.
    finish = async () => {
      await stack.container.pool.query(`UPDATE migrations SET status = 'succeeded', finished_at = now() WHERE id = $1`, [id]);
      await job.moveToCompleted({ outcome: 'succeeded' }, token, false);
    };
  });
  // The pass reads the row (running), then the worker finishes before the pass asks Redis about the job.
  const repo = stack.container.migrations;
  const read = repo.findUndispatched.bind(repo);
  repo.findUndispatched = async (...args) => {
    const rows = await read(...args);
    repo.findUndispatched = read;
    await finish();
    return rows;
  };
  try {
    expect(await pass()).toEqual({ queued: 0, failed: 0, cancelled: 0 });
  } finally {
    repo.findUndispatched = read;
  }
  expect((await row(id)).status).toBe('succeeded');
  // Its completed job is kept (not removed, no new job added to run it again).
  expect(await queue().getJobState(id)).toBe('completed');
  expect((await queue().getJob(id))!.returnvalue).toEqual({ outcome: 'succeeded' });
});

it("a batch's run whose end was lost after its job completed: queued on its own; the batch's job stays for the runs that ended", async () => {
  // Two small runs share a job named after the first (experiments/batches.ts).
  const plan = experimentRequestSchema.parse({ base: { ...EXAMPLE_SUBMISSION, seed: 8 }, seeds: 2 });
  const { experiment } = await stack.container.experimentService.submit(plan);
  const runs = (await stack.container.pool.query<{ id: string; job_id: string }>('SELECT id, job_id FROM migrations WHERE experiment_id = $1 ORDER BY run_index', [experiment.id])).rows;
  expect(runs.map((r) => r.job_id)).toEqual([runs[0].id, runs[0].id]);
  const token = randomUUID();
  const job = (await fetcher.getNextJob(token))!;
  expect(job.id).toBe(runs[0].id);
  // The first run's end is stored; the second's was lost (an asynchronous commit when Postgres
  // crashed), after the job completed.
  await stack.container.pool.query(`UPDATE migrations SET status = 'succeeded', finished_at = now() WHERE id = $1`, [runs[0].id]);
  await stack.container.pool.query(`UPDATE migrations SET status = 'running', started_at = now(), attempts = 1 WHERE id = $1`, [runs[1].id]);
  await job.moveToCompleted({ outcomes: {} }, token, false);
  expect(await pass()).toMatchObject({ queued: 1 });
  expect((await row(runs[1].id)).jobId).toBeNull();
  expect(await queue().getJobState(runs[1].id)).toBe('waiting');
  expect(await queue().getJobState(runs[0].id)).toBe('completed'); // the batch's job, as its first run ended with it
  expect((await row(runs[0].id)).jobId).toBe(runs[0].id);
});

it('a live job (waiting, delayed, or active under its lock) is left alone', async () => {
  const body = await submit(5);
  await stack.container.migrations.markRunning(body.id);
  const token = randomUUID();
  const job = (await fetcher.getNextJob(token))!; // active, locked
  expect(await pass()).toEqual({ queued: 0, failed: 0, cancelled: 0 });
  await job.moveToDelayed(Date.now() + 60_000, token);
  expect(await pass()).toEqual({ queued: 0, failed: 0, cancelled: 0 });
  expect((await row(body.id)).status).toBe('running');
  expect(await queue().getJobState(body.id)).toBe('delayed');
});

it('a cancel requested on a migration whose job failed: it ends cancelled', async () => {
  const id = await startedMigration(6, (job, token) => job.moveToFailed(new Error('simulated worker error'), token), { attempts: 1 });
  await stack.container.migrations.requestCancel(id);
  expect(await pass()).toMatchObject({ cancelled: 1 });
  expect((await row(id)).status).toBe('cancelled');
});

it('POST cancel on a running migration whose job failed ends it cancelled at once (no pass needed), then DELETE works', async () => {
  const id = await startedMigration(8, (job, token) => job.moveToFailed(new Error('job stalled more than allowable limit'), token), { attempts: 1 });
  const res = await fetch(`${stack.baseUrl}/v1/migrations/${id}/cancel`, { method: 'POST' });
  expect(res.status).toBe(202);
  expect(((await res.json()) as { status: string }).status).toBe('cancelled');
  expect((await row(id)).status).toBe('cancelled');
  expect((await fetch(`${stack.baseUrl}/v1/migrations/${id}`, { method: 'DELETE' })).status).toBe(204);
});

it('a migration started too many times is not queued again for ever: it ends failed', async () => {
  const id = await startedMigration(7, (job, token) => job.moveToCompleted({ outcome: 'skipped' }, token, false));
  await stack.container.pool.query('UPDATE migrations SET attempts = 20 WHERE id = $1', [id]);
  expect(await pass()).toMatchObject({ failed: 1, queued: 0 });
  const r = await row(id);
  expect(r.status).toBe('failed');
  expect((r.error as { detail: string }).detail).toMatch(/started 20 times/);
});
