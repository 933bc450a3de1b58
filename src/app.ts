import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import openapi from './plugins/openapi.js';
import problem, { clientErrorHandler, frameworkErrors } from './plugins/problem.js';
import jsonBody from './plugins/json-body.js';
import { migrationRoutes } from './routes/migrations.js';
import { faultRoutes } from './routes/faults.js';
import { healthRoutes, type ReadinessChecks } from './routes/health.js';
import type { MigrationService } from './services/migration-service.js';
import type { FaultService } from './services/fault-service.js';
import type { Queue } from 'bullmq';
import metricsPlugin from './plugins/metrics.js';
import type { Metrics } from './metrics.js';
import type { MigrationEventsService } from './services/migration-events.js';
import sse from './plugins/sse.js';
import { eventRoutes } from './routes/events.js';
import { adminRoutes } from './routes/admin.js';
import { dashboardRoutes } from './routes/dashboard.js';

/** What the operational features need: live progress (SSE), /metrics, bull-board's queues. */
export interface AppOps {
  events: MigrationEventsService;
  metrics: Metrics;
  queues: Queue[];
  sseHeartbeatMs: number;
}

export interface AppDeps {
  logger: Logger;
  service: MigrationService;
  /** Reads of fault events: pages, export, stats. */
  faults: FaultService;
  readiness: ReadinessChecks;
  bodyLimitBytes: number;
  ops: AppOps;
}

/** Builds the HTTP application. Plugins load in a fixed order: external, application, routes. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: deps.bodyLimitBytes,
    genReqId: (req) => (req.headers['x-request-id'] as string | undefined)?.slice(0, 128) || crypto.randomUUID(),
    requestIdHeader: false,
    // Errors found before a route runs are problem+json too: routing errors (bad URL, long parameter)
    // and requests Node's HTTP parser rejects (a bad Content-Length, malformed headers).
    frameworkErrors,
    clientErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  await app.register(openapi);
  await app.register(problem);
  await app.register(jsonBody);
  await app.register(metricsPlugin, { metrics: deps.ops.metrics });
  await app.register(sse, { heartbeatMs: deps.ops.sseHeartbeatMs });

  await app.register(healthRoutes, { checks: deps.readiness });
  await app.register(migrationRoutes, { service: deps.service });
  await app.register(faultRoutes, { faults: deps.faults });
  await app.register(eventRoutes, { events: deps.ops.events });
  await app.register(adminRoutes, { queues: deps.ops.queues });
  await app.register(dashboardRoutes);
  await app.ready();
  return app;
}
