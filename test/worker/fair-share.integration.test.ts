// Fair scheduling between tenants (src/services/fair-share.ts): one tenant's backlog does not hold
// every worker slot while another tenant waits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_SUBMISSION } from '../../src/routes/migrations.js';
import type { Migration } from '../support/api-client.js';
import { startStack, type Stack } from '../support/stack.js';

/** Large enough to run for a while (a second or more), so that the order of starts is observable. */
const big = (seed: number) => ({ ...EXAMPLE_SUBMISSION, seed, vm: { arch: 'x86_64', memoryMiB: 4096, vcpus: 4 } });

describe('fair share between tenants', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ auth: true, env: { WORKER_CONCURRENCY: '2' } }); // the worker starts after the backlog is queued
  });
  afterAll(() => stack?.close());

  it('a tenant arriving behind another tenant\'s backlog gets the next free worker slot', async () => {
    const heavy = stack.api;
    const light = await stack.clientFor('light');
    const backlog: Migration[] = [];
    for (let i = 0; i < 5; i++) backlog.push((await heavy.post<Migration>('/v1/migrations', big(100 + i))).body);
    const late = (await light.post<Migration>('/v1/migrations', big(200))).body;
    stack.startWorker();

    const lateDone = await light.sdk.waitFor(late.id, { timeoutMs: 120_000, intervalMs: 100 });
    expect(lateDone.status).toBe('succeeded');
    const heavyDone = await Promise.all(backlog.map((m) => heavy.sdk.waitFor(m.id, { timeoutMs: 120_000, intervalMs: 100 })));
    const starts = heavyDone.map((m) => Date.parse(m.startedAt!)).sort((a, b) => a - b);
    // FIFO would start it after all five (submitted first); fair share starts it in the first free
    // slot: no later than the heavy tenant's third (the same instant when both slots free at once).
    expect(Date.parse(lateDone.startedAt!)).toBeLessThanOrEqual(starts[2]);
    expect(heavyDone.every((m) => m.status === 'succeeded')).toBe(true);
  });
});

describe('TENANT_MAX_RUNNING', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ worker: true, auth: true, env: { WORKER_CONCURRENCY: '2', TENANT_MAX_RUNNING: '1' } });
  });
  afterAll(() => stack?.close());

  it('caps one tenant\'s running migrations across the worker slots, even with no other tenant waiting', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await stack.api.post<Migration>('/v1/migrations', big(300 + i))).body.id);
    const done = await Promise.all(ids.map((id) => stack.api.sdk.waitFor(id, { timeoutMs: 120_000, intervalMs: 100 })));
    expect(done.every((m) => m.status === 'succeeded')).toBe(true);
    const runs = done.map((m) => [Date.parse(m.startedAt!), Date.parse(m.finishedAt!)] as const).sort((a, b) => a[0] - b[0]);
    // One at a time: each started after the previous one finished (two slots were free).
    for (let i = 1; i < runs.length; i++) expect(runs[i][0]).toBeGreaterThanOrEqual(runs[i - 1][1]);
  });
});
