import { Redis } from 'ioredis';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { createDb, type Db } from './db/client.js';
import { createPool } from './db/pools.js';
import { MigrationsRepo } from './db/migrations-repo.js';
import { ExperimentsRepo } from './db/experiments-repo.js';
import { ExperimentService } from './services/experiment-service.js';
import { FaultEventsRepo } from './db/fault-events-repo.js';
import { FaultStatsCacheRepo } from './db/fault-stats-cache-repo.js';
import { connectionOptions, createFlowProducer, createQueue, QUEUE_NAMES } from './queue/queues.js';
import { ProgressLog } from './queue/progress-log.js';
import { LiveEvents } from './services/live-events.js';
import { MigrationEventsService } from './services/migration-events.js';
import { ExperimentEventsService } from './services/experiment-events.js';
import { Metrics } from './metrics.js';
import type { AppDeps, AppOps } from './app.js';
import { MigrationService } from './services/migration-service.js';
import { FaultService } from './services/fault-service.js';
import { ViolationService } from './services/violation-service.js';
import { ViolationsRepo } from './db/violations-repo.js';
import type { ReadinessChecks } from './routes/health.js';
import { authMode, hostsBesidesLoopback, type Config as AppConfig } from './config.js';
import { ApiKeysRepo } from './db/api-keys-repo.js';
import { ApiKeyService } from './services/api-keys.js';
import { StreamSlots } from './services/tenants.js';
import { FairShare } from './services/fair-share.js';
import type { AppSecurity } from './app.js';

/** Everything a process needs, wired once from the configuration; close() releases it all. */
export interface Container {
  config: Config;
  log: Logger;
  db: Db;
  pool: pg.Pool;
  migrations: MigrationsRepo;
  faults: FaultEventsRepo;
  service: MigrationService;
  experiments: ExperimentsRepo;
  experimentService: ExperimentService;
  faultService: FaultService;
  violationService: ViolationService;
  readiness: ReadinessChecks;
  /** Progress history of each migration (written by workers, read by the event streams). */
  progressLog: ProgressLog;
  metrics: Metrics;
  /** What the operational routes need: live events, metrics, the queues for bull-board. */
  ops: AppOps;
  /** API keys (the CLI's `keys` commands use it too). */
  apiKeys: ApiKeyService;
  security: AppSecurity;
  /** The worker's fairness between tenants (startMigrationWorker takes it from here). */
  fairShare: FairShare;
  close(): Promise<void>;
}

export function createContainer(config: Config, log: Logger): Container {
  // Every pool from createPool: an error listener on every client (a dropped connection must not
  // crash the process) and checkouts that time out (a request during an outage gets 503, not a hang).
  const connectTimeoutMs = config.PG_CONNECT_TIMEOUT_MS;
  const db = createDb(config.DATABASE_URL, { log, connectTimeoutMs });
  const pool = createPool(config.DATABASE_URL, { max: 4 + config.WORKER_CONCURRENCY, connectTimeoutMs, log, name: 'main' });
  // Exports hold a connection while their client reads: a pool of their own, as large as their limit.
  const exportPool = createPool(config.DATABASE_URL, { max: config.EXPORT_CONCURRENCY, connectTimeoutMs, log, name: 'export' });
  // Readiness has its own connection, like Redis below: it must not queue behind busy pools.
  const probePool = createPool(config.DATABASE_URL, { max: 1, connectTimeoutMs: Math.min(connectTimeoutMs, 2_000), log, name: 'readiness' });
  const queue = createQueue(QUEUE_NAMES.migrations, connectionOptions(config.REDIS_URL, false), config.QUEUE_PREFIX);
  queue.on('error', (err) => log.warn({ err: err.message }, 'queue connection error'));
  // Readiness gets its own connection: it must report an outage, not wait through it.
  const redisProbe = new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false });
  redisProbe.on('error', () => undefined);
  // A run's start, progress and end, written by the workers without waiting for the WAL flush.
  const runWritesPool = createPool(config.DATABASE_URL, { max: 2 + config.WORKER_CONCURRENCY, connectTimeoutMs, log, name: 'run-writes', asyncCommit: true });
  const migrations = new MigrationsRepo(db, runWritesPool);
  const faults = new FaultEventsRepo(pool, exportPool);
  const service = new MigrationService(migrations, faults, queue, log);
  // Experiments: a parent job per experiment, its runs as children in the migrations queue.
  const experimentQueue = createQueue(QUEUE_NAMES.experiments, connectionOptions(config.REDIS_URL, false), config.QUEUE_PREFIX);
  experimentQueue.on('error', (err) => log.warn({ err: err.message }, 'queue connection error'));
  const flows = createFlowProducer(connectionOptions(config.REDIS_URL, false), config.QUEUE_PREFIX);
  flows.on('error', (err) => log.warn({ err: err.message }, 'flow producer connection error'));
  const experiments = new ExperimentsRepo(db);
  const experimentService = new ExperimentService(experiments, service, flows, experimentQueue, log);
  const faultService = new FaultService(migrations, faults, new FaultStatsCacheRepo(db), {
    concurrency: config.EXPORT_CONCURRENCY,
    idleTimeoutMs: config.EXPORT_IDLE_TIMEOUT_MS,
  });
  // Progress history and the event streams' reads: fail fast like the producer (a stream then ends
  // and its client resumes with Last-Event-ID).
  const redis = new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  const progressLog = new ProgressLog(redis, config.QUEUE_PREFIX);
  const live = new LiveEvents({ connection: connectionOptions(config.REDIS_URL, true), prefix: config.QUEUE_PREFIX, redis, log });
  // The rate limit's counters: fails fast (no offline queue), and the limit then lets requests through.
  const rateLimitRedis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 0, enableOfflineQueue: false, commandTimeout: 1_000 });
  rateLimitRedis.on('error', () => undefined);
  const apiKeys = new ApiKeyService(new ApiKeysRepo(db));
  const metrics = new Metrics({
    queues: [queue, experimentQueue],
    migrationsByStatus: () => migrations.countByStatus(),
    sseConnections: () => live.subscriberCount,
  });
  return {
    config,
    log,
    db,
    pool,
    migrations,
    faults,
    service,
    experiments,
    experimentService,
    faultService,
    violationService: new ViolationService(migrations, new ViolationsRepo(db)),
    readiness: {
      postgres: () => probePool.query('SELECT 1'),
      redis: async () => {
        if (redisProbe.status !== 'ready') await redisProbe.connect().catch(() => undefined);
        return redisProbe.ping();
      },
    },
    progressLog,
    metrics,
    // A stream re-reads its migration's status as often as it sends a heartbeat.
    ops: {
      events: new MigrationEventsService(service, live, progressLog, config.SSE_HEARTBEAT_MS),
      experimentEvents: new ExperimentEventsService(experimentService, live),
      metrics, queues: [queue, experimentQueue], sseHeartbeatMs: config.SSE_HEARTBEAT_MS },
    apiKeys,
    security: securityOf(config, apiKeys, migrations, experiments, rateLimitRedis),
    fairShare: new FairShare(db, queue, config.TENANT_MAX_RUNNING),
    async close() {
      await live.close();
      rateLimitRedis.disconnect();
      await queue.close().catch(() => undefined);
      await experimentQueue.close().catch(() => undefined);
      await flows.close().catch(() => undefined);
      redisProbe.disconnect();
      redis.disconnect();
      await Promise.all([db.$disconnect(), pool.end(), runWritesPool.end(), exportPool.end(), probePool.end()]);
    },
  };
}

/** What buildApp() needs, taken from a container. */
export function appDepsOf(c: Container): AppDeps {
  return {
    logger: c.log,
    service: c.service,
    experiments: c.experimentService,
    faults: c.faultService,
    violations: c.violationService,
    readiness: c.readiness,
    bodyLimitBytes: c.config.BODY_LIMIT_BYTES,
    ops: c.ops,
    security: c.security,
  };
}

function securityOf(config: AppConfig, keys: ApiKeyService, migrations: MigrationsRepo, experiments: ExperimentsRepo, rateLimitRedis: Redis): AppSecurity {
  return {
    authMode: authMode(config),
    keys,
    keyRecheckMs: config.KEY_RECHECK_MS,
    ownerOf: (resource, id) => (resource === 'migration' ? migrations.tenantOf(id) : experiments.tenantOf(id)),
    allowedOrigins: config.ALLOWED_ORIGINS,
    hostsBesidesLoopback: hostsBesidesLoopback(config),
    limits: {
      maxActiveMigrations: config.TENANT_MAX_ACTIVE_MIGRATIONS,
      maxFaultEvents: config.TENANT_MAX_FAULT_EVENTS,
      maxActiveExperiments: config.TENANT_MAX_ACTIVE_EXPERIMENTS,
    },
    postsPerMinute: config.RATE_LIMIT_POSTS_PER_MINUTE,
    rateLimitRedis,
    rateLimitPrefix: config.QUEUE_PREFIX,
    streams: new StreamSlots({ perTenant: config.SSE_MAX_STREAMS_PER_TENANT, perProcess: config.SSE_MAX_STREAMS }),
  };
}
