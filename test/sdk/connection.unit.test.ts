import http from 'node:http';
import net from 'node:net';
import { expect, it } from 'vitest';
import { PostcopyApiError, PostcopyClient, PostcopyConnectionError } from '../../sdk/src/index.js';

/** A loopback port nothing listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

it('no HTTP answer: PostcopyConnectionError names the URL and the reason (not undici\'s bare "fetch failed")', async () => {
  const port = await closedPort();
  const client = new PostcopyClient({ baseUrl: `http://127.0.0.1:${port}` });
  const err = await client.get('00000000-0000-4000-8000-000000000000').catch((e: unknown) => e);
  expect(err).toBeInstanceOf(PostcopyConnectionError);
  expect(err).not.toBeInstanceOf(PostcopyApiError);
  expect((err as PostcopyConnectionError).baseUrl).toBe(`http://127.0.0.1:${port}`);
  expect((err as Error).message).toBe(`cannot reach the service at http://127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}`);
  expect((err as PostcopyConnectionError).cause).toBeInstanceOf(TypeError);
  // an event stream told not to reconnect gives up with the same error
  const events = client.experimentEvents('00000000-0000-4000-8000-000000000000', { reconnect: false });
  await expect(events.next()).rejects.toBeInstanceOf(PostcopyConnectionError);
});

it('an aborted request rejects with the abort, not as a connection error', async () => {
  const server = http.createServer(() => undefined); // never answers
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const client = new PostcopyClient({ baseUrl: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}` });
    const err = await client.get('00000000-0000-4000-8000-000000000000', { signal: AbortSignal.timeout(100) }).catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(PostcopyConnectionError);
    expect((err as Error).name).toBe('TimeoutError');
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
