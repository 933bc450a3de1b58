import { Redis } from 'ioredis';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { createDb, type Db } from './db/client.js';
import { MigrationsRepo } from './db/migrations-repo.js';
import { FaultEventsRepo } from './db/fault-events-repo.js';
import { connectionOptions, createQueue, QUEUE_NAMES } from './queue/queues.js';
import { MigrationService } from './services/migration-service.js';
import type { ReadinessChecks } from './routes/health.js';

/** Everything a process needs, wired once from the configuration; close() releases it all. */
export interface Container {
  config: Config;
  log: Logger;
  db: Db;
  pool: pg.Pool;
  migrations: MigrationsRepo;
  faults: FaultEventsRepo;
  service: MigrationService;
  readiness: ReadinessChecks;
  close(): Promise<void>;
}

export function createContainer(config: Config, log: Logger): Container {
  const db = createDb(config.DATABASE_URL);
  const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 4 + config.WORKER_CONCURRENCY });
  pool.on('error', (err) => log.error({ err }, 'idle postgres client error'));
  const queue = createQueue(QUEUE_NAMES.migrations, connectionOptions(config.REDIS_URL, false), config.QUEUE_PREFIX);
  queue.on('error', (err) => log.warn({ err: err.message }, 'queue connection error'));
  // Readiness gets its own connection: it must report an outage, not wait through it.
  const redisProbe = new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false });
  redisProbe.on('error', () => undefined);
  const migrations = new MigrationsRepo(db);
  const faults = new FaultEventsRepo(pool);
  const service = new MigrationService(migrations, faults, queue, log);
  return {
    config,
    log,
    db,
    pool,
    migrations,
    faults,
    service,
    readiness: {
      postgres: () => pool.query('SELECT 1'),
      redis: async () => {
        if (redisProbe.status !== 'ready') await redisProbe.connect().catch(() => undefined);
        return redisProbe.ping();
      },
    },
    async close() {
      await queue.close().catch(() => undefined);
      redisProbe.disconnect();
      await Promise.all([db.$disconnect(), pool.end()]);
    },
  };
}
