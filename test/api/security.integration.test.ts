// Security of the API (README "Security"): API keys and tenants, admin routes, cross-site requests,
// page headers, and the tenants' limits; against the real service, Postgres and Redis.
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EXAMPLE_SUBMISSION } from '../../src/routes/migrations.js';
import { migrationSpecSchema } from '../../src/sim/index.js';
import { ApiClient, type Migration } from '../support/api-client.js';
import { startStack, type Stack } from '../support/stack.js';

const small = (seed: number) => ({ ...EXAMPLE_SUBMISSION, seed, vm: { arch: 'x86_64', memoryMiB: 64, vcpus: 2 } });
const uid = () => randomBytes(3).toString('hex');

/** Plain fetch, for what the SDK's contract check must not see (undocumented routes, forged headers). */
async function http(base: string, method: string, path: string, headers: Record<string, string> = {}, body?: string) {
  const res = await fetch(`${base}${path}`, { method, headers, body });
  const text = await res.text();
  const json = res.headers.get('content-type')?.includes('json') && text ? JSON.parse(text) : undefined;
  return { status: res.status, headers: res.headers, text, json };
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

/** Every operation of openapi.yaml on one migration ({id}), as the contract lists them: a new route is covered without editing this test. */
/** Every operation of openapi.yaml on one resource (its paths start with `prefix`). */
const operationsOn = (prefix: string): Array<{ method: string; path: string }> =>
  Object.entries((parse(readFileSync(new URL('../../openapi.yaml', import.meta.url), 'utf8')) as { paths: Record<string, Record<string, unknown>> }).paths)
    .filter(([path]) => path.startsWith(prefix))
    .flatMap(([path, item]) => Object.keys(item).filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m)).map((m) => ({ method: m.toUpperCase(), path })));
const OPERATIONS_ON_A_MIGRATION = operationsOn('/v1/migrations/{id}');
const OPERATIONS_ON_AN_EXPERIMENT = operationsOn('/v1/experiments/{id}');

describe('keys and tenants (AUTH=on)', () => {
  let stack: Stack;
  let other: ApiClient & { key: string; keyId: string };
  let theirs: Migration;

  beforeAll(async () => {
    stack = await startStack({ worker: true, auth: true });
    other = await stack.clientFor(`other-${uid()}`);
    const res = await stack.api.post<Migration>('/v1/migrations', small(1), { 'idempotency-key': 'shared-key' });
    expect(res.status).toBe(202);
    theirs = await stack.api.waitFor(res.body.id);
    expect(theirs.status).toBe('succeeded');
    expect(theirs.eventCount).toBeGreaterThan(0);
  });
  afterAll(() => stack?.close());

  it('a request without a key, with a malformed or unknown key, is a 401 problem naming the header', async () => {
    const anonymous = new ApiClient(stack.baseUrl); // the contract check applies: 401 is documented
    for (const client of [anonymous, new ApiClient(stack.baseUrl, 'not-a-key'), new ApiClient(stack.baseUrl, `pcl_${'0'.repeat(32)}_${'A'.repeat(43)}`)]) {
      const res = await client.get(`/v1/migrations/${theirs.id}`);
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm=/);
      expect(res.body).toMatchObject({ status: 401, title: 'Unauthorized', errors: [{ in: 'headers', field: 'authorization' }] });
    }
    // A real key with one character changed: same id, wrong secret.
    const tampered = `${stack.api.apiKey!.slice(0, -1)}${stack.api.apiKey!.endsWith('A') ? 'B' : 'A'}`;
    expect((await new ApiClient(stack.baseUrl, tampered).get('/v1/migrations')).status).toBe(401);
    // A real key followed by anything else is not "Bearer <key>".
    const trailing = await fetch(`${stack.baseUrl}/v1/migrations`, { headers: { authorization: `Bearer ${stack.api.apiKey} junk` } });
    expect(trailing.status).toBe(401);
    expect(await trailing.json()).toMatchObject({ errors: [{ in: 'headers', field: 'authorization', message: 'not a Bearer credential' }] });
  });

  it('a revoked key is refused from the next request on; other keys of the tenant keep working', async () => {
    const second = await stack.clientFor(stack.tenant);
    expect((await second.get(`/v1/migrations/${theirs.id}`)).status).toBe(200);
    await stack.container.apiKeys.revoke(second.keyId);
    const res = await second.get(`/v1/migrations/${theirs.id}`);
    expect(res.status).toBe(401);
    expect(res.body.errors[0]).toMatchObject({ field: 'authorization', message: 'invalid or revoked key' });
    expect((await stack.api.get(`/v1/migrations/${theirs.id}`)).status).toBe(200);
  });

  it(`another tenant's key gets 404 on every operation on the migration (${OPERATIONS_ON_A_MIGRATION.length} of them) and changes nothing`, async () => {
    expect(OPERATIONS_ON_A_MIGRATION.map((o) => `${o.method} ${o.path}`)).toEqual(
      expect.arrayContaining(['GET /v1/migrations/{id}', 'POST /v1/migrations/{id}/cancel', 'DELETE /v1/migrations/{id}', 'GET /v1/migrations/{id}/faults', 'GET /v1/migrations/{id}/faults/export', 'GET /v1/migrations/{id}/faults/stats', 'GET /v1/migrations/{id}/violations', 'GET /v1/migrations/{id}/events']),
    );
    const missing = await other.get(`/v1/migrations/${crypto.randomUUID()}`);
    for (const { method, path } of OPERATIONS_ON_A_MIGRATION) {
      const res = await other.request(method, path.replace('{id}', theirs.id));
      expect(res.status, `${method} ${path}`).toBe(404);
      // Exactly what a migration that does not exist gets: nothing tells that it exists.
      expect(res.body.title).toBe(missing.body.title);
      expect(res.body.detail).toBe(`migration ${theirs.id} does not exist`);
    }
    const after = await stack.api.get<Migration>(`/v1/migrations/${theirs.id}`);
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ status: 'succeeded', eventCount: theirs.eventCount, cancelRequested: false });
    const page = await stack.api.get(`/v1/migrations/${theirs.id}/faults?limit=1`);
    expect(page.body.items).toHaveLength(1);
  });

  it(`another tenant's key gets 404 on every operation on an experiment (${OPERATIONS_ON_AN_EXPERIMENT.length} of them) and changes nothing`, async () => {
    expect(OPERATIONS_ON_AN_EXPERIMENT.length).toBeGreaterThanOrEqual(4);
    const mine = await stack.api.sdk.experiment({ base: { seed: 3, vm: { memoryMiB: 64, vcpus: 1 } }, seeds: 2 });
    const ended = await stack.api.sdk.waitForExperiment(mine.id, { intervalMs: 100, timeoutMs: 60_000 });
    for (const { method, path } of OPERATIONS_ON_AN_EXPERIMENT) {
      const res = await other.request(method, path.replace('{id}', mine.id));
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.detail).toBe(`experiment ${mine.id} does not exist`);
    }
    const after = await stack.api.sdk.getExperiment(mine.id);
    expect(after).toMatchObject({ status: 'succeeded', cancelRequested: false, results: ended.results });
  });

  it('lists hold only the own tenant\'s migrations; an idempotency key is the tenant\'s own', async () => {
    // The same Idempotency-Key with another body: for the other tenant a new migration, not a 422
    // (which would tell that the key is in use) and not the first tenant's migration.
    const mine = await other.post<Migration>('/v1/migrations', small(2), { 'idempotency-key': 'shared-key' });
    expect(mine.status).toBe(202);
    expect(mine.headers.get('idempotent-replayed')).toBeNull();
    expect(mine.body.id).not.toBe(theirs.id);
    const otherList = await other.get<{ items: Migration[] }>('/v1/migrations?limit=200');
    expect(otherList.body.items.map((m) => m.id)).toEqual([mine.body.id]);
    const ownList = await stack.api.get<{ items: Migration[] }>('/v1/migrations?limit=200');
    expect(ownList.body.items.map((m) => m.id)).toContain(theirs.id);
    expect(ownList.body.items.map((m) => m.id)).not.toContain(mine.body.id);
    // And its own replay still returns its own first migration.
    const replay = await other.post<Migration>('/v1/migrations', small(2), { 'idempotency-key': 'shared-key' });
    expect(replay.body.id).toBe(mine.body.id);
    await other.sdk.waitFor(mine.body.id, { timeoutMs: 45_000, intervalMs: 100 });
  });

  it('admin routes refuse a tenant key and no key, and take an admin key (Bearer, or Basic for browsers)', async () => {
    const { key: admin } = await stack.container.apiKeys.create({ admin: true });
    for (const path of ['/metrics', '/admin/queues', '/admin/queues/api/queues']) {
      const none = await http(stack.baseUrl, 'GET', path);
      expect(none.status, path).toBe(401);
      expect(none.headers.get('www-authenticate')).toMatch(/Basic realm=/);
      expect(none.json).toMatchObject({ status: 401, errors: [{ field: 'authorization' }] });
      const tenant = await http(stack.baseUrl, 'GET', path, bearer(stack.api.apiKey!));
      expect(tenant.status, path).toBe(403);
      expect(tenant.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect((await http(stack.baseUrl, 'GET', path, bearer(admin))).status, path).toBe(200);
    }
    const basic = await http(stack.baseUrl, 'GET', '/admin/queues', { authorization: `Basic ${Buffer.from(`ops:${admin}`).toString('base64')}` });
    expect(basic.status).toBe(200);
    expect(basic.text).toContain('<html');
    // bull-board can pause the queue: a tenant key cannot.
    const pause = await http(stack.baseUrl, 'PUT', '/admin/queues/api/queues/migrations/pause', bearer(stack.api.apiKey!));
    expect(pause.status).toBe(403);
    expect(await stack.container.ops.queues[0].isPaused()).toBe(false);
    // An admin key has no tenant: it does not reach /v1.
    const v1 = await http(stack.baseUrl, 'GET', '/v1/migrations', bearer(admin));
    expect(v1.status).toBe(403);
  });

  it('public routes need no key', async () => {
    for (const path of ['/healthz', '/readyz', '/openapi.yaml', '/docs/', '/dashboard/']) expect((await http(stack.baseUrl, 'GET', path)).status, path).toBe(200);
  });
});

describe('AUTH=off (the loopback default)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(); // HOST 127.0.0.1 and no AUTH: off
  });
  afterAll(() => stack?.close());

  it('the API, /metrics and /admin/queues work without a key; migrations belong to tenant "default"', async () => {
    expect(stack.config.AUTH).toBe('auto');
    const res = await stack.api.post<Migration>('/v1/migrations', small(3));
    expect(res.status).toBe(202);
    expect((await stack.api.get(`/v1/migrations/${res.body.id}`)).status).toBe(200);
    expect((await stack.container.migrations.find(res.body.id))?.tenant).toBe('default');
    expect((await stack.api.post(`/v1/migrations/${res.body.id}/cancel`)).status).toBe(202); // no worker here: leave nothing queued
    expect((await http(stack.baseUrl, 'GET', '/metrics')).status).toBe(200);
    expect((await http(stack.baseUrl, 'GET', '/admin/queues')).status).toBe(200);
  });

  it('a cross-site form cannot cancel a migration; the same origin can', async () => {
    const { body: m } = await stack.api.post<Migration>('/v1/migrations', small(4)); // no worker: stays queued
    const cancel = `/v1/migrations/${m.id}/cancel`;
    // What <form method=post enctype=text/plain action=http://127.0.0.1:3000/...> sends from another site.
    const form = await http(stack.baseUrl, 'POST', cancel, { 'content-type': 'text/plain', origin: 'https://evil.example' }, 'x=y');
    expect(form.status).toBe(403);
    expect(form.json).toMatchObject({ status: 403, errors: [{ in: 'headers', field: 'origin' }] });
    const fetchMetadata = await http(stack.baseUrl, 'POST', cancel, { 'sec-fetch-site': 'cross-site' });
    expect(fetchMetadata.status).toBe(403);
    expect(fetchMetadata.json.errors[0].field).toBe('sec-fetch-site');
    // Without an Origin (a form from a page that hides it), the media type alone refuses it.
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await http(stack.baseUrl, 'POST', cancel, { 'content-type': type }, 'x=y');
      expect(res.status, type).toBe(415);
      expect(res.json.errors[0]).toMatchObject({ in: 'headers', field: 'content-type' });
    }
    expect((await http(stack.baseUrl, 'DELETE', `/v1/migrations/${m.id}`, { origin: 'null' })).status).toBe(403);
    expect((await stack.api.get<Migration>(`/v1/migrations/${m.id}`)).body.status).toBe('queued');
    // The service's own origin (the dashboard) and non-browser clients (no Origin) may.
    const same = await http(stack.baseUrl, 'POST', cancel, { origin: stack.baseUrl });
    expect(same.status).toBe(202);
    expect(same.json.status).toBe('cancelled');
  });

  it('HTML pages have a CSP without https: wildcards, no framing and nosniff', async () => {
    for (const path of ['/dashboard/', '/docs/', '/admin/queues']) {
      const res = await http(stack.baseUrl, 'GET', path);
      expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toMatch(/frame-ancestors 'none'/);
      expect(csp, path).not.toMatch(/https:|\*/);
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });
});

describe('limits and quotas', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      auth: true,
      env: { TENANT_MAX_ACTIVE_MIGRATIONS: '2', RATE_LIMIT_POSTS_PER_MINUTE: '6', SSE_MAX_STREAMS_PER_TENANT: '1', SSE_MAX_STREAMS: '2', SSE_HEARTBEAT_MS: '200', KEY_RECHECK_MS: '200' },
    }); // no worker: migrations stay queued
  });
  /** The tenants of this block: their migrations stay queued (no worker) and are ended afterwards. */
  const tenants = new Set<string>();
  const tenant = (name: string) => (tenants.add(name), stack.clientFor(name));
  afterAll(async () => {
    // The run's database is shared: leave no queued migration for another stack's dispatcher to pick up.
    await stack?.container.pool.query(`UPDATE migrations SET status = 'cancelled', cancel_requested = true, finished_at = now() WHERE status = 'queued' AND tenant = ANY($1)`, [[stack.tenant, ...tenants]]);
    await stack?.close();
  });

  it('a tenant at its queued/running cap gets a 429 naming the limit with Retry-After; a replay and other tenants are not affected', async () => {
    const first = await stack.api.post<Migration>('/v1/migrations', small(10), { 'idempotency-key': 'q1' });
    expect(first.status).toBe(202);
    expect((await stack.api.post('/v1/migrations', small(11))).status).toBe(202);
    const over = await stack.api.post('/v1/migrations', small(12));
    expect(over.status).toBe(429);
    expect(over.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(over.body.detail).toContain('TENANT_MAX_ACTIVE_MIGRATIONS = 2');
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    const replay = await stack.api.post<Migration>('/v1/migrations', small(10), { 'idempotency-key': 'q1' });
    expect(replay.status).toBe(202);
    expect(replay.body.id).toBe(first.body.id);
    const other = await tenant(`q-${uid()}`);
    expect((await other.post('/v1/migrations', small(13))).status).toBe(202);
    // Cancelling one frees a slot.
    expect((await stack.api.post(`/v1/migrations/${first.body.id}/cancel`)).status).toBe(202);
    expect((await stack.api.post('/v1/migrations', small(14))).status).toBe(202);
  });

  it('concurrent submissions cannot overshoot the cap (decided under a per-tenant lock)', async () => {
    const racer = await tenant(`race-${uid()}`);
    const results = await Promise.all([1, 2, 3, 4, 5].map((i) => racer.post('/v1/migrations', small(20 + i))));
    expect(results.filter((r) => r.status === 202)).toHaveLength(2);
    expect(results.filter((r) => r.status === 429)).toHaveLength(3);
  });

  it('POSTs beyond the per-tenant rate are a 429 naming the limit with Retry-After; another tenant has its own budget', async () => {
    const busy = await tenant(`rate-${uid()}`);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await busy.post(`/v1/migrations/${crypto.randomUUID()}/cancel`)).status);
    expect(statuses).toEqual([404, 404, 404, 404, 404, 404, 429]);
    const limited = await busy.post(`/v1/migrations/${crypto.randomUUID()}/cancel`);
    expect(limited.status).toBe(429);
    expect(limited.body.detail).toContain('RATE_LIMIT_POSTS_PER_MINUTE = 6');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await busy.get('/v1/migrations')).status).toBe(200); // reads are not rate limited
    const calm = await tenant(`calm-${uid()}`);
    expect((await calm.post(`/v1/migrations/${crypto.randomUUID()}/cancel`)).status).toBe(404);
  });

  it('event streams are capped per tenant and per process (429), and a closed stream gives its slot back', async () => {
    const a = await tenant(`sse-a-${uid()}`);
    const b = await tenant(`sse-b-${uid()}`);
    const c = await tenant(`sse-c-${uid()}`);
    const ids = await Promise.all([a, b, c].map(async (client, i) => (await client.post<Migration>('/v1/migrations', small(30 + i))).body.id));
    const open = (key: string, id: string, signal: AbortSignal) => fetch(`${stack.baseUrl}/v1/migrations/${id}/events`, { headers: bearer(key), signal });
    const abortA = new AbortController();
    const abortB = new AbortController();
    try {
      expect((await open(a.key, ids[0], abortA.signal)).status).toBe(200);
      const second = await open(a.key, ids[0], AbortSignal.timeout(5_000));
      expect(second.status).toBe(429);
      expect(await second.text()).toContain('SSE_MAX_STREAMS_PER_TENANT = 1');
      expect((await open(b.key, ids[1], abortB.signal)).status).toBe(200);
      const third = await open(c.key, ids[2], AbortSignal.timeout(5_000));
      expect(third.status).toBe(429);
      expect(await third.text()).toContain('SSE_MAX_STREAMS = 2');
    } finally {
      abortA.abort();
    }
    // The server sees the close at its next heartbeat at the latest.
    await expect.poll(async () => {
      const res = await open(a.key, ids[0], AbortSignal.timeout(5_000));
      await res.body?.cancel();
      return res.status;
    }, { timeout: 5_000, interval: 200 }).toBe(200);
    abortB.abort();
  });

  it('revoking a key ends the event streams it has open (checked every KEY_RECHECK_MS); reconnecting is refused', async () => {
    const d = await tenant(`sse-d-${uid()}`);
    const id = (await d.post<Migration>('/v1/migrations', small(40))).body.id; // stays queued: its stream stays open
    // The slots of the previous test's streams come back at the server's next heartbeat.
    let res!: Response;
    await expect.poll(async () => {
      res = await fetch(`${stack.baseUrl}/v1/migrations/${id}/events`, { headers: bearer(d.key), signal: AbortSignal.timeout(10_000) });
      if (res.status !== 200) await res.body?.cancel();
      return res.status;
    }, { timeout: 5_000, interval: 200 }).toBe(200);
    const reader = res.body!.getReader();
    await reader.read(); // the stream is open
    await stack.container.apiKeys.revoke(d.keyId);
    const revokedAt = Date.now();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()); // heartbeats until it ends
    expect(Date.now() - revokedAt).toBeLessThan(3_000);
    const again = await fetch(`${stack.baseUrl}/v1/migrations/${id}/events`, { headers: bearer(d.key) });
    expect(again.status).toBe(401);
  });
});

describe('quota of stored fault events', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ worker: true, auth: true, env: { TENANT_MAX_FAULT_EVENTS: '10' } });
  });
  afterAll(() => stack?.close());

  it('a tenant storing as many events as its quota gets a 429 naming it (no Retry-After: deleting frees it)', async () => {
    const { body } = await stack.api.post<Migration>('/v1/migrations', small(40));
    const done = await stack.api.waitFor(body.id);
    expect(done.eventCount).toBeGreaterThanOrEqual(10);
    const over = await stack.api.post('/v1/migrations', small(41));
    expect(over.status).toBe(429);
    expect(over.body.detail).toContain('TENANT_MAX_FAULT_EVENTS = 10');
    expect(over.headers.get('retry-after')).toBeNull();
    expect((await stack.api.request('DELETE', `/v1/migrations/${body.id}`)).status).toBe(204);
    const { body: next } = await stack.api.post<Migration>('/v1/migrations', small(42));
    expect(next.status).toBe('queued');
    await stack.api.waitFor(next.id);
    expect((await stack.api.request('DELETE', `/v1/migrations/${next.id}`)).status).toBe(204);
  });

  it('a running migration counts with the events its progress reports (its eventCount is set only at the end)', async () => {
    const tenant = `running-${uid()}`;
    const client = await stack.clientFor(tenant);
    const { row } = await stack.container.migrations.insert({ id: crypto.randomUUID(), tenant, requestHash: 'fixture', spec: migrationSpecSchema.parse(small(43)) }); // stored as the API stores it
    await stack.container.pool.query(`UPDATE migrations SET status = 'running', progress_detail = '{"faults": 12}' WHERE id = $1`, [row.id]);
    const over = await client.post('/v1/migrations', small(44));
    expect(over.status).toBe(429);
    expect(over.body.detail).toContain('stores 12 fault events');
    await stack.container.pool.query(`UPDATE migrations SET progress_detail = '{"faults": 9}' WHERE id = $1`, [row.id]);
    const fits = await client.post<Migration>('/v1/migrations', small(45));
    expect(fits.status).toBe(202);
    await stack.container.pool.query(`UPDATE migrations SET status = 'cancelled' WHERE id = $1`, [row.id]);
    await client.sdk.waitFor(fits.body.id, { timeoutMs: 45_000, intervalMs: 100 });
  });

  it('a running run that keeps no events (a sweep\'s) does not count, whatever faults its progress reports', async () => {
    const tenant = `none-${uid()}`;
    const client = await stack.clientFor(tenant);
    const { row } = await stack.container.migrations.insert({ id: crypto.randomUUID(), tenant, requestHash: 'fixture', spec: migrationSpecSchema.parse(small(46)) });
    await stack.container.pool.query(`UPDATE migrations SET status = 'running', fault_events = 'none', progress_detail = '{"faults": 12}' WHERE id = $1`, [row.id]);
    const fits = await client.post<Migration>('/v1/migrations', small(47));
    expect(fits.status).toBe(202);
    await stack.container.pool.query(`UPDATE migrations SET status = 'cancelled' WHERE id = $1`, [row.id]);
    await client.sdk.waitFor(fits.body.id, { timeoutMs: 45_000, intervalMs: 100 });
  });
});
