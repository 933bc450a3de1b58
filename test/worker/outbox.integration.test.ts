import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EXAMPLE_SUBMISSION } from '../../src/routes/migrations.js';
import type { Migration } from '../support/api-client.js';
import { freePort } from '../support/global-setup.js';
import { exited } from '../support/processes.js';
import { startStack, type Stack } from '../support/stack.js';

let stack: Stack;
let redisPort: number;
let redis: ChildProcess | undefined;
beforeAll(async () => {
  redisPort = await freePort();
  // Redis is down when the service starts and when the migration is submitted.
  stack = await startStack({ worker: true, dispatcher: true, env: { REDIS_URL: `redis://127.0.0.1:${redisPort}`, DISPATCH_INTERVAL_MS: '200' } });
});
afterAll(async () => {
  await stack?.close(); // while Redis still answers: a worker closes cleanly only then
  redis?.kill('SIGTERM');
  if (redis) await exited(redis);
});

it('a migration accepted while Redis is down is queued and run once Redis is back', async () => {
  const res = await stack.api.post<Migration>('/v1/migrations', { ...EXAMPLE_SUBMISSION, seed: 77 });
  expect(res.status).toBe(202);
  expect(res.body.status).toBe('queued');
  const row = await stack.container.migrations.find(res.body.id);
  expect(row?.enqueuedAt).toBeNull();

  const dir = await mkdtemp(path.join(os.tmpdir(), 'pcl-redis-'));
  redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  const done = await stack.api.waitFor(res.body.id, ['succeeded', 'failed', 'cancelled'], 60_000);
  expect(done.status).toBe('succeeded');
  expect((await stack.container.migrations.find(res.body.id))?.enqueuedAt).not.toBeNull();
});
