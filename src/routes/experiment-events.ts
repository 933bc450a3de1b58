import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { resultRowSchema } from '../experiments/results.js';
import { EXPERIMENT_EVENT_ID, type ExperimentEventsService } from '../services/experiment-events.js';
import { END_EVENT_ID } from '../services/migration-events.js';
import { migrationStatusSchema } from '../services/migration-service.js';
import { runningRunSchema } from '../services/experiment-service.js';
import type { StreamSlots } from '../services/tenants.js';
import { answerWithStream, eventStreamResponses, lastEventIdHeaders } from './event-streams.js';
import { EXAMPLE_EXPERIMENT, experimentIdParamsSchema, experimentSchema, progressSchema } from './experiment-schemas.js';
import { toExperimentEventDto } from './experiment-presenter.js';

const progressEventSchema = z
  .object({
    type: z.literal('progress'),
    status: migrationStatusSchema.describe('The experiment\'s status, as GET /v1/experiments/{id} states it.'),
    cancelRequested: z.boolean(),
    progress: progressSchema,
    running: z
      .array(runningRunSchema)
      .describe('The runs in progress, by index, with how far each is (pages present / pages to move): a run reports every 250 ms, so a run shorter than that is never listed.'),
  })
  .meta({
    id: 'ExperimentProgressEvent',
    description: 'The runs in each status and how far the running ones are: first on every connection, then whenever it changes (a running run by a whole percent).',
    examples: [
      {
        type: 'progress',
        status: 'running',
        cancelRequested: false,
        progress: { total: 40, done: 12, fraction: 0.3, byStatus: { queued: 26, running: 2, succeeded: 12, failed: 0, cancelled: 0 } },
        running: [
          { index: 12, progress: 0.64 },
          { index: 13, progress: 0.18 },
        ],
      },
    ],
  });

const runEventSchema = z
  .object({ type: z.literal('run'), run: resultRowSchema.meta({ id: 'ExperimentResultRow', examples: [EXAMPLE_EXPERIMENT.results.runs[0]] }) })
  .meta({
    id: 'ExperimentRunEvent',
    description: 'A run ended: its row of the results table (ExperimentResults.runs), final. Each run is sent once per stream, in the order the runs end.',
    examples: [{ type: 'run', run: EXAMPLE_EXPERIMENT.results.runs[1] }],
  });

const summaryEventSchema = z.object({ type: z.literal('summary'), experiment: experimentSchema }).meta({
  id: 'ExperimentSummaryEvent',
  examples: [{ type: 'summary', experiment: EXAMPLE_EXPERIMENT }],
  description: `The experiment ended (succeeded, failed or cancelled): as GET /v1/experiments/{id} answers it, with the whole results table and the aggregates over seeds. Always the last event, with id "${END_EVENT_ID}"; the server then closes the stream.`,
});

const experimentEventSchema = z.discriminatedUnion('type', [progressEventSchema, runEventSchema, summaryEventSchema]).meta({
  id: 'ExperimentEvent',
  description: 'The JSON `data` of one Server-Sent Event; the SSE `event` field equals its `type`.',
});

export type ExperimentEventDto = z.output<typeof experimentEventSchema>;

const eventsHeadersSchema = lastEventIdHeaders(EXPERIMENT_EVENT_ID);

const DESCRIPTION = [
  'Server-Sent Events: `progress` (the runs in each status, how far the running ones are) on connection and whenever it changes, `run` when a run ends',
  '(its row of the results table), and finally `summary` (the experiment with its results table), after which the stream',
  'ends. A new connection first sends every run that has already ended. Each event has an `id` naming the runs sent so far;',
  'reconnecting with `Last-Event-ID` sends the others, so that no run is missed or repeated. Comment lines (`: heartbeat`)',
  'keep idle connections open. Open streams are capped per tenant and per server (429).',
].join(' ');

/** GET /v1/experiments/{id}/events: an experiment followed live (ExperimentEventsService) as Server-Sent Events. */
export const experimentEventRoutes: FastifyPluginAsyncZod<{ events: ExperimentEventsService; slots: StreamSlots }> = async (app, { events, slots }) => {
  app.get(
    '/v1/experiments/:id/events',
    {
      schema: {
        tags: ['experiments'],
        operationId: 'streamExperimentEvents',
        summary: 'Follow an experiment live: progress, each run as it ends, then the results (Server-Sent Events)',
        description: DESCRIPTION,
        params: experimentIdParamsSchema,
        headers: eventsHeadersSchema,
        response: eventStreamResponses(experimentEventSchema, 'ExperimentEvent'),
      },
    },
    (req, reply) => answerWithStream(req, reply, slots, () => events.open(req.params.id, req.headers['last-event-id']), ({ id, event }) => ({ id, event: event.type, data: toExperimentEventDto(event) })),
  );
};
