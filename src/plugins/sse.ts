import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';
import fp from 'fastify-plugin';

/** One Server-Sent Event: `id`, `event` (its type) and `data` (sent as one line of JSON). */
export interface ServerSentEvent {
  id: string;
  event: string;
  data: unknown;
}

/** What a stream sends: it ends by itself, or at its next step after close() (client gone, server closing). */
export interface ClosableStream<T> extends AsyncIterable<T> {
  close(): void;
}

declare module 'fastify' {
  interface FastifyReply {
    /**
     * Answers 200 text/event-stream and sends each item of `source` as an event, until it ends or
     * the client goes; resolves when the response has ended. Always closes `source`.
     */
    sendEventStream<T>(source: ClosableStream<T>, toEvent: (item: T) => ServerSentEvent): Promise<void>;
  }
}

/** Reconnection delay the server suggests to EventSource clients. */
const RETRY_MS = 1_000;
/** How long a closing server waits for its streams to end before it cuts slow clients off. */
const CLOSE_GRACE_MS = 2_000;

/**
 * Server-Sent Events over a hijacked reply: the framing (id/event/data lines, `retry`, `: heartbeat`
 * comments every heartbeatMs so that proxies keep idle connections), writes that wait for a slow
 * client, and the end of every open stream when the server closes.
 */
export default fp<{ heartbeatMs: number }>(
  async (app, { heartbeatMs }) => {
    const open = new Map<ClosableStream<unknown>, { ended: Promise<void>; res: ServerResponse }>();

    app.addHook('preClose', async () => {
      // End them before the server closes, so that their connections are idle and close at once;
      // a client too slow to take the rest is cut off.
      for (const source of open.keys()) source.close();
      let timer: NodeJS.Timeout | undefined;
      const ended = Promise.all([...open.values()].map((s) => s.ended));
      const late = await Promise.race([ended.then(() => false), new Promise<boolean>((r) => (timer = setTimeout(r, CLOSE_GRACE_MS, true)))]);
      clearTimeout(timer);
      if (late) for (const { res } of open.values()) res.destroy();
    });

    app.decorateReply('sendEventStream', async function sendEventStream<T>(
      this: FastifyReply,
      source: ClosableStream<T>,
      toEvent: (item: T) => ServerSentEvent,
    ): Promise<void> {
      this.hijack();
      const res = this.raw;
      res.setHeader('content-type', 'text/event-stream; charset=utf-8');
      res.setHeader('cache-control', 'no-cache, no-transform');
      res.setHeader('connection', 'keep-alive');
      res.setHeader('x-accel-buffering', 'no'); // nginx: do not buffer the stream
      res.setHeader('x-request-id', this.request.id); // a hijacked reply skips the onSend hook that sets it
      res.writeHead(200);
      const stop = () => source.close();
      res.on('close', stop);
      let ended!: () => void;
      open.set(source, { ended: new Promise<void>((resolve) => (ended = resolve)), res });
      const heartbeat = setInterval(() => {
        if (!res.destroyed && !res.writableEnded) res.write(': heartbeat\n\n');
      }, heartbeatMs);
      try {
        await write(res, `retry: ${RETRY_MS}\n\n`);
        for await (const item of source) await write(res, frame(toEvent(item)));
      } catch (err) {
        // The client reconnects with Last-Event-ID and resumes where this stream stopped.
        this.request.log.warn({ err }, 'event stream aborted');
      } finally {
        clearInterval(heartbeat);
        source.close();
        open.delete(source);
        res.end(ended);
      }
    });
  },
  { name: 'sse' },
);

/** JSON.stringify never writes a line break, so `data` is always a single line. */
function frame({ id, event, data }: ServerSentEvent): string {
  return `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Writes, waiting for the socket to drain when the client reads slowly. */
async function write(res: ServerResponse, chunk: string): Promise<void> {
  if (res.destroyed || res.writableEnded) return;
  if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
}
