import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { experimentRequestSchema } from '../experiments/plan.js';
import { resultsCsv } from '../experiments/results.js';
import { experimentListQuerySchema, type ExperimentService } from '../services/experiment-service.js';
import { experimentGuard, type TenantLimits } from '../services/tenants.js';
import { tenantOf } from '../plugins/auth.js';
import { problems, submitHeadersSchema } from './schemas.js';
import { experimentIdParamsSchema, experimentPageSchema, experimentPath, experimentSchema, namedResultsSchema, presetListSchema, resultsQuerySchema } from './experiment-schemas.js';
import { toExperimentDto } from './experiment-presenter.js';

export const experimentRoutes: FastifyPluginAsyncZod<{ experiments: ExperimentService; limits: TenantLimits }> = async (app, { experiments, limits }) => {
  app.post(
    '/v1/experiments',
    {
      schema: {
        tags: ['experiments'],
        operationId: 'submitExperiment',
        summary: 'Submit a parameter sweep: one run (a migration) per combination of axis values and seed',
        description:
          'The runs are the cartesian product of `axes` (each varies one spec field by its dotted path, optionally with linked fields) ' +
          'times `seeds` repetitions, each a migration built from `base`; every run is validated like a migration, and any invalid run ' +
          'is a 400 naming the axis, the run and the field. The runs execute as BullMQ children of one parent job, so every worker ' +
          'process shares them. `{"preset": "demand-paging-scaling"}` runs a published measurement (docs/validation.md).',
        headers: submitHeadersSchema,
        body: experimentRequestSchema,
        response: {
          202: experimentSchema.describe('Accepted; its runs are queued (or the first experiment, on an Idempotency-Key replay).'),
          ...problems(400, 401, 403, 413, 415, 422, 429, 503),
        },
      },
    },
    async (req, reply) => {
      const tenant = tenantOf(req);
      const { experiment, created } = await experiments.submit(req.body, req.headers['idempotency-key'], req.id, { tenant, guard: experimentGuard(tenant, limits) });
      if (!created) reply.header('idempotent-replayed', 'true');
      const dto = toExperimentDto(experiment, await experiments.progress(experiment.id), null);
      return reply.code(202).header('location', experimentPath(experiment.id)).send(dto);
    },
  );

  app.get(
    '/v1/experiments',
    {
      schema: {
        tags: ['experiments'],
        operationId: 'listExperiments',
        summary: 'List experiments, newest first (without their results tables)',
        querystring: experimentListQuerySchema,
        response: { 200: experimentPageSchema, ...problems(400, 401, 403, 503) },
      },
    },
    async (req) => {
      const page = await experiments.list(req.query, tenantOf(req));
      const progress = await experiments.progressOf(page.items.map((row) => row.id));
      const items = page.items.map((row, i) => toExperimentDto(row, progress[i], null));
      return { items, nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/v1/experiments/presets',
    {
      schema: {
        tags: ['experiments'],
        operationId: 'listExperimentPresets',
        summary: 'The published measurements an experiment can reproduce (`{"preset": name}`), with their run counts',
        response: { 200: presetListSchema, ...problems(401, 403) },
      },
    },
    async () => ({ items: experiments.presets() }),
  );

  app.get(
    '/v1/experiments/:id',
    {
      schema: {
        tags: ['experiments'],
        operationId: 'getExperiment',
        summary: 'Status, progress and the results table (one row per run, aggregates over seeds)',
        params: experimentIdParamsSchema,
        response: { 200: experimentSchema, ...problems(400, 401, 403, 404, 503) },
      },
    },
    async (req) => {
      const { row, progress, results } = await experiments.view(req.params.id);
      return toExperimentDto(row, progress, results);
    },
  );

  app.get(
    '/v1/experiments/:id/results',
    {
      schema: {
        tags: ['experiments'],
        operationId: 'getExperimentResults',
        summary: 'The results table as JSON, CSV (one line per run) or NDJSON (one run per line), for notebooks',
        params: experimentIdParamsSchema,
        querystring: resultsQuerySchema,
        response: {
          200: {
            description: 'format=json: ExperimentResults; csv: text/csv; ndjson: application/x-ndjson.',
            content: {
              'application/json': { schema: namedResultsSchema },
              'text/csv': { schema: z.string().describe('A header line (run, migrationId, the axis paths, seedIndex, seed, status, outcome, correct, guestImpaired, the metrics), then one line per run.') },
              'application/x-ndjson': { schema: z.string().describe('One ResultRow JSON object per line.') },
            },
          },
          ...problems(400, 401, 403, 404, 503),
        },
      },
    },
    async (req, reply) => {
      const results = await experiments.results(req.params.id);
      switch (req.query.format) {
        case 'csv':
          return reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="experiment-${req.params.id}.csv"`)
            .serializer((s: string) => s)
            .send(resultsCsv(results));
        case 'ndjson':
          return reply
            .type('application/x-ndjson')
            .serializer((s: string) => s)
            .send(results.runs.map((r) => `${JSON.stringify(r)}\n`).join(''));
        default:
          return results;
      }
    },
  );

  app.post(
    '/v1/experiments/:id/cancel',
    {
      schema: {
        tags: ['experiments'],
        operationId: 'cancelExperiment',
        summary: 'Cancel every run that has not ended',
        description: 'Queued runs are cancelled at once, running ones at their next batch; the experiment is `cancelled` when the last has stopped. Finished runs keep their results.',
        params: experimentIdParamsSchema,
        response: { 202: experimentSchema, ...problems(400, 401, 403, 404, 409, 415, 429, 503) },
      },
    },
    async (req, reply) => {
      const row = await experiments.cancel(req.params.id);
      return reply.code(202).send(toExperimentDto(row, await experiments.progress(row.id), null));
    },
  );

  app.delete(
    '/v1/experiments/:id',
    {
      schema: {
        tags: ['experiments'],
        operationId: 'deleteExperiment',
        summary: 'Delete an ended experiment with all its runs and their fault events',
        params: experimentIdParamsSchema,
        response: { 204: z.null().describe('Deleted.'), ...problems(400, 401, 403, 404, 409, 415, 503) },
      },
    },
    async (req, reply) => {
      await experiments.remove(req.params.id);
      return reply.code(204).send(null);
    },
  );
};
