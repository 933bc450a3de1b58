// Fault injection on experiments (issue 12, "a worker killed mid-experiment"): a worker process killed
// with SIGKILL while it runs an experiment's runs, and Redis losing an experiment's flow. The API
// (with the dispatcher) runs in the test process; workers are real `npm run worker` processes. Every
// run must end succeeded exactly once, with the summary the simulator gives the same spec in-process.
import { once } from 'node:events';
import { Redis } from 'ioredis';
import { beforeAll, describe, expect, it } from 'vitest';
import { experimentRequestSchema } from '../../src/experiments/plan.js';
import { runInProcess } from '../../src/experiments/in-process.js';
import type { MigrationResult } from '../../src/sim/index.js';
import { dispatcherStack } from '../support/dispatcher-stack.js';
import { exited, until } from '../support/processes.js';

/**
 * 12 runs: 6 of 16 GiB VMs (64 vCPUs, ~130k fault events, ~0.2 s of simulation or more) and 6 of 4 GiB,
 * in 7 jobs (experiments/batches.ts: 2 + 2 + 1 + 2 + 2 + 2 + 1 runs, the last batches shrinking).
 */
const REQUEST = {
  label: 'killed mid-way',
  base: { seed: 5, vm: { arch: 'x86_64', memoryMiB: 16384, vcpus: 64 }, workload: { pattern: 'uniform' }, strategy: { mechanism: 'uffd_missing' }, network: { bandwidthGbps: 25, rttUs: 50 } },
  axes: [{ path: 'vm.memoryMiB', values: [16384, 4096] }],
  seeds: 6,
};
const RUNS = 12;

const session = dispatcherStack(2500);
const worker = () => session.worker({ WORKER_CONCURRENCY: '2' });
/** The summaries of the same specs simulated in this process, by run index. */
const expected = new Map<number, MigrationResult>();

beforeAll(() => {
  runInProcess(experimentRequestSchema.parse(REQUEST), (index, summary) => expected.set(index, JSON.parse(JSON.stringify(summary)) as MigrationResult));
});

/** Migration ids of the runs this worker's log shows it started and did not finish. */
function inHand(child: ReturnType<typeof worker>): Set<string> {
  const started = new Set<string>();
  for (const line of child.output().split('\n')) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as { msg?: string; migrationId?: string };
    if (entry.msg === 'migration started') started.add(entry.migrationId!);
    if (entry.msg === 'migration job done') started.delete(entry.migrationId!);
  }
  return started;
}

async function submit(): Promise<string> {
  const res = await session.stack.api.request('POST', '/v1/experiments', { json: REQUEST });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return (res.body as { id: string }).id;
}

const experiment = (id: string) => session.stack.container.experiments.find(id);
const ended = (id: string) =>
  until(async () => {
    const e = await experiment(id);
    return e && ['succeeded', 'failed', 'cancelled'].includes(e.status) ? e : undefined;
  }, 50_000, `experiment ${id} to end`);

/** Every run of the plan exists once, succeeded, with the summary of the in-process simulation. */
async function expectEveryRunOnce(id: string) {
  const { rows } = await session.stack.container.pool.query<{ id: string; run_index: number; status: string; summary: unknown; attempts: number }>(
    'SELECT id, run_index, status, summary, attempts FROM migrations WHERE experiment_id = $1 ORDER BY run_index',
    [id],
  );
  expect(rows.map((r) => r.run_index)).toEqual([...Array(RUNS).keys()]);
  for (const r of rows) {
    expect(r.status).toBe('succeeded');
    expect(r.summary).toEqual(expected.get(r.run_index));
  }
  const progress = await session.stack.container.experimentService.progress(id);
  expect(progress).toMatchObject({ total: RUNS, done: RUNS, byStatus: { succeeded: RUNS } });
  return rows;
}

describe('a worker killed mid-experiment', () => {
  it('the other worker finishes its runs: the experiment succeeds, every run once, as simulated in-process', async () => {
    const victim = worker();
    const survivor = worker();
    const id = await submit();
    // Killed while others have ended and it holds a run far from its end: a run of its own job
    // marked running whose progress (written every 250 ms; 0 until then) is below 0.8, or a short
    // run of a batch, which stays queued while it simulates (recorded once, at its end).
    await until(
      async () => {
        const progress = await session.stack.container.experimentService.progress(id);
        if (progress.done < 2 || progress.done > RUNS - 4) return false;
        const { rows } = await session.stack.container.pool.query(
          "SELECT id FROM migrations WHERE id = ANY($1) AND ((status = 'running' AND progress < 0.8) OR status = 'queued')",
          [[...inHand(victim)]],
        );
        return rows.length > 0;
      },
      40_000,
      'the victim to hold a run mid-way, mid-experiment',
    );
    victim.kill('SIGKILL');
    await exited(victim);
    if (!victim.stdout!.readableEnded) await once(victim.stdout!, 'end');
    const { rows: atKill } = await session.stack.container.pool.query<{ id: string; status: string }>(
      "SELECT id, status FROM migrations WHERE experiment_id = $1 AND status IN ('queued', 'running')",
      [id],
    );
    const running = new Set(atKill.filter((r) => r.status === 'running').map((r) => r.id));
    const unfinished = new Set(atKill.map((r) => r.id));
    // What the victim had started and not finished, unless its result was stored just before the kill.
    const cutOff = [...inHand(victim)].filter((m) => unfinished.has(m));
    expect(cutOff.length).toBeGreaterThan(0);

    const done = await ended(id);
    expect(done.status, survivor.output()).toBe('succeeded');
    const rows = await expectEveryRunOnce(id);
    // The runs the kill cut off were run again by the survivor (once their lock expired): a second
    // start for those marked running; a batch's short runs, never marked running, start as if first.
    const again = rows.filter((r) => r.attempts !== 1);
    for (const r of again) expect(r.attempts === 2 && running.has(r.id), `${r.id}: ${r.attempts} attempts\n${survivor.output()}`).toBe(true);
    expect(again.map((r) => r.id).sort()).toEqual(expect.arrayContaining(cutOff.filter((m) => running.has(m))));
    // Per job the victim held (its concurrency, 2): the run in progress and, in a batch, the one
    // before it if it had been marked running. A batch's short runs whose ends were not stored yet
    // were never marked running: they run again as a first start.
    expect(again.length).toBeLessThanOrEqual(4);
    expect(survivor.exitCode, survivor.output()).toBeNull();

    // The table the API answers is the one built from the in-process run of the same plan.
    const results = (await session.stack.api.request('GET', `/v1/experiments/${id}`)).body as { results: { runs: Array<{ index: number; metrics: unknown }> } };
    const reference = runInProcess(experimentRequestSchema.parse(REQUEST));
    expect(results.results.runs.map((r) => r.metrics)).toEqual(reference.runs.map((r) => r.metrics));
  });
});

describe('Redis loses the flow', () => {
  it('the dispatcher queues the runs again and ends the experiment', async () => {
    // Accepted and queued with no worker running, then every key of the queues is lost (a Redis
    // restart without persistence): neither the parent job nor any run's job exists any more.
    const id = await submit();
    expect((await experiment(id))!.enqueuedAt).not.toBeNull();
    const jobsOf = async () =>
      (await session.stack.container.pool.query<{ job: string }>('SELECT COALESCE(job_id, id::text) AS job FROM migrations WHERE experiment_id = $1 ORDER BY run_index', [id])).rows.map((r) => r.job);
    // 5 batches of 2 runs and 2 jobs of one.
    const batched = await jobsOf();
    expect(new Set(batched).size).toBe(7);
    const [migrationsQueue, experimentsQueue] = session.stack.container.ops.queues;
    expect(await migrationsQueue.getJobCountByTypes('wait', 'waiting-children', 'prioritized')).toBe(7);
    const redis = new Redis(session.stack.config.REDIS_URL);
    try {
      const keys = await redis.keys(`${session.stack.config.QUEUE_PREFIX}:*`);
      expect(keys.length).toBeGreaterThan(0);
      await redis.del(...keys);
    } finally {
      redis.disconnect();
    }
    expect(await experimentsQueue.getJob(id)).toBeUndefined();
    expect(await migrationsQueue.getJobCountByTypes('wait', 'waiting-children', 'prioritized')).toBe(0);

    worker();
    const done = await ended(id);
    expect(done.status).toBe('succeeded');
    const rows = await expectEveryRunOnce(id);
    for (const r of rows) expect(r.attempts).toBe(1);
    // The reconciliation queued each run on its own (job id = its id): the batches' jobs were gone.
    expect(await jobsOf()).toEqual(rows.map((r) => r.id));
    // Ended by the dispatcher (ExperimentService.dispatchPending): no parent job was ever queued again.
    expect(await experimentsQueue.getJob(id)).toBeUndefined();
  });
});
