// Issue 10, defect 4: five export clients that stopped reading held five connections of the one
// pool for minutes (until idle_in_transaction_session_timeout): fault pages and stats hung and
// /readyz said 503. Now exports have a pool of their own, at most EXPORT_CONCURRENCY stream at once
// (one more is a 429 naming the limit, with Retry-After), a reader that stops reading for
// EXPORT_IDLE_TIMEOUT_MS is cut off (its response ended, its connection released), and readiness
// has a connection of its own. Real worker, Postgres and Redis; the stalled clients are raw sockets
// that stop reading, so the server's writes really block.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Migration } from '../support/api-client.js';
import { LARGE_MIGRATION, ownDatabase } from '../support/faults.js';
import { until } from '../support/processes.js';
import { startStack, type Stack } from '../support/stack.js';

const CONCURRENCY = 4;
const IDLE_MS = 2_000;

let stack: Stack;
let migration: Migration;
let database: Awaited<ReturnType<typeof ownDatabase>>;

beforeAll(async () => {
  // A database of its own: no other test's dispatcher reconciles this migration.
  database = await ownDatabase();
  stack = await startStack({ worker: true, env: { DATABASE_URL: database.url, EXPORT_CONCURRENCY: String(CONCURRENCY), EXPORT_IDLE_TIMEOUT_MS: String(IDLE_MS), PG_CONNECT_TIMEOUT_MS: '3000' } });
  // Plain fetch: this file is about the export path, not the contract (other tests check that).
  const submitted = await fetch(`${stack.baseUrl}/v1/migrations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(LARGE_MIGRATION) });
  expect(submitted.status).toBe(202);
  const { id } = (await submitted.json()) as Migration;
  migration = await until(async () => {
    const m = (await (await fetch(`${stack.baseUrl}/v1/migrations/${id}`)).json()) as Migration;
    return m.status !== 'queued' && m.status !== 'running' && m;
  }, 60_000, 'the migration to end');
  expect(migration.status).toBe('succeeded');
  expect(migration.eventCount).toBeGreaterThan(100_000);
}, 120_000);
afterAll(async () => {
  await stack?.close();
  await database?.drop();
});

/** A GET over a raw socket whose reading the test controls: it reads the first chunk, then stops. */
interface StalledExport {
  socket: net.Socket;
  /** Status line and headers, from the first chunk. */
  head: string;
  /** Reads everything left until the server closes; the whole response as latin1. */
  drain(): Promise<string>;
}

async function stalledGet(path: string): Promise<StalledExport> {
  const { port } = new URL(stack.baseUrl);
  const socket = net.connect({ host: '127.0.0.1', port: Number(port) });
  socket.on('error', () => undefined); // a reset by the server is what some of these expect
  const chunks: Buffer[] = [];
  socket.write(`GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
  await new Promise<void>((resolve, reject) => {
    socket.once('data', (d: Buffer) => {
      chunks.push(d);
      socket.pause(); // stop reading: the kernel buffers fill up, then the server's writes block
      resolve();
    });
    socket.once('close', () => reject(new Error('closed before answering')));
  });
  const all = () => Buffer.concat(chunks).toString('latin1');
  return {
    socket,
    head: all().split('\r\n\r\n')[0],
    drain: () =>
      new Promise((resolve) => {
        socket.on('data', (d: Buffer) => chunks.push(d));
        socket.once('close', () => resolve(all()));
        socket.resume();
      }),
  };
}

const fetchOk = (path: string) => fetch(`${stack.baseUrl}${path}`, { signal: AbortSignal.timeout(15_000) });

describe('idle export readers', () => {
  it('the fifth concurrent export is a 429 naming the limit; pages, stats and readiness keep answering; stalled readers are cut off', async () => {
    const exportPath = `/v1/migrations/${migration.id}/faults/export`;
    const stalled: StalledExport[] = [];
    for (let i = 0; i < CONCURRENCY; i++) stalled.push(await stalledGet(exportPath));
    for (const s of stalled) expect(s.head).toMatch(/^HTTP\/1\.1 200 /);

    // One more: refused at once, naming the limit, with Retry-After.
    const refused = await fetchOk(exportPath);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const problem = (await refused.json()) as { detail: string };
    expect(problem).toMatchObject({ status: 429, title: 'Too many requests' });
    expect(problem.detail).toContain('EXPORT_CONCURRENCY');

    // Everything else is served while the exports hold their whole pool (a hang fails on the timeout).
    const page = await fetchOk(`/v1/migrations/${migration.id}/faults?limit=1000`);
    expect(page.status).toBe(200);
    expect(((await page.json()) as { items: unknown[] }).items).toHaveLength(1000);
    const stats = await fetchOk(`/v1/migrations/${migration.id}/faults/stats?buckets=7`);
    expect(stats.status).toBe(200);
    expect(((await stats.json()) as { total: number }).total).toBe(migration.eventCount);
    const ready = await fetchOk('/readyz');
    expect(ready.status, await ready.clone().text()).toBe(200);

    // The stalled readers are cut off after the idle timeout, which frees every slot: as many new
    // exports (small ones, read to the end) as the limit are accepted at once again.
    const small = `${exportPath}?vcpu=0`;
    const accepted = await until(
      async () => {
        const answers = await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
          const res = await fetchOk(small);
          return { status: res.status, body: await res.text() };
        }));
        return answers.every((a) => a.status === 200) && answers;
      },
      30_000,
      'every export slot to be free',
    );
    for (const a of accepted) expect(a.body.split('\n').filter(Boolean).length).toBeGreaterThan(0);

    // Each stalled response was ended by the server before its end: chunked framing without the
    // final zero-length chunk, and far fewer lines than the migration's events.
    for (const s of stalled) {
      const response = await s.drain();
      expect(response.endsWith('\r\n0\r\n\r\n')).toBe(false);
      expect(response.split('\n').length).toBeLessThan(migration.eventCount);
    }
  }, 90_000);

  it('a reader that pauses often, each time for less than the idle timeout, gets the whole export', async () => {
    const { port } = new URL(stack.baseUrl);
    const socket = net.connect({ host: '127.0.0.1', port: Number(port) });
    const chunks: Buffer[] = [];
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    // Read 2 MB, pause for half the idle timeout, again: in all far longer than the timeout, but
    // never idle that long at a stretch.
    let pauses = 0;
    let sinceResume = 0;
    socket.on('data', (d: Buffer) => {
      chunks.push(d);
      sinceResume += d.length;
      if (sinceResume >= 2 << 20) {
        socket.pause();
        sinceResume = 0;
        pauses++;
        setTimeout(() => socket.resume(), IDLE_MS / 2);
      }
    });
    socket.write(`GET /v1/migrations/${migration.id}/faults/export?format=csv HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
    await closed;
    const response = Buffer.concat(chunks).toString('latin1');
    expect(response).toMatch(/^HTTP\/1\.1 200 /);
    expect(response.endsWith('\r\n0\r\n\r\n'), 'the response ended normally').toBe(true);
    expect(pauses * (IDLE_MS / 2)).toBeGreaterThan(2 * IDLE_MS);
  }, 90_000);
});
