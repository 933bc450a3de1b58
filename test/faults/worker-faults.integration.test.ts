// Fault injection on worker processes (issue 10, defects 2a and 7): a worker killed with SIGKILL
// four times on one job, a cancel while no worker runs the job, and Ctrl-C during a run. The API
// (with the dispatcher, which reconciles Postgres with BullMQ) runs in the test process; workers
// are real `npm run worker` processes, killed as an operator or the OOM killer would.
import type { ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_SUBMISSION } from '../../src/routes/migrations.js';
import { jobStatus } from '../../src/queue/job-state.js';
import { migrationSpecSchema, type MigrationResult } from '../../src/sim/index.js';
import { dispatcherStack } from '../support/dispatcher-stack.js';
import { exited, until } from '../support/processes.js';

/**
 * ~130k fault events (model version 27) in small commits: every run is long enough to be killed
 * half-way, even when the test polls late under load (a run of ~16k events was once over between two polls).
 */
const LONG_RUN = { ...EXAMPLE_SUBMISSION, vm: { arch: 'x86_64', memoryMiB: 65536, vcpus: 16 }, workload: { pattern: 'uniform' } };

const session = dispatcherStack(1500);
/** A commit per batch: a killed run leaves part of its events stored. */
const worker = (env: Record<string, string> = {}) => session.worker({ EVENT_BATCH_SIZE: '2000', EVENT_COMMIT_ROWS: '2000', ...env });

async function kill(child: ChildProcess) {
  child.kill('SIGKILL');
  await exited(child);
}

const row = (id: string) => session.stack.container.migrations.find(id);
const stored = (id: string) => session.stack.container.faults.count(id);
/** Submitted as POST /v1/migrations does (Postgres, then the queue). */
const submit = async (seed: number) => (await session.stack.container.service.submit(migrationSpecSchema.parse({ ...LONG_RUN, seed }))).migration;
/** The row once it has ended (succeeded, failed or cancelled). */
const ended = (id: string, timeoutMs = 45_000) =>
  until(async () => {
    const r = await row(id);
    return r && ['succeeded', 'failed', 'cancelled'].includes(r.status) ? r : undefined;
  }, timeoutMs, `migration ${id} to end`);
const http = (method: 'POST' | 'DELETE', path: string) => fetch(`${session.stack.baseUrl}${path}`, { method });

/** The stored events are exactly seq 0..n-1, once each. */
async function expectPrefix(id: string, n: number) {
  const { rows } = await session.stack.container.pool.query(
    `SELECT count(*)::int AS n, count(DISTINCT seq)::int AS distinct_seqs, COALESCE(max(seq), -1)::int AS hi
       FROM fault_events WHERE migration_key = (SELECT key FROM migrations WHERE id = $1)`,
    [id],
  );
  expect(rows[0]).toEqual({ n, distinct_seqs: n, hi: n - 1 });
}

describe('a migration whose job no worker will finish', () => {
  it('ends failed with the reason after its worker is killed four times, and can then be deleted', async () => {
    const body = await submit(41);
    for (let kills = 1; kills <= 4; kills++) {
      const w = worker();
      // Killed once it runs the job: markRunning counts each start in `attempts`.
      await until(async () => ((await row(body.id))?.attempts ?? 0) >= kills && (await stored(body.id)) > 0, 45_000, `start #${kills}`);
      await kill(w);
    }
    const runsBefore = (await row(body.id))!.attempts;
    expect((await row(body.id))!.status).toBe('running');

    // A healthy worker's stalled check finds the job stalled a 4th time and BullMQ fails it
    // ("stalled more than allowable limit"); Postgres learns it only from the dispatcher.
    worker();
    const done = await ended(body.id);
    expect(done.status).toBe('failed');
    expect((done.error as { detail: string }).detail).toMatch(/stopped .* too many times.*stalled more than allowable limit/);
    expect(done.attempts).toBe(runsBefore); // not run again
    // The events of the committed prefix are kept and counted.
    expect(Number(done.eventCount)).toBe(await stored(body.id));
    await expectPrefix(body.id, Number(done.eventCount));

    expect((await http('DELETE', `/v1/migrations/${body.id}`)).status).toBe(204);
    expect(await row(body.id)).toBeNull();
  });

  it('cancel ends a running migration at once when no worker runs its job any more', async () => {
    const body = await submit(42);
    const w = worker();
    await until(async () => (await stored(body.id)) > 2000, 45_000, 'the worker to store events');
    await kill(w);
    // Its lock expires: the job is active in BullMQ, but no process runs it.
    await until(async () => (await jobStatus(session.stack.container.ops.queues[0], body.id)).kind === 'orphaned', 15_000, 'the lock to expire');

    const res = await http('POST', `/v1/migrations/${body.id}/cancel`);
    expect(res.status).toBe(202);
    const cancelled = (await res.json()) as { status: string; eventCount: number };
    expect(cancelled.status).toBe('cancelled'); // decided by the cancel itself, not later
    expect(cancelled.eventCount).toBe(await stored(body.id));
    await expectPrefix(body.id, cancelled.eventCount);
    expect((await http('DELETE', `/v1/migrations/${body.id}`)).status).toBe(204);
  });
});

describe('Ctrl-C during a run', () => {
  it('commits the running batch, hands the job back at once, and a restarted worker resumes it', async () => {
    // A lock of a minute: a job left locked by the stopped worker would wait that long (plus a
    // stalled check) before another worker could take it. Handing it back must not depend on it.
    const env = { WORKER_LOCK_MS: '60000', WORKER_STALLED_CHECK_MS: '30000' };
    const body = await submit(43);
    const first = worker(env);
    await until(async () => (await stored(body.id)) > 4000, 45_000, 'the first worker to store events');
    first.kill('SIGINT');
    expect(await exited(first, 15_000), first.output()).toBe(0);
    expect(first.output()).toContain('interrupted by shutdown: stored events committed');
    expect(first.output()).toContain('job handed back to the queue');

    // Back in the queue, unlocked, without an attempt used; Postgres still says running.
    const queue = session.stack.container.ops.queues[0];
    const job = (await queue.getJob(body.id))!;
    expect(['delayed', 'waiting']).toContain(await job.getState());
    expect(job.attemptsMade).toBe(0);
    expect((await row(body.id))!.status).toBe('running');
    const committed = await stored(body.id);
    await expectPrefix(body.id, committed);

    const second = worker(env);
    // Well under the lock duration: only a handed-back job can be resumed this soon.
    const done = await ended(body.id);
    expect(done.status, second.output()).toBe('succeeded');
    expect(second.output()).toContain('resuming after stored fault events');
    expect(done.attempts).toBe(2);
    const total = (done.summary as unknown as MigrationResult).faults.total;
    expect(Number(done.eventCount)).toBe(total);
    await expectPrefix(body.id, total);
  });
});
