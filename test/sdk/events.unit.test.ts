import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, expect, it } from 'vitest';
import { PostcopyClient, type EventMessage } from '../../sdk/src/index.js';

/**
 * The SDK's event stream against a plain HTTP server that writes the wire format by hand: the
 * framing the service never produces (CRLF, events split across writes, ids inherited, a cut
 * connection) must still parse as EventSource does. No Postgres or Redis.
 */
let server: http.Server | undefined;
afterEach(async () => {
  server?.closeAllConnections(); // fetch may leave an idle spare connection open, which close() would wait out
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
});

async function serve(handler: (req: http.IncomingMessage, res: http.ServerResponse, n: number) => Promise<void>): Promise<string> {
  let n = 0;
  server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.flushHeaders();
    void handler(req, res, n++);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Writes each piece in its own TCP write, so that the client sees lines and events cut anywhere. */
async function write(res: http.ServerResponse, ...pieces: string[]): Promise<void> {
  for (const piece of pieces) {
    res.write(piece);
    await sleep(5);
  }
}

const progress = (faults: number) => JSON.stringify({ type: 'progress', simTimeNs: faults, phase: 'postcopy', pagesPresent: 1, pagesTotal: 2, faults, blocktimeNs: 0, progress: 0.5 });

it('parses CRLF, split and id-less events, then resumes with Last-Event-ID after a cut connection', async () => {
  const lastEventIds: Array<string | undefined> = [];
  const baseUrl = await serve(async (req, res, n) => {
    lastEventIds.push(req.headers['last-event-id'] as string | undefined);
    if (n === 0) {
      await write(
        res,
        'retry: 20\r\n: heartbeat\r\n',
        'id: 1-0\r\nevent: status\r\ndata: {"type":"status","status":"running","attempt":1,"at":"2026-11-21T00:00:00Z"}\r\n\r',
        '\n',
        `data: ${progress(1).slice(0, 10)}`, // a line cut mid-way
        `${progress(1).slice(10)}\n\n`, // no id: keeps the last one (1-0)
        `id: 2-0\nevent: progress\ndata: ${progress(2)}\n\n`,
        `id: 3-0\ndata: {"type":"prog`, // cut before the event ends: dropped
      );
      res.destroy();
    } else {
      await write(res, `id: 3-0\nevent: progress\ndata: ${progress(3)}\n\n`, `id: end\nevent: summary\ndata: {"type":"summary","migration":{"id":"m"}}\n\n`);
      res.end();
    }
  });

  const client = new PostcopyClient({ baseUrl });
  const seen: EventMessage[] = [];
  const started = Date.now();
  for await (const message of client.events('m')) seen.push(message);

  expect(seen.map((m) => [m.id, m.event.type, m.event.type === 'progress' ? m.event.faults : null])).toEqual([
    ['1-0', 'status', null],
    ['1-0', 'progress', 1],
    ['2-0', 'progress', 2],
    ['3-0', 'progress', 3],
    ['end', 'summary', null],
  ]);
  expect(lastEventIds).toEqual([undefined, '2-0']); // resumed after the last complete event
  expect(Date.now() - started).toBeLessThan(1_000); // waited the server's retry (20 ms), not the 1 s default
});

it('closes the connection when the consumer stops iterating', async () => {
  let closed!: () => void;
  const connectionClosed = new Promise<void>((resolve) => (closed = resolve));
  const baseUrl = await serve(async (_req, res) => {
    res.on('close', closed);
    await write(res, `id: 1-0\ndata: ${progress(1)}\n\n`); // then stays open, as a live stream does
  });

  for await (const message of new PostcopyClient({ baseUrl }).events('m')) {
    expect(message.id).toBe('1-0');
    break;
  }
  await connectionClosed;
});
