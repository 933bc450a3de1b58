import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import openapi from './plugins/openapi.js';
import problem from './plugins/problem.js';
import { migrationRoutes } from './routes/migrations.js';
import { faultRoutes } from './routes/faults.js';
import { healthRoutes, type ReadinessChecks } from './routes/health.js';
import type { MigrationService } from './services/migration-service.js';

export interface AppDeps {
  logger: Logger;
  service: MigrationService;
  readiness: ReadinessChecks;
  bodyLimitBytes: number;
}

/** Builds the HTTP application. Plugins load in a fixed order: external, application, routes. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: deps.bodyLimitBytes,
    genReqId: (req) => (req.headers['x-request-id'] as string | undefined)?.slice(0, 128) || crypto.randomUUID(),
    requestIdHeader: false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  await app.register(openapi);
  await app.register(problem);

  await app.register(healthRoutes, { checks: deps.readiness });
  await app.register(migrationRoutes, { service: deps.service });
  await app.register(faultRoutes, { service: deps.service });
  await app.ready();
  return app;
}
