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
import { startExperimentWorker } from '../../src/workers/experiment-worker.js';
import { ApiClient } from './api-client.js';

export interface Stack {
  config: Config;
  container: Container;
  /** The SDK-based client; with `auth`, it sends the stack tenant's key. */
  api: ApiClient;
  /** With `auth`: the tenant `api` acts for ("default" otherwise, AUTH=off's tenant). */
  tenant: string;
  /** A client with a new key of `tenant` (a key of its own, so revoking it leaves `api` working). */
  clientFor(tenant: string): Promise<ApiClient & { key: string; keyId: string }>;
  baseUrl: string;
  startWorker(): Worker;
  close(): Promise<void>;
}

/**
 * The real service on a random port: real Postgres (the run's database), real Redis with a queue
 * prefix of its own, and optionally an in-process worker and the outbox dispatcher.
 */
export async function startStack(
  opts: {
    worker?: boolean;
    dispatcher?: boolean;
    env?: Record<string, string>;
    /** where logs go (JSON lines) */ logStream?: DestinationStream;
    /**
     * AUTH=on, and `api` uses a key of a tenant of its own (a fresh name unless given), so the
     * test also proves its routes work with a key and sees only its own migrations.
     */
    auth?: boolean | { tenant: string };
  } = {},
): Promise<Stack> {
  const config = loadConfig(
    {
      DATABASE_URL: inject('databaseUrl'),
      REDIS_URL: inject('redisUrl'),
      QUEUE_PREFIX: `pcl-test-${randomBytes(4).toString('hex')}`,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      EVENT_BATCH_SIZE: '5000',
      // Tests submit in bursts: the tenants' limits are tested by test/api/security.integration.test.ts.
      RATE_LIMIT_POSTS_PER_MINUTE: '100000',
      TENANT_MAX_ACTIVE_MIGRATIONS: '100000',
      ...(opts.auth ? { AUTH: 'on' } : {}),
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
  // One experiment worker (it only ends experiments) with the first migration worker.
  const startWorker = () => {
    if (workers.length === 0) workers.push(startExperimentWorker(workerOptionsFrom(config), container));
    const worker = startMigrationWorker(workerOptionsFrom(config), container);
    workers.push(worker);
    return worker;
  };
  if (opts.worker) startWorker();
  const stopDispatcher = opts.dispatcher ? startDispatcher(container, config.DISPATCH_INTERVAL_MS, config.RECONCILE_AFTER_MS, log) : async () => undefined;
  const clientFor = async (tenant: string) => {
    const { key, info } = await container.apiKeys.create({ tenant, name: 'test' });
    return Object.assign(new ApiClient(baseUrl, key), { key, keyId: info.id });
  };
  const tenant = !opts.auth ? 'default' : typeof opts.auth === 'object' ? opts.auth.tenant : `t-${randomBytes(4).toString('hex')}`;
  return {
    config,
    container,
    api: opts.auth ? await clientFor(tenant) : new ApiClient(baseUrl),
    tenant,
    clientFor,
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
