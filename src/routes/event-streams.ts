import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ClosableStream, ServerSentEvent } from '../plugins/sse.js';
import { tenantOf } from '../plugins/auth.js';
import { END_EVENT_ID } from '../services/migration-events.js';
import type { StreamSlots } from '../services/tenants.js';
import { problems } from './schemas.js';

/** The responses of a Server-Sent Events route whose events' `data` is `schema` (named `name`). */
export function eventStreamResponses(schema: z.ZodType, name: string) {
  return {
    200: {
      description: `An event stream; each event's \`data\` is one ${name}.`,
      content: { 'text/event-stream': { schema } },
    },
    204: z.null().describe(`Last-Event-ID was "${END_EVENT_ID}": the stream already ended; do not reconnect.`),
    ...problems(400, 401, 403, 404, 429, 503),
  };
}

/** The headers of a stream route: Last-Event-ID, when given, must be an id `pattern` says this stream issues (else 400). */
export function lastEventIdHeaders(pattern: RegExp) {
  return z.looseObject({
    'last-event-id': z
      .string()
      .regex(pattern, 'not an event id this API issued')
      .optional()
      .describe('The id of the last event received: the stream resumes right after it (sent by EventSource on reconnection).'),
  });
}

/**
 * Answers with the stream `open` gives (null: it already ended, 204), under a slot of the tenant's
 * per open stream (429 beyond the caps), given back when the connection closes, however; the stream
 * ends when its API key is revoked. `open` fails (400, 404, 503) before the stream starts.
 */
export async function answerWithStream<T>(
  req: FastifyRequest,
  reply: FastifyReply,
  slots: StreamSlots,
  open: () => Promise<ClosableStream<T> | null>,
  toEvent: (item: T) => ServerSentEvent,
): Promise<void> {
  const release = slots.acquire(tenantOf(req));
  reply.raw.once('close', release);
  try {
    const stream = await open();
    if (stream === null) {
      await reply.code(204).send(null);
      return;
    }
    // A key revoked while its stream is open ends the stream (a reconnection is then refused, 401).
    const unwatch = req.watchKey(() => {
      req.log.info('API key revoked: its event stream is closed');
      stream.close();
    });
    reply.raw.once('close', unwatch);
    await reply.sendEventStream(stream, toEvent);
  } catch (err) {
    release();
    throw err;
  }
}
