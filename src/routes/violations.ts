import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { MAX_RECORDED_VIOLATIONS, VIOLATION_SAMPLE_SIZE } from '../sim/index.js';
import { violationPageQuerySchema, type ViolationService } from '../services/violation-service.js';
import { idParamsSchema, problems, violationPageSchema } from './schemas.js';

export const violationRoutes: FastifyPluginAsyncZod<{ violations: ViolationService }> = async (app, { violations }) => {
  app.get(
    '/v1/migrations/:id/violations',
    {
      schema: {
        tags: ['violations'],
        operationId: 'listViolations',
        summary: 'Page through the correctness violations of a migration, in the order the simulator detected them',
        description:
          `Every violation the run recorded (summary.violationsRecorded: all of them up to ${MAX_RECORDED_VIOLATIONS.toLocaleString('en-US')}; ` +
          `summary.violationCount is the true count), while the summary carries only the first ${VIOLATION_SAMPLE_SIZE}. ` +
          'Optionally of one `kind`. Keyset pagination on seq: `nextCursor` is null on the last page. Stored when the migration ends: ' +
          'empty before.',
        params: idParamsSchema,
        querystring: violationPageQuerySchema,
        response: { 200: violationPageSchema, ...problems(400, 401, 403, 404, 503) },
      },
    },
    async (req) => violations.list(req.params.id, req.query),
  );
};
