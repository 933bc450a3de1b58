// Issue 10, defect 3: the API process crashed when Postgres dropped its connections (an immediate
// restart, a failover, terminated backends) while /faults/stats ran: a pooled pg client without an
// 'error' listener threw "Connection terminated unexpectedly" and the process exited. Now every pool
// listens to every client, and a request that meets the outage is answered 503 problem+json with
// Retry-After. The service runs as its own process (src/main.ts, what `npm start` runs: an uncaught
// error there ends the process) against a PRIVATE Postgres that the test crashes and restarts; the
// machine's shared Postgres is never touched.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../support/global-setup.js';
import { LARGE_MIGRATION, startPrivatePostgres, type PrivatePostgres } from '../support/faults.js';
import { exited, spawnService, until } from '../support/processes.js';


let postgres: PrivatePostgres;
let service: ReturnType<typeof spawnService>;
let base: string;
let databaseUrl: string;
let id: string;

interface Answer {
  route: string;
  status: number;
  contentType: string;
  retryAfter: string | null;
  body: string;
}

/** One request; a dropped connection or no answer (the process died) is status 0, for the assertions to report. */
async function call(route: string, method = 'GET', body?: unknown): Promise<Answer> {
  const res = await fetch(`${base}${route}`, {
    method,
    signal: AbortSignal.timeout(20_000),
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  }).catch((err: Error) => err);
  if (res instanceof Error) return { route: `${method} ${route}`, status: 0, contentType: '', retryAfter: null, body: `${res.message}: ${String(res.cause)}` };
  return { route: `${method} ${route}`, status: res.status, contentType: res.headers.get('content-type') ?? '', retryAfter: res.headers.get('retry-after'), body: await res.text() };
}

/** A stats query the cache cannot answer (each `buckets` value is its own query): it runs in Postgres. */
let bucket = 1;
const freshStats = () => call(`/v1/migrations/${id}/faults/stats?buckets=${(bucket++ % 999) + 1}`);

/** Every request the service answers with Postgres behind it, once each. */
function everyRoute(): Array<Promise<Answer>> {
  const other = '0b6f4a8e-5d0c-4c8e-9a51-3f1f7c2d9e10';
  return [
    call('/v1/migrations'),
    call(`/v1/migrations/${id}`),
    call(`/v1/migrations/${id}/faults?limit=10`),
    call(`/v1/migrations/${id}/faults/export`),
    freshStats(),
    call(`/v1/migrations/${id}/events`),
    call('/v1/migrations', 'POST', { vm: { memoryMiB: 64, vcpus: 2 } }),
    call(`/v1/migrations/${other}/cancel`, 'POST'),
    call(`/v1/migrations/${other}`, 'DELETE'),
  ];
}

function expect503(a: Answer) {
  expect(a.status, `${a.route}: ${a.body}`).toBe(503);
  expect(a.contentType, a.route).toMatch(/^application\/problem\+json/);
  expect(Number(a.retryAfter), `${a.route} Retry-After`).toBeGreaterThan(0);
  expect(JSON.parse(a.body)).toMatchObject({ status: 503, title: 'Service unavailable' });
}

/** Requests racing the outage may succeed or meet it; they never get a 500 or a dropped connection. */
function expectNoServerError(answers: Answer[]) {
  // The service's own account of a 500, for the failure message.
  const logged = () => service.output().split('\n').filter((l) => l.includes('request failed')).slice(0, 3).join('\n').slice(0, 3000);
  for (const a of answers) {
    expect([200, 503], `${a.route}: ${a.status} ${a.body.slice(0, 300)}\n${a.status === 500 ? logged() : ''}`).toContain(a.status);
    if (a.status === 503) expect503(a);
  }
}

function expectAlive() {
  expect(service.exitCode, service.output().slice(-3000)).toBeNull();
  expect(service.signalCode).toBeNull();
}

beforeAll(async () => {
  postgres = await startPrivatePostgres();
  databaseUrl = `${postgres.serverUrl}/pcl_outage`;
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  service = spawnService(['--role=all'], {
    DATABASE_URL: databaseUrl,
    REDIS_URL: inject('redisUrl'),
    QUEUE_PREFIX: `pcl-test-${randomBytes(4).toString('hex')}`,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    PG_CONNECT_TIMEOUT_MS: '1000',
    EVENT_BATCH_SIZE: '5000',
  });
  await until(async () => (await fetch(`${base}/readyz`)).status === 200, 60_000, 'the service to be ready');
  const submitted = await call('/v1/migrations', 'POST', LARGE_MIGRATION);
  expect(submitted.status, submitted.body).toBe(202);
  id = JSON.parse(submitted.body).id;
  await until(async () => JSON.parse((await call(`/v1/migrations/${id}`)).body).status === 'succeeded', 60_000, 'the migration to succeed');
}, 120_000);

afterAll(async () => {
  if (service && service.exitCode === null) {
    service.kill('SIGTERM');
    await exited(service).catch(() => service.kill('SIGKILL'));
  }
  await postgres?.close();
});

describe('Postgres restarted immediately (pg_ctl stop -m immediate) under load', () => {
  it('answers 503 + Retry-After on every route during the outage, never 500, never crashes, and recovers', async () => {
    // Load: stats computations (two connections each, statements in between), pages and lookups.
    let loading = true;
    const answers: Answer[] = [];
    const load = Promise.all(
      Array.from({ length: 4 }, async (_, i) => {
        while (loading && answers.at(-1)?.status !== 0) answers.push(await (i % 2 ? freshStats() : call(`/v1/migrations/${id}/faults?limit=500`)));
      }),
    );
    // Let some stats statements get going, then drop every connection at once.
    await until(async () => answers.length >= 4, 30_000, 'requests under load');
    await postgres.stopImmediately();
    const during = await Promise.all(everyRoute());
    for (const a of during) expect503(a);
    expect((await call('/readyz')).status).toBe(503);
    expect((await call('/healthz')).status).toBe(200); // liveness: the process is fine
    expectAlive();

    await postgres.start();
    // Recovery: the pools replace their broken connections; no restart of the service.
    await until(async () => (await call(`/v1/migrations/${id}`)).status === 200, 30_000, 'recovery');
    await until(async () => (await call('/readyz')).status === 200, 30_000, 'readiness after recovery');
    loading = false;
    await load;
    expectNoServerError(answers);
    const after = await freshStats();
    expect(after.status, after.body).toBe(200);
    expect(JSON.parse(after.body).total).toBe(JSON.parse((await call(`/v1/migrations/${id}`)).body).eventCount);
    expectAlive();
  }, 120_000);
});

describe('backends terminated from a superuser connection (pg_terminate_backend)', () => {
  it('stats, pages and lookups racing the terminations get 200 or 503, and the process lives on', async () => {
    const admin = new pg.Client({ connectionString: `${postgres.serverUrl}/postgres` });
    admin.on('error', () => undefined);
    await admin.connect();
    try {
      let loading = true;
      const answers: Answer[] = [];
      const load = Promise.all(
        Array.from({ length: 4 }, async (_, i) => {
          while (loading && answers.at(-1)?.status !== 0) answers.push(await (i % 2 ? freshStats() : call(`/v1/migrations/${id}/faults?limit=500`)));
        }),
      );
      // Several rounds: each kills whatever the service holds at that moment (idle or mid-statement).
      for (let round = 0; round < 5; round++) {
        await new Promise((r) => setTimeout(r, 150));
        await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'pcl_outage' AND pid <> pg_backend_pid()`);
      }
      loading = false;
      await load;
      expectNoServerError(answers);
      expect(answers.length).toBeGreaterThan(4);
      expectAlive();
      const after = await freshStats();
      expect(after.status, after.body).toBe(200);
    } finally {
      await admin.end();
    }
  }, 60_000);
});
