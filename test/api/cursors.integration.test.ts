// Forged pagination cursors: whatever a client puts in `cursor`, the answer is a 400 problem that
// names the field, never a database error (500). Cursors are opaque base64url JSON that the API
// issues; these are the ways a hand-made or tampered one can be wrong.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_SUBMISSION } from '../../src/routes/migrations.js';
import type { FaultEventPage, Migration, Problem } from '../support/api-client.js';
import { startStack, type Stack } from '../support/stack.js';

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

const uuid = '0b6f4a8e-5d0c-4c8e-9a51-3f1f7c2d9e10';
const createdAt = '2026-11-21T12:00:00.000Z';

/** Each forged cursor, by what is wrong with it, as it goes into the query string. */
const FORGED: Record<string, string> = {
  'garbage base64': encodeURIComponent('%%%not base64 at all!!'),
  'base64 of text that is not JSON': Buffer.from('not-a-cursor').toString('base64url'),
  'base64 of truncated JSON': Buffer.from('{"seq":"1"').toString('base64url'),
  'JSON null': encode(null),
  'JSON number': encode(42),
  'JSON string': encode('cursor'),
  'JSON array': encode([createdAt, uuid]),
  'empty object': encode({}),
  'an extra field': encode({ createdAt, id: uuid, seq: '1' }),
  'createdAt before Postgres timestamps (4713 BC)': encode({ createdAt: '-010000-01-01T00:00:00.000Z', id: uuid }),
  'createdAt at year 0': encode({ createdAt: '0000-06-01T00:00:00.000Z', id: uuid }),
  'createdAt after Postgres timestamps (294276 AD), beyond JavaScript dates too': encode({ createdAt: '+294277-01-01T00:00:00.000Z', id: uuid }),
  'createdAt that is no date': encode({ createdAt: '2026-02-30T00:00:00.000Z', id: uuid }),
  'createdAt as a number': encode({ createdAt: 1_790_000_000_000, id: uuid }),
  'id of 36 dashes, not a UUID': encode({ createdAt, id: '-'.repeat(36) }),
  'id that is no UUID': encode({ createdAt, id: 'migration-1' }),
  'id as a number': encode({ createdAt, id: 1 }),
  'negative seq': encode({ seq: '-1' }),
  'non-integer seq': encode({ seq: '1.5' }),
  'seq in exponent notation': encode({ seq: '1e3' }),
  'seq beyond int4': encode({ seq: '2147483648' }),
  'seq as a negative number': encode({ seq: -1 }),
  'seq as a fraction': encode({ seq: 0.5 }),
  'empty seq': encode({ seq: '' }),
};

let stack: Stack;
let migration: Migration;

beforeAll(async () => {
  stack = await startStack({ worker: true });
  const { body } = await stack.api.post<Migration>('/v1/migrations', { ...EXAMPLE_SUBMISSION, seed: 77, vm: { arch: 'x86_64', memoryMiB: 64, vcpus: 2 } });
  // Finished, with stored fault events: the fault query really reaches the partition.
  migration = await stack.api.waitFor(body.id);
  expect(migration.eventCount).toBeGreaterThan(0);
});
afterAll(() => stack?.close());

/** Every route that takes a cursor, with a query that would otherwise succeed. */
const ROUTES = () => [
  { route: 'GET /v1/migrations', path: '/v1/migrations?limit=5' },
  { route: 'GET /v1/migrations?status', path: '/v1/migrations?status=succeeded&limit=5' },
  { route: 'GET /v1/migrations/{id}/faults', path: `/v1/migrations/${migration.id}/faults?limit=5` },
  { route: 'GET /v1/migrations/{id}/faults (filtered)', path: `/v1/migrations/${migration.id}/faults?limit=5&vcpu=0` },
];

describe('a forged cursor is a 400 problem naming `cursor`', () => {
  it.each(Object.entries(FORGED))('%s', async (_what, cursor) => {
    for (const { route, path } of ROUTES()) {
      const res = await stack.api.get<Problem>(`${path}&cursor=${cursor}`);
      expect(res.status, `${route}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.headers.get('content-type'), route).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 400, title: 'Invalid request' });
      expect(res.body.errors, route).toEqual([expect.objectContaining({ in: 'query', field: 'cursor' })]);
    }
  });

  it('the cursors the API issues still page through (the boundaries of the forged ones are valid)', async () => {
    const list = await stack.api.get<{ items: Migration[]; nextCursor: string | null }>('/v1/migrations?limit=1');
    expect(list.status).toBe(200);
    const faults = await stack.api.get<FaultEventPage>(`/v1/migrations/${migration.id}/faults?limit=1`);
    expect(faults.body.nextCursor).not.toBeNull();
    expect((await stack.api.get(`/v1/migrations/${migration.id}/faults?limit=1&cursor=${faults.body.nextCursor}`)).status).toBe(200);
    // The widest values a cursor can hold: seq at the top of int4, a createdAt at either end of the range.
    expect((await stack.api.get(`/v1/migrations/${migration.id}/faults?cursor=${encode({ seq: '2147483647' })}`)).body).toEqual({ items: [], nextCursor: null, sampleEvery: 1 });
    expect((await stack.api.get(`/v1/migrations/${migration.id}/faults?cursor=${encode({ seq: '0' })}`)).status).toBe(200);
    const oldest = await stack.api.get(`/v1/migrations?cursor=${encode({ createdAt: '0001-01-01T00:00:00.000Z', id: uuid })}`);
    expect(oldest.body).toEqual({ items: [], nextCursor: null });
    const newest = await stack.api.get<{ items: Migration[] }>(`/v1/migrations?cursor=${encode({ createdAt: '9999-12-31T23:59:59.999Z', id: randomUUID() })}`);
    expect(newest.body.items.map((m) => m.id)).toContain(migration.id);
  });

  it('an unknown migration with a forged cursor: the request is invalid before anything is looked up', async () => {
    const res = await stack.api.get<Problem>(`/v1/migrations/${randomUUID()}/faults?cursor=${FORGED['negative seq']}`);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ in: 'query', field: 'cursor' })]);
  });
});

describe("the event stream's cursor, Last-Event-ID", () => {
  // The id of an SSE event is the stream's resume point, sent back by EventSource on reconnection.
  // One beyond Redis' 64-bit stream ids used to fail only after the stream had started (200, then
  // nothing), so that EventSource reconnected with it forever.
  it.each([
    ['milliseconds beyond 64 bits', '18446744073709551616-0'],
    ['sequence beyond 64 bits', '1-18446744073709551616'],
    ['the largest stream id, after which nothing can come', '18446744073709551615-18446744073709551615'],
    ['not a stream id', 'yesterday'],
  ])('%s: 400 naming last-event-id', async (_what, lastEventId) => {
    const res = await stack.api.request<Problem>('GET', `/v1/migrations/${migration.id}/events`, { headers: { 'last-event-id': lastEventId } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual([expect.objectContaining({ in: 'headers', field: 'last-event-id' })]);
  });

  it('an id just below the largest is a resume point: of a finished migration, only the summary follows', async () => {
    const last = '18446744073709551615-18446744073709551614';
    const res = await fetch(`${stack.baseUrl}/v1/migrations/${migration.id}/events`, { headers: { 'last-event-id': last } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain('event: progress');
    expect(text).toContain('id: end\nevent: summary');
  });
});
