import { afterAll, expect, it } from 'vitest';
import { inject } from 'vitest';
import { randomBytes } from 'node:crypto';
import { EXAMPLE_SUBMISSION } from '../src/routes/migrations.js';
import { ApiClient, type Migration } from './support/api-client.js';
import { freePort } from './support/global-setup.js';
import { exited, spawnService, until } from './support/processes.js';

let service: ReturnType<typeof spawnService> | undefined;
afterAll(async () => {
  if (service && service.exitCode === null) {
    service.kill('SIGKILL');
    await exited(service);
  }
});

it('the start command runs API and worker in one process, and shuts down cleanly on SIGTERM', async () => {
  const port = await freePort();
  service = spawnService([], {
    PORT: String(port),
    DATABASE_URL: inject('databaseUrl'),
    REDIS_URL: inject('redisUrl'),
    QUEUE_PREFIX: `pcl-main-${randomBytes(4).toString('hex')}`,
  });
  const api = new ApiClient(`http://127.0.0.1:${port}`);
  await until(async () => (await fetch(`${api.baseUrl}/readyz`)).ok, 30_000, 'the service to be ready');
  const { body } = await api.post<Migration>('/v1/migrations', EXAMPLE_SUBMISSION);
  const done = await api.waitFor(body.id);
  expect(done.status).toBe('succeeded');

  service.kill('SIGTERM');
  expect(await exited(service)).toBe(0);
  expect(service.output()).toContain('shutting down');
});
