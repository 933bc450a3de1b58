import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { withTimeout } from '../lib/timeout.js';
import { MODEL_VERSION } from '../sim/index.js';
import { SERVICE_VERSION } from '../version.js';

export interface ReadinessChecks {
  postgres: () => Promise<unknown>;
  redis: () => Promise<unknown>;
}

const readinessSchema = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    checks: z.object({ postgres: z.string(), redis: z.string() }).describe('"ok" or the error of each dependency.'),
  })
  .meta({ id: 'Readiness', examples: [{ status: 'ok', checks: { postgres: 'ok', redis: 'ok' } }] });

const healthSchema = z
  .object({
    status: z.literal('ok'),
    modelVersion: z
      .int()
      .min(1)
      .describe("The simulator model version this process runs (new migrations record it; see Migration's modelVersion)."),
    version: z.string().describe("The service's version (package.json)."),
  })
  // Example values of a past release, not bound to the current versions (a version bump leaves openapi.yaml as it is).
  .meta({ id: 'Health', examples: [{ status: 'ok', modelVersion: 12, version: '0.1.0' }] });

const CHECK_TIMEOUT_MS = 2_000;

/** GET /healthz's body: the API's, and a worker-only process's on METRICS_PORT (the image's HEALTHCHECK). */
export function liveness(): z.infer<typeof healthSchema> {
  return { status: 'ok', modelVersion: MODEL_VERSION, version: SERVICE_VERSION };
}

export const healthRoutes: FastifyPluginAsyncZod<{ checks: ReadinessChecks }> = async (app, { checks }) => {
  app.get(
    '/healthz',
    // Public (no key): probes of orchestrators and load balancers carry none.
    { schema: { tags: ['health'], operationId: 'health', summary: 'Liveness, and the service and model versions this process runs', security: [], response: { 200: healthSchema } } },
    async () => liveness(),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        operationId: 'ready',
        summary: 'Readiness: Postgres and Redis answer',
        security: [],
        response: { 200: readinessSchema, 503: readinessSchema },
      },
    },
    async (_req, reply) => {
      const [postgres, redis] = await Promise.all([probe(checks.postgres), probe(checks.redis)]);
      const ok = postgres === 'ok' && redis === 'ok';
      return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', checks: { postgres, redis } });
    },
  );

  app.get('/openapi.yaml', { schema: { hide: true } }, async (_req, reply) =>
    reply.type('application/yaml').send(app.swagger({ yaml: true })),
  );
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
};

async function probe(check: () => Promise<unknown>): Promise<string> {
  try {
    await withTimeout(check(), CHECK_TIMEOUT_MS, `no answer within ${CHECK_TIMEOUT_MS} ms`);
    return 'ok';
  } catch (err) {
    return (err as Error).message || 'error';
  }
}
