import { pipeline } from 'node:stream';
import { createGzip, constants as zlib } from 'node:zlib';
import negotiate from '@fastify/accept-negotiator';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { faultPageQuerySchema, faultStatsQuerySchema, type FaultService } from '../services/fault-service.js';
import { FAULT_CSV_HEADER, faultCsvLines, faultNdjsonLines, toFaultEventDto, toFaultStatsDto } from './presenters.js';
import { faultExportQuerySchema, faultPageSchema, faultStatsSchema, idParamsSchema, problems } from './schemas.js';

const FILTERS_DOC =
  'Filters (all optional, combined): `vcpu`, `path`, `mechanism`, `resolution`, a gfn range (`gfnMin`, `gfnMax`, inclusive) ' +
  'and a time range on raisedAtNs (`fromNs` inclusive, `toNs` exclusive). Only stored events are read: a migration with ' +
  '`faultEvents: sample` stored every 64th (`sampleEvery`), one with `none` (runs of experiments by default) stored none and answers 409.';

const MEDIA_TYPES = { ndjson: 'application/x-ndjson', csv: 'text/csv; charset=utf-8' } as const;

export const faultRoutes: FastifyPluginAsyncZod<{ faults: FaultService }> = async (app, { faults }) => {
  app.get(
    '/v1/migrations/:id/faults',
    {
      schema: {
        tags: ['faults'],
        operationId: 'listFaultEvents',
        summary: 'Page through the per-page fault events of a migration, in sequence order',
        description:
          `${FILTERS_DOC} Keyset pagination on seq, stable while the migration is still writing events: pages never skip ` +
          'or repeat an event. `nextCursor` is null when the page reached the last stored event; for a running migration, ' +
          'request the same cursor again later to get the events stored since.',
        params: idParamsSchema,
        querystring: faultPageQuerySchema,
        response: { 200: faultPageSchema, ...problems(400, 401, 403, 404, 409, 503) },
      },
    },
    async (req) => {
      const page = await faults.list(req.params.id, req.query);
      return { items: page.items.map(toFaultEventDto), nextCursor: page.nextCursor, sampleEvery: page.sampleEvery };
    },
  );

  app.get(
    '/v1/migrations/:id/faults/export',
    {
      compress: false, // gzip only, at level 1, negotiated below
      schema: {
        tags: ['faults'],
        operationId: 'exportFaultEvents',
        summary: 'Stream every matching fault event as NDJSON or CSV',
        description:
          `${FILTERS_DOC} Streams all matching events in sequence order, as of the start of the request, with constant ` +
          'memory on the server (a database cursor read as fast as the client reads). The events are those of ' +
          '`GET /v1/migrations/{id}/faults` with the same filters. Compressed with gzip (`Content-Encoding: gzip`) when ' +
          'the request accepts it (`Accept-Encoding: gzip`). A client that disconnects stops the query.',
        params: idParamsSchema,
        querystring: faultExportQuerySchema,
        response: {
          200: {
            description: 'The matching events (format=ndjson: application/x-ndjson; format=csv: text/csv).',
            content: {
              'application/x-ndjson': { schema: z.string().describe('One FaultEvent JSON object per line.') },
              'text/csv': { schema: z.string().describe('A header line, then one line per event: the FaultEvent fields in order.') },
            },
          },
          ...problems(400, 401, 403, 404, 409, 429, 503),
        },
      },
    },
    async (req, reply) => {
      const { format, ...filter } = req.query;
      const lines = format === 'csv' ? { header: FAULT_CSV_HEADER, format: faultCsvLines } : { header: '', format: faultNdjsonLines };
      const source = await faults.export(req.params.id, filter, lines); // 404/400 before anything is sent
      // Belt and braces: fastify destroys a stream payload when the response closes early, and so do we.
      reply.raw.on('close', () => {
        if (!reply.raw.writableFinished) source.destroy();
      });
      reply
        .header('content-type', MEDIA_TYPES[format])
        .header('content-disposition', `attachment; filename="faults-${req.params.id}.${format}"`)
        .header('vary', 'accept-encoding');
      // The documented body type is the text of the stream; fastify pipes a stream payload as it is.
      if (negotiate((req.headers['accept-encoding'] ?? '').toLowerCase(), ['gzip']) !== 'gzip') return reply.send(source as unknown as string);
      reply.header('content-encoding', 'gzip');
      // Level 1: export speed is bounded by the compressor above that, and these lines compress well anyway.
      const gzip = createGzip({ level: zlib.Z_BEST_SPEED });
      return reply.send(pipeline(source, gzip, () => undefined) as unknown as string); // either end closing destroys the other
    },
  );

  app.get(
    '/v1/migrations/:id/faults/stats',
    {
      schema: {
        tags: ['faults'],
        operationId: 'getFaultStats',
        summary: 'Latency distribution, counts, blocktime per vCPU and a timeline of the matching fault events',
        description:
          `${FILTERS_DOC} Computed by the database over the matching events (nothing is loaded into the service). ` +
          'For a migration that has ended, each query is computed once and then answered from a cache.',
        params: idParamsSchema,
        querystring: faultStatsQuerySchema,
        response: { 200: faultStatsSchema, ...problems(400, 401, 403, 404, 409, 503) },
      },
    },
    async (req) => toFaultStatsDto(await faults.stats(req.params.id, req.query), req.query),
  );
};
