import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../errors.js';
import { TERMINAL_STATUSES } from '../db/migrations-repo.js';
import { STREAM_ID, type ProgressLogEntry } from '../queue/progress-log.js';
import type { LiveEvents } from '../services/live-events.js';
import type { MigrationService } from '../services/migration-service.js';
import { simulationProgressSchema } from '../sim/index.js';
import { toMigrationDto } from './presenters.js';
import { idParamsSchema, migrationSchema, problems } from './schemas.js';

/** The id of the last event of every stream; resuming after it answers 204 (nothing will follow). */
export const END_EVENT_ID = 'end';
/** Reconnection delay the server suggests to EventSource clients. */
const RETRY_MS = 1_000;
/** Log entries read per round trip while catching up. */
const READ_BATCH = 500;

export const statusEventSchema = z
  .object({
    type: z.literal('status'),
    status: z.literal('running'),
    attempt: z.int().min(1).describe('1 for the first run; more after a worker crash.'),
    at: z.iso.datetime().describe('When the worker started this attempt.'),
  })
  .meta({ id: 'MigrationStatusEvent', description: 'A worker started (or, after a crash, restarted) the migration.' });

export const phaseEventSchema = z
  .object({
    type: z.literal('phase'),
    phase: z.string().describe('switchover, postcopy, completing, completed or failed.'),
    previousPhase: z.string().nullable(),
    simTimeNs: z.number().describe('Simulated time of the first sample in this phase.'),
  })
  .meta({ id: 'MigrationPhaseEvent', description: 'The simulation entered another phase.' });

export const progressEventSchema = simulationProgressSchema
  .extend({
    type: z.literal('progress'),
    progress: z.number().min(0).max(1).describe('pagesPresent / pagesTotal.'),
  })
  .meta({ id: 'MigrationProgressEvent', description: 'A progress sample: pages present, faults and blocktime so far (about every 250 ms).' });

export const summaryEventSchema = z
  .object({ type: z.literal('summary'), migration: migrationSchema })
  .meta({
    id: 'MigrationSummaryEvent',
    description: `The migration ended (succeeded, failed or cancelled): its final state and summary. Always the last event, with id "${END_EVENT_ID}"; the server then closes the stream.`,
  });

export const migrationEventSchema = z
  .discriminatedUnion('type', [statusEventSchema, phaseEventSchema, progressEventSchema, summaryEventSchema])
  .meta({
    id: 'MigrationEvent',
    description: 'The JSON `data` of one Server-Sent Event; the SSE `event` field equals its `type`.',
  });

export type MigrationEventDto = z.output<typeof migrationEventSchema>;

const eventsHeadersSchema = z.looseObject({
  'last-event-id': z
    .string()
    .regex(new RegExp(`^(${STREAM_ID.source.slice(1, -1)}|${END_EVENT_ID})$`), 'not an event id this API issued')
    .optional()
    .describe('The id of the last event received: the stream resumes right after it (sent by EventSource on reconnection).'),
});

const DESCRIPTION = [
  'Server-Sent Events: `status` when a worker starts the migration, `phase` on phase changes, `progress` samples',
  '(pages present, faults and blocktime so far), and finally `summary` (the final state and summary), after which',
  'the stream ends. A new connection first replays the history (every sample so far), then follows live. Each event',
  'has an `id`; reconnecting with `Last-Event-ID` resumes right after it, without gaps or repeats.',
  'Comment lines (`: heartbeat`) keep idle connections open.',
].join(' ');

/** GET /v1/migrations/{id}/events: live progress, driven by BullMQ job progress and QueueEvents. */
export const eventRoutes: FastifyPluginAsyncZod<{ service: MigrationService; live: LiveEvents; heartbeatMs: number }> = async (
  app,
  { service, live, heartbeatMs },
) => {
  /** The open streams: how to stop each, when it has ended, and its response. */
  const streams = new Map<() => void, { ended: Promise<void>; res: ServerResponse }>();
  app.addHook('preClose', async () => {
    // End them before the server closes, so that their connections are idle and close at once;
    // a client too slow to take the rest is cut off.
    for (const stop of streams.keys()) stop();
    let timer: NodeJS.Timeout | undefined;
    const ended = Promise.all([...streams.values()].map((s) => s.ended));
    const late = await Promise.race([ended.then(() => false), new Promise<boolean>((r) => (timer = setTimeout(r, 2_000, true)))]);
    clearTimeout(timer);
    if (late) for (const { res } of streams.values()) res.destroy();
  });

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
        response: {
          200: {
            description: 'An event stream; each event\'s `data` is a MigrationEvent.',
            content: { 'text/event-stream': { schema: migrationEventSchema } },
          },
          204: z.null().describe(`Last-Event-ID was "${END_EVENT_ID}": the stream already ended; do not reconnect.`),
          ...problems(400, 404, 503),
        },
      },
    },
    async (req, reply) => {
      const { id } = req.params;
      let migration = await service.get(id);
      const lastEventId = req.headers['last-event-id'];
      const terminal = () => TERMINAL_STATUSES.includes(migration.status);
      if (lastEventId === END_EVENT_ID && terminal()) return reply.code(204).send(null);

      const wakeup = new Wakeup();
      let checkStatus = true;
      const unsubscribe = await live
        .subscribe(id, (signal) => {
          if (signal === 'settled') checkStatus = true;
          wakeup.notify();
        })
        .catch((err: Error) => {
          throw new AppError(503, 'Service unavailable', `live events are unavailable: ${err.message}`);
        });

      reply.hijack();
      const res = reply.raw;
      res.setHeader('content-type', 'text/event-stream; charset=utf-8');
      res.setHeader('cache-control', 'no-cache, no-transform');
      res.setHeader('connection', 'keep-alive');
      res.setHeader('x-accel-buffering', 'no');
      res.setHeader('x-request-id', req.id);
      res.writeHead(200);
      let closed = false;
      const stop = () => {
        closed = true;
        wakeup.notify();
      };
      res.on('close', stop);
      let ended!: () => void;
      streams.set(stop, { ended: new Promise<void>((resolve) => (ended = resolve)), res });
      const heartbeat = setInterval(() => {
        if (!closed) res.write(': heartbeat\n\n');
        checkStatus = true; // also a safety net for a missed queue event
        wakeup.notify();
      }, heartbeatMs);

      let cursor = lastEventId && lastEventId !== END_EVENT_ID ? lastEventId : undefined;
      const catchUp = async () => {
        for (;;) {
          const batch = await live.progressLog.read(id, cursor, READ_BATCH);
          for (const { id: eventId, entry } of batch) {
            if (closed) return;
            await send(res, eventId, toEvent(entry));
            cursor = eventId;
          }
          if (batch.length < READ_BATCH) return;
        }
      };

      try {
        await write(res, `retry: ${RETRY_MS}\n\n`);
        while (!closed) {
          await catchUp();
          if (checkStatus && !closed) {
            checkStatus = false;
            migration = await service.get(id);
            if (terminal()) {
              // The worker logs every sample before it records the end in Postgres: read the rest.
              await catchUp();
              if (!closed) await send(res, END_EVENT_ID, { type: 'summary', migration: toMigrationDto(migration) });
              break;
            }
          }
          await wakeup.wait();
        }
      } catch (err) {
        // The client reconnects with Last-Event-ID and resumes where this stream stopped.
        req.log.warn({ err, migrationId: id }, 'event stream aborted');
      } finally {
        clearInterval(heartbeat);
        unsubscribe();
        streams.delete(stop);
        res.end(ended);
      }
    },
  );
};

function toEvent(entry: ProgressLogEntry): MigrationEventDto {
  if (entry.type !== 'progress') return entry;
  return { ...entry, progress: entry.pagesTotal === 0 ? 1 : entry.pagesPresent / entry.pagesTotal };
}

function send(res: ServerResponse, id: string, event: MigrationEventDto): Promise<void> {
  return write(res, `id: ${id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
}

/** Writes, waiting for the socket to drain when the client reads slowly. */
async function write(res: ServerResponse, chunk: string): Promise<void> {
  if (res.destroyed || res.writableEnded) return;
  if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
}

/** A level-triggered wake-up: notify() before wait() is not lost. */
class Wakeup {
  private pending = false;
  private resolve: (() => void) | undefined;

  notify(): void {
    this.pending = true;
    this.resolve?.();
  }

  async wait(): Promise<void> {
    if (!this.pending) await new Promise<void>((r) => (this.resolve = r));
    this.pending = false;
    this.resolve = undefined;
  }
}
