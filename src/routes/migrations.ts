import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { migrationSpecSchema } from '../sim/index.js';
import { migrationListQuerySchema, type MigrationService } from '../services/migration-service.js';
import { migrationPath, toMigrationDto } from './presenters.js';
import { tenantOf } from '../plugins/auth.js';
import { submissionGuard, type TenantLimits } from '../services/tenants.js';
import {
  EXAMPLE_SUBMISSION,
  idParamsSchema,
  migrationPageSchema,
  migrationSchema,
  problems,
  submitHeadersSchema,
} from './schemas.js';

/** Small enough to finish in about a second: the example of the OpenAPI document and the README. */
export { EXAMPLE_SUBMISSION } from './schemas.js';

const submitBodySchema = migrationSpecSchema.meta({ id: 'MigrationRequest', examples: [EXAMPLE_SUBMISSION] });

export const migrationRoutes: FastifyPluginAsyncZod<{ service: MigrationService; limits: TenantLimits }> = async (app, { service, limits }) => {
  app.post(
    '/v1/migrations',
    {
      schema: {
        tags: ['migrations'],
        operationId: 'submitMigration',
        summary: 'Submit a migration to simulate',
        headers: submitHeadersSchema,
        body: submitBodySchema,
        response: {
          202: migrationSchema.describe('Accepted; the migration is queued (or the first one, on an Idempotency-Key replay).'),
          ...problems(400, 401, 403, 413, 415, 422, 429, 503),
        },
      },
    },
    async (req, reply) => {
      const tenant = tenantOf(req);
      const { migration, created } = await service.submit(req.body, req.headers['idempotency-key'], req.id, { tenant, guard: submissionGuard(tenant, limits) });
      if (!created) reply.header('idempotent-replayed', 'true');
      return reply.code(202).header('location', migrationPath(migration.id)).send(toMigrationDto(migration));
    },
  );

  app.get(
    '/v1/migrations',
    {
      schema: {
        tags: ['migrations'],
        operationId: 'listMigrations',
        summary: 'List migrations, newest first',
        querystring: migrationListQuerySchema,
        response: { 200: migrationPageSchema, ...problems(400, 401, 403, 503) },
      },
    },
    async (req) => {
      const page = await service.list(req.query, tenantOf(req));
      return { items: page.items.map(toMigrationDto), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/v1/migrations/:id',
    {
      schema: {
        tags: ['migrations'],
        operationId: 'getMigration',
        summary: 'Status, progress, phase timestamps and (when finished) the summary',
        params: idParamsSchema,
        response: { 200: migrationSchema, ...problems(400, 401, 403, 404, 503) },
      },
    },
    async (req) => toMigrationDto(await service.get(req.params.id)),
  );

  app.post(
    '/v1/migrations/:id/cancel',
    {
      schema: {
        tags: ['migrations'],
        operationId: 'cancelMigration',
        summary: 'Cancel a queued or running migration',
        description:
          'A queued migration is cancelled at once. A running one is flagged (`cancelRequested`) and its worker stops ' +
          'within a fraction of a second, after which its status is `cancelled`. Cancelling a cancelled migration is a no-op.',
        params: idParamsSchema,
        response: { 202: migrationSchema, ...problems(400, 401, 403, 404, 409, 415, 429, 503) },
      },
    },
    async (req, reply) => reply.code(202).send(toMigrationDto(await service.cancel(req.params.id))),
  );

  app.delete(
    '/v1/migrations/:id',
    {
      schema: {
        tags: ['migrations'],
        operationId: 'deleteMigration',
        summary: 'Delete a finished migration and all its fault events',
        description:
          'Only a migration that has ended (`succeeded`, `failed` or `cancelled`) can be deleted; cancel a queued or running ' +
          'one first. Its fault events go at once, whatever their number (their partition is dropped). Deleting again is a 404. ' +
          'A run of an experiment (`experimentId` set) is deleted with its experiment only: 409 here.',
        params: idParamsSchema,
        response: { 204: z.null().describe('Deleted.'), ...problems(400, 401, 403, 404, 409, 415, 503) },
      },
    },
    async (req, reply) => {
      await service.remove(req.params.id);
      return reply.code(204).send(null);
    },
  );
};
