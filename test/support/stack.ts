import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Worker } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { pino, type DestinationStream } from 'pino';
import { inject } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { appDepsOf, createContainer, type Container } from '../../src/container.js';
import { startDispatcher } from '../../src/services/dispatcher.js';
import { startMigrationWorker, workerOptionsFrom } from '../../src/workers/migration-worker.js';
import { ApiClient } from './api-client.js';

export interface Stack {
  config: Config;
  container: Container;
  api: ApiClient;
  baseUrl: string;
  startWorker(): Worker;
  close(): Promise<void>;
}

/**
 * The real service on a random port: real Postgres (the run's database), real Redis with a queue
 * prefix of its own, and optionally an in-process worker and the outbox dispatcher.
 */
export async function startStack(
  opts: { worker?: boolean; dispatcher?: boolean; env?: Record<string, string>; /** where logs go (JSON lines) */ logStream?: DestinationStream } = {},
): Promise<Stack> {
  const config = loadConfig(
    {
      DATABASE_URL: inject('databaseUrl'),
      REDIS_URL: inject('redisUrl'),
      QUEUE_PREFIX: `pcl-test-${randomBytes(4).toString('hex')}`,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      EVENT_BATCH_SIZE: '5000',
      ...opts.env,
    },
    [],
  );
  const log = opts.logStream ? pino({ level: config.LOG_LEVEL }, opts.logStream) : pino({ level: config.LOG_LEVEL });
  const container = createContainer(config, log);
  const app: FastifyInstance = await buildApp(appDepsOf(container));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const workers: Worker[] = [];
  const startWorker = () => {
    const worker = startMigrationWorker(workerOptionsFrom(config), container);
    workers.push(worker);
    return worker;
  };
  if (opts.worker) startWorker();
  const stopDispatcher = opts.dispatcher ? startDispatcher(container.service, config.DISPATCH_INTERVAL_MS, config.RECONCILE_AFTER_MS, log) : async () => undefined;
  return {
    config,
    container,
    api: new ApiClient(baseUrl),
    baseUrl,
    startWorker,
    async close() {
      await stopDispatcher();
      await Promise.all(workers.map((w) => w.close()));
      await app.close();
      await container.close();
    },
  };
}
