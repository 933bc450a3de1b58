import { fileURLToPath } from 'node:url';
import closeWithGrace from 'close-with-grace';
import { createLogger } from './lib/logger.js';
import { loadConfig } from './config.js';
import { applyMigrations, ensureDatabase } from './db/migrate.js';
import { ensureLocalServices } from './infra/local-services.js';
import { appDepsOf, createContainer } from './container.js';
import { buildApp } from './app.js';
import { startDispatcher } from './services/dispatcher.js';
import { closeMigrationWorker, startMigrationWorker, workerOptionsFrom } from './workers/migration-worker.js';
import { startExperimentWorker } from './workers/experiment-worker.js';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import auth from './plugins/auth.js';
import metricsPlugin from './plugins/metrics.js';
import { RequestLogController } from './plugins/request-log.js';
import { liveness } from './routes/health.js';

/** Entry point: starts the API, the worker, or both (ROLE / --role), and shuts them down gracefully. */
const config = loadConfig();
const log = createLogger({ level: config.LOG_LEVEL, base: { role: config.ROLE } }, config.LOG_FORMAT);

const local =
  config.LOCAL_SERVICES === 'auto'
    ? await ensureLocalServices(config.DATABASE_URL, config.REDIS_URL, fileURLToPath(new URL('../.data', import.meta.url)), log)
    : { stop: async () => undefined };
try {
  await ensureDatabase(config.DATABASE_URL);
  for (const m of await applyMigrations(config.DATABASE_URL)) if (m.applied) log.info({ migration: m.name }, 'applied migration');
} catch (err) {
  log.fatal({ err }, `cannot prepare the database at ${redact(config.DATABASE_URL)}`);
  await local.stop();
  process.exit(1);
}

const container = createContainer(config, log);
const closers: Array<() => Promise<unknown>> = [];

if (config.ROLE !== 'worker') {
  const app = await buildApp(appDepsOf(container));
  await app.listen({ host: config.HOST, port: config.PORT });
  const stopDispatcher = startDispatcher(container, config.DISPATCH_INTERVAL_MS, config.RECONCILE_AFTER_MS, log);
  closers.push(() => app.close(), stopDispatcher);
}
if (config.ROLE !== 'api') {
  const options = workerOptionsFrom(config);
  const worker = startMigrationWorker(options, container);
  const experimentWorker = startExperimentWorker(options, container);
  // Stops the running jobs after their current batch and hands them back to the queue.
  closers.push(() => closeMigrationWorker(worker), () => experimentWorker.close());
  log.info({ concurrency: config.WORKER_CONCURRENCY }, 'worker started');
  if (config.ROLE === 'worker' && config.METRICS_PORT !== undefined) {
    // A worker-only process has no API: its job durations and ingested events are scraped here.
    const metricsServer = Fastify({ loggerInstance: log as FastifyBaseLogger, logController: new RequestLogController() });
    // The same admin key as the API's /metrics (with AUTH on).
    const { authMode: mode, keys, ownerOf, keyRecheckMs: recheckMs } = container.security;
    await metricsServer.register(auth, { mode, keys, ownerOf, recheckMs });
    await metricsServer.register(metricsPlugin, { metrics: container.metrics });
    // Liveness for the container's HEALTHCHECK (ops/docker/healthcheck.mjs); public, as on the API.
    metricsServer.get('/healthz', async () => liveness());
    await metricsServer.listen({ host: config.HOST, port: config.METRICS_PORT });
    closers.push(() => metricsServer.close());
  }
}

closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
  if (err) log.error({ err }, 'shutting down after an error');
  else log.info({ signal }, 'shutting down');
  // At once, in parallel: a worker's jobs are handed back while the API drains its requests.
  await Promise.all(closers.map((close) => close()));
  await container.close();
  await local.stop();
});

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}
