import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  END_EVENT_ID,
  EVENT_ID,
  phaseEntrySchema,
  progressEntrySchema,
  statusEntrySchema,
  type MigrationEventsService,
} from '../services/migration-events.js';
import { toMigrationEventDto } from './presenters.js';
import { answerWithStream, eventStreamResponses, lastEventIdHeaders } from './event-streams.js';
import type { StreamSlots } from '../services/tenants.js';
import { EXAMPLE_MIGRATION, idParamsSchema, migrationSchema } from './schemas.js';

/**
 * The events of the stream: the entries of the progress history as its log defines them, then the
 * summary. Named here rather than in schemas.ts because registration order is the order of the
 * components in openapi.yaml, where these follow those of the other routes.
 */
const statusEventSchema = statusEntrySchema.meta({
  id: 'MigrationStatusEvent',
  description: 'A worker started (or, after a crash, restarted) the migration.',
  examples: [{ type: 'status', status: 'running', attempt: 1, at: '2026-03-02T09:14:07.618Z' }],
});

const phaseEventSchema = phaseEntrySchema.meta({
  id: 'MigrationPhaseEvent',
  description: 'The simulation entered another phase.',
  examples: [{ type: 'phase', phase: 'postcopy', previousPhase: 'switchover', simTimeNs: 1250000 }],
});

const progressEventSchema = progressEntrySchema
  .extend({ progress: z.number().min(0).max(1).describe('pagesPresent / pagesTotal.') })
  .meta({
    id: 'MigrationProgressEvent',
    description: 'A progress sample: pages present, faults and blocktime so far (about every 250 ms).',
    examples: [
      { simTimeNs: 48000000, phase: 'postcopy', pagesPresent: 32768, pagesTotal: 65536, faults: 1873, blocktimeNs: 61420000, type: 'progress', progress: 0.5 },
    ],
  });

const summaryEventSchema = z
  .object({ type: z.literal('summary'), migration: migrationSchema })
  .meta({
    id: 'MigrationSummaryEvent',
    description: `The migration ended (succeeded, failed or cancelled): its final state and summary. Always the last event, with id "${END_EVENT_ID}"; the server then closes the stream.`,
    // One cancelled before a worker started it: no summary.
    examples: [{ type: 'summary', migration: { ...EXAMPLE_MIGRATION, status: 'cancelled', cancelRequested: true, finishedAt: '2026-03-02T09:14:08.041Z' } }],
  });

const migrationEventSchema = z
  .discriminatedUnion('type', [statusEventSchema, phaseEventSchema, progressEventSchema, summaryEventSchema])
  .meta({
    id: 'MigrationEvent',
    description: 'The JSON `data` of one Server-Sent Event; the SSE `event` field equals its `type`.',
  });

export type MigrationEventDto = z.output<typeof migrationEventSchema>;

const eventsHeadersSchema = lastEventIdHeaders(EVENT_ID);

const DESCRIPTION = [
  'Server-Sent Events: `status` when a worker starts the migration, `phase` on phase changes, `progress` samples',
  '(pages present, faults and blocktime so far), and finally `summary` (the final state and summary), after which',
  'the stream ends. A new connection first replays the history (every sample so far), then follows live. Each event',
  'has an `id`; reconnecting with `Last-Event-ID` resumes right after it, without gaps or repeats.',
  'Comment lines (`: heartbeat`) keep idle connections open. Open streams are capped per tenant and per server (429).',
].join(' ');

/** GET /v1/migrations/{id}/events: live progress (MigrationEventsService) as Server-Sent Events (plugins/sse.ts). */
export const eventRoutes: FastifyPluginAsyncZod<{ events: MigrationEventsService; slots: StreamSlots }> = async (app, { events, slots }) => {
  app.get(
    '/v1/migrations/:id/events',
    {
      schema: {
        tags: ['migrations'],
        operationId: 'streamMigrationEvents',
        summary: 'Follow a migration live (Server-Sent Events)',
        description: DESCRIPTION,
        params: idParamsSchema,
        headers: eventsHeadersSchema,
        response: eventStreamResponses(migrationEventSchema, 'MigrationEvent'),
      },
    },
    (req, reply) => answerWithStream(req, reply, slots, () => events.open(req.params.id, req.headers['last-event-id']), ({ id, event }) => ({ id, event: event.type, data: toMigrationEventDto(event) })),
  );
};
