import { afterAll, beforeAll, expect, it } from 'vitest';
import { EXAMPLE_SUBMISSION } from '../../src/routes/migrations.js';
import type { Migration } from '../support/api-client.js';
import { exited, spawnService, until } from '../support/processes.js';
import { startStack, type Stack } from '../support/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack(); // API only: workers run as separate processes here
});
afterAll(() => stack?.close());

it('a worker killed mid-run leaves a migration that another worker completes once, with no duplicate events', async () => {
  const env = {
    DATABASE_URL: stack.config.DATABASE_URL,
    REDIS_URL: stack.config.REDIS_URL,
    QUEUE_PREFIX: stack.config.QUEUE_PREFIX,
    WORKER_LOCK_MS: '2000',
    WORKER_STALLED_CHECK_MS: '1000',
    EVENT_BATCH_SIZE: '2000',
    EVENT_COMMIT_ROWS: '2000', // a commit per batch: the worker is killed with part of the run stored
  };
  // ~130k fault events, ~1.5 s of simulating and storing: the kill lands mid-run even when this
  // process polls late under load (with 8 GiB, ~16k events, the first worker once stored them all).
  const spec = { ...EXAMPLE_SUBMISSION, seed: 3, vm: { arch: 'x86_64', memoryMiB: 65536, vcpus: 16 }, workload: { pattern: 'uniform' } };
  const { body } = await stack.api.post<Migration>('/v1/migrations', spec);

  const first = spawnService(['--role=worker'], env);
  try {
    await until(async () => (await stack.container.faults.count(body.id)) > 4000, 30_000, 'the first worker to store events');
  } finally {
    first.kill('SIGKILL'); // also when waiting failed: never leave the process behind
    await exited(first);
  }
  const storedByFirst = await stack.container.faults.count(body.id);
  expect((await stack.api.get<Migration>(`/v1/migrations/${body.id}`)).body.status).toBe('running');

  const second = spawnService(['--role=worker'], env);
  try {
    const done = await stack.api.waitFor(body.id, ['succeeded', 'failed', 'cancelled'], 90_000);
    expect(done.status, second.output()).toBe('succeeded');
    expect(done.attempts).toBeGreaterThanOrEqual(2);
    expect(second.output()).toContain('resuming after stored fault events');

    const { rows } = await stack.container.pool.query(
      `SELECT count(*)::int AS n, count(DISTINCT seq)::int AS distinct_seqs, min(seq)::int AS lo, max(seq)::int AS hi
       FROM fault_events WHERE migration_key = (SELECT key FROM migrations WHERE id = $1)`,
      [body.id],
    );
    expect(rows[0].n).toBeGreaterThan(storedByFirst);
    expect(rows[0]).toEqual({ n: done.summary!.faults.total, distinct_seqs: done.summary!.faults.total, lo: 0, hi: done.summary!.faults.total - 1 });
    expect(done.eventCount).toBe(done.summary!.faults.total);
  } finally {
    second.kill('SIGTERM');
    await exited(second);
  }
});
