import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { MigrationService } from '../services/migration-service.js';
import { toFaultEventDto } from './presenters.js';
import { faultPageSchema, faultsQuerySchema, idParamsSchema, problems } from './schemas.js';

export const faultRoutes: FastifyPluginAsyncZod<{ service: MigrationService }> = async (app, { service }) => {
  app.get(
    '/v1/migrations/:id/faults',
    {
      schema: {
        tags: ['faults'],
        operationId: 'listFaultEvents',
        summary: 'Page through the per-page fault events of a migration, in sequence order',
        params: idParamsSchema,
        querystring: faultsQuerySchema,
        response: { 200: faultPageSchema, ...problems(400, 404) },
      },
    },
    async (req) => {
      const page = await service.listFaults(req.params.id, req.query);
      return { items: page.items.map(toFaultEventDto), nextCursor: page.nextCursor };
    },
  );
};
