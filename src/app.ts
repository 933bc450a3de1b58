import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import compress from '@fastify/compress';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Logger } from 'pino';
import openapi from './plugins/openapi.js';
import problem, { clientErrorHandler, frameworkErrors } from './plugins/problem.js';
import jsonBody from './plugins/json-body.js';
import { migrationRoutes } from './routes/migrations.js';
import { faultRoutes } from './routes/faults.js';
import { violationRoutes } from './routes/violations.js';
import { healthRoutes, type ReadinessChecks } from './routes/health.js';
import type { MigrationService } from './services/migration-service.js';
import type { ExperimentService } from './services/experiment-service.js';
import { experimentRoutes } from './routes/experiments.js';
import type { FaultService } from './services/fault-service.js';
import type { ViolationService } from './services/violation-service.js';
import type { Queue } from 'bullmq';
import metricsPlugin from './plugins/metrics.js';
import { RequestLogController } from './plugins/request-log.js';
import type { Metrics } from './metrics.js';
import type { MigrationEventsService } from './services/migration-events.js';
import type { ExperimentEventsService } from './services/experiment-events.js';
import sse from './plugins/sse.js';
import { eventRoutes } from './routes/events.js';
import { experimentEventRoutes } from './routes/experiment-events.js';
import { adminRoutes } from './routes/admin.js';
import { dashboardRoutes } from './routes/dashboard.js';
import auth, { type OwnedResource } from './plugins/auth.js';
import security from './plugins/security.js';
import tenantRateLimit from './plugins/rate-limit.js';
import type { Redis } from 'ioredis';
import type { ApiKeyService } from './services/api-keys.js';
import type { StreamSlots, TenantLimits } from './services/tenants.js';

/** What the operational features need: live progress (SSE), /metrics, bull-board's queues. */
export interface AppOps {
  events: MigrationEventsService;
  experimentEvents: ExperimentEventsService;
  metrics: Metrics;
  queues: Queue[];
  sseHeartbeatMs: number;
}

/** Authentication, tenant isolation, cross-site protection and the tenants' limits (README "Security"). */
export interface AppSecurity {
  authMode: 'on' | 'off';
  keys: ApiKeyService;
  /** How often a long-lived response (an event stream) re-checks its key (req.watchKey). */
  keyRecheckMs: number;
  /** The tenant a migration or experiment belongs to (null: no such one). */
  ownerOf(resource: OwnedResource, id: string): Promise<string | null>;
  allowedOrigins: readonly string[];
  /** Host names accepted besides loopback ones, or null for any (config.hostsBesidesLoopback). */
  hostsBesidesLoopback: readonly string[] | null;
  limits: TenantLimits;
  postsPerMinute: number;
  /** The rate limit's counters (shared by every API process). */
  rateLimitRedis: Redis;
  rateLimitPrefix: string;
  streams: StreamSlots;
}

export interface AppDeps {
  logger: Logger;
  security: AppSecurity;
  service: MigrationService;
  experiments: ExperimentService;
  /** Reads of fault events: pages, export, stats. */
  faults: FaultService;
  /** Reads of the recorded correctness violations. */
  violations: ViolationService;
  readiness: ReadinessChecks;
  bodyLimitBytes: number;
  ops: AppOps;
}

/** Builds the HTTP application. Plugins load in a fixed order: external, application, routes. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    // Polling GETs and the dashboard's static files log at debug (see RequestLogController).
    logController: new RequestLogController(),
    bodyLimit: deps.bodyLimitBytes,
    genReqId: (req) => (req.headers['x-request-id'] as string | undefined)?.slice(0, 128) || crypto.randomUUID(),
    requestIdHeader: false,
    // A path parameter is as long as Node lets a request line be (16 KiB of headers): a long id is a
    // 400 naming it, like any other bad id, rather than an undocumented 414 from the router.
    routerOptions: { maxParamLength: 16 * 1024 },
    // Errors found before a route runs are problem+json too: routing errors (bad URL, long parameter)
    // and requests Node's HTTP parser rejects (a bad Content-Length, malformed headers).
    frameworkErrors,
    clientErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();
  // A query parameter no route takes is a 400 naming it: a typo (?statuz=running) would otherwise be
  // ignored and answer as if no filter had been asked for. Strict here, once, for every route.
  app.setValidatorCompiler<z.ZodType>((route) =>
    validatorCompiler({ ...route, schema: route.httpPart === 'querystring' && route.schema instanceof z.ZodObject ? route.schema.strict() : route.schema }),
  );
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  // Responses in the encoding the client accepts (br, gzip, deflate), above 1 KB: a dashboard reads
  // a 1,000-run experiment's 520 KB of JSON (47 KB compressed) every few seconds while it runs.
  // Request bodies stay as sent (no decompression: the body limit keeps meaning the bytes
  // received). Event streams are hijacked and never pass through it; the fault export negotiates
  // its own gzip.
  await app.register(compress, { globalDecompression: false });
  await app.register(openapi);
  await app.register(problem);
  await app.register(jsonBody);
  // Before any route: cross-site refusal and page headers, then who the request acts for, then the
  // tenant's rate limit (keyed by that tenant).
  await app.register(security, { allowedOrigins: deps.security.allowedOrigins, hostsBesidesLoopback: deps.security.hostsBesidesLoopback });
  await app.register(auth, { mode: deps.security.authMode, keys: deps.security.keys, ownerOf: deps.security.ownerOf, recheckMs: deps.security.keyRecheckMs });
  await app.register(tenantRateLimit, { postsPerMinute: deps.security.postsPerMinute, redis: deps.security.rateLimitRedis, prefix: deps.security.rateLimitPrefix });
  await app.register(metricsPlugin, { metrics: deps.ops.metrics });
  await app.register(sse, { heartbeatMs: deps.ops.sseHeartbeatMs });

  await app.register(healthRoutes, { checks: deps.readiness });
  await app.register(migrationRoutes, { service: deps.service, limits: deps.security.limits });
  await app.register(experimentRoutes, { experiments: deps.experiments, limits: deps.security.limits });
  await app.register(faultRoutes, { faults: deps.faults });
  await app.register(violationRoutes, { violations: deps.violations });
  await app.register(eventRoutes, { events: deps.ops.events, slots: deps.security.streams });
  await app.register(experimentEventRoutes, { events: deps.ops.experimentEvents, slots: deps.security.streams });
  await app.register(adminRoutes, { queues: deps.ops.queues });
  await app.register(dashboardRoutes);
  await app.ready();
  return app;
}
