import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_SUBMISSION } from '../../src/routes/migrations.js';
import { MODEL_VERSION } from '../../src/sim/index.js';
import type { Migration } from '../../sdk/src/index.js';
import { ApiClient } from '../support/api-client.js';
import { freePort } from '../support/global-setup.js';
import { exited, spawnService, until } from '../support/processes.js';
import { startStack, type Stack } from '../support/stack.js';
import { captureJsonLogs } from '../support/logs.js';

/** Prometheus text format → samples keyed by `name{labels}` (labels as written by prom-client). */
function parseMetrics(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    samples.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return samples;
}

async function scrape(baseUrl: string): Promise<{ contentType: string | null; samples: Map<string, number>; text: string }> {
  const res = await fetch(`${baseUrl}/metrics`);
  expect(res.status).toBe(200);
  const text = await res.text();
  return { contentType: res.headers.get('content-type'), samples: parseMetrics(text), text };
}

const { stream: logStream, lines: logLines } = captureJsonLogs();
let stack: Stack;
let done: Migration;
const REQUEST_ID = `req-${randomBytes(6).toString('hex')}`;

beforeAll(async () => {
  stack = await startStack({ worker: true, env: { LOG_LEVEL: 'info' }, logStream });
  const submitted = await stack.api.sdk.submit(EXAMPLE_SUBMISSION, { requestId: REQUEST_ID });
  done = await stack.api.sdk.waitFor(submitted.id, { intervalMs: 100, timeoutMs: 45_000 });
  expect(done.status).toBe('succeeded');
});
afterAll(() => stack?.close());

describe('GET /metrics', () => {
  it('is Prometheus text with HTTP latency, job durations, ingested events, queue depth and migrations by status', async () => {
    const before = await stack.container.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM migrations WHERE status = 'succeeded'`);
    const { contentType, samples, text } = await scrape(stack.baseUrl);
    const after = await stack.container.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM migrations WHERE status = 'succeeded'`);
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');

    // HTTP: by route template, not by URL
    expect(samples.get('http_request_duration_seconds_count{method="POST",route="/v1/migrations",status_code="202"}')).toBe(1);
    expect(samples.get('http_request_duration_seconds_count{method="GET",route="/v1/migrations/:id",status_code="200"}')).toBeGreaterThanOrEqual(1);
    expect(samples.get('http_request_duration_seconds_bucket{le="+Inf",method="POST",route="/v1/migrations",status_code="202"}')).toBe(1);
    expect(text).not.toContain(done.id);

    // the worker of this process: one job, its events
    expect(samples.get('postcopy_migration_job_duration_seconds_count{outcome="succeeded"}')).toBe(1);
    expect(samples.get('postcopy_migration_job_duration_seconds_sum{outcome="succeeded"}')).toBeGreaterThan(0);
    expect(samples.get('postcopy_fault_events_ingested_total')).toBe(done.summary!.faults.total);

    // this stack's queue (a prefix of its own): one completed job, nothing waiting
    expect(samples.get('postcopy_queue_jobs{queue="migrations",state="completed"}')).toBe(1);
    expect(samples.get('postcopy_queue_jobs{queue="migrations",state="waiting"}')).toBe(0);

    // all migrations of the database (other test files share it): between the counts around the scrape
    const succeeded = samples.get('postcopy_migrations{status="succeeded"}')!;
    expect(succeeded).toBeGreaterThanOrEqual(before.rows[0].n);
    expect(succeeded).toBeLessThanOrEqual(after.rows[0].n);
    for (const status of ['queued', 'running', 'failed', 'cancelled']) expect(samples.has(`postcopy_migrations{status="${status}"}`)).toBe(true);
    expect(samples.get('process_cpu_seconds_total')).toBeGreaterThan(0);
  });

  it('counts queued jobs while no worker runs, and unmatched routes under one label', async () => {
    const idle = await startStack();
    try {
      await idle.api.sdk.submit({ ...EXAMPLE_SUBMISSION, seed: 31 });
      await idle.api.sdk.submit({ ...EXAMPLE_SUBMISSION, seed: 32 });
      await fetch(`${idle.baseUrl}/no/such/route/${randomBytes(4).toString('hex')}`);
      const { samples } = await scrape(idle.baseUrl);
      expect(samples.get('postcopy_queue_jobs{queue="migrations",state="waiting"}')).toBe(2);
      expect(samples.get('http_request_duration_seconds_count{method="GET",route="(unmatched)",status_code="404"}')).toBe(1);
    } finally {
      await idle.close();
    }
  });

  it('a worker-only process serves its own metrics on METRICS_PORT', async () => {
    const idle = await startStack(); // API only; the worker is a separate process
    const port = await freePort();
    const worker = spawnService(['--role=worker'], {
      DATABASE_URL: idle.config.DATABASE_URL,
      REDIS_URL: idle.config.REDIS_URL,
      QUEUE_PREFIX: idle.config.QUEUE_PREFIX,
      METRICS_PORT: String(port),
    });
    try {
      const m = await idle.api.sdk.submit({ ...EXAMPLE_SUBMISSION, seed: 33 });
      const end = await idle.api.sdk.waitFor(m.id, { intervalMs: 100, timeoutMs: 45_000 });
      const { samples } = await until(async () => {
        const s = await scrape(`http://127.0.0.1:${port}`);
        return s.samples.get('postcopy_migration_job_duration_seconds_count{outcome="succeeded"}') === 1 && s;
      }, 20_000, 'the worker metrics');
      expect(samples.get('postcopy_fault_events_ingested_total')).toBe(end.summary!.faults.total);
      // The results are observed where the migration ends: in the worker, so on its port.
      expect(samples.get('postcopy_vmi_migrations_finished_total{mechanism="uffd_missing",outcome="completed",correct="true"}')).toBe(1);
      expect(samples.get('postcopy_vmi_migration_downtime_seconds_count{mechanism="uffd_missing",outcome="completed"}')).toBe(1);
      // Liveness on the same port: the container's HEALTHCHECK of a worker (ops/docker/healthcheck.mjs).
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(await health.json()).toEqual({ status: 'ok', modelVersion: MODEL_VERSION, version: expect.any(String) });
    } finally {
      worker.kill('SIGTERM');
      await exited(worker);
      await idle.close();
    }
  });
});

describe('/admin/queues (bull-board)', () => {
  it('serves the UI and lists the migrations queue with its jobs', async () => {
    const page = await fetch(`${stack.baseUrl}/admin/queues`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('<base href="/admin/queues/" />');
    const script = /src="(static\/js\/main\.[^"]+\.js)"/.exec(html)![1];
    const asset = await fetch(`${stack.baseUrl}/admin/queues/${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('javascript');

    const api = await fetch(`${stack.baseUrl}/admin/queues/api/queues?activeQueue=migrations&status=completed&page=1&jobsPerPage=10`);
    expect(api.status).toBe(200);
    const { queues } = (await api.json()) as { queues: Array<{ name: string; counts: Record<string, number>; jobs: Array<{ id: string; data: unknown; progress: unknown }> }> };
    const q = queues.find((x) => x.name === 'migrations')!;
    expect(q.counts.completed).toBe(1);
    const job = q.jobs.find((j) => j.id === done.id)!;
    expect(job.data).toEqual({ migrationId: done.id, requestId: REQUEST_ID });
    // The last progress sample, naming its migration (a batch's job reports for each of its runs).
    expect(job.progress).toEqual({ ...(done.progressDetail as object), migrationId: done.id });
  });
});

describe('logs', () => {
  it('JSON lines; the request id of the submission follows the migration into the worker', async () => {
    const forRequest = logLines.filter((l) => l.reqId === REQUEST_ID);
    const api = forRequest.filter((l) => (l.req as { url?: string } | undefined)?.url === '/v1/migrations');
    expect(api.map((l) => l.msg)).toEqual(['incoming request']);
    const worker = forRequest.filter((l) => l.migrationId === done.id);
    expect(worker.map((l) => l.msg)).toEqual(expect.arrayContaining(['migration started', 'migration job done']));
    expect(worker.find((l) => l.msg === 'migration job done')).toMatchObject({ outcome: 'succeeded', attempt: 1, jobId: done.id, level: 30 });
  });

  it('echoes the request id in x-request-id, and makes one up when the client sends none', async () => {
    const client = new ApiClient(stack.baseUrl);
    const echoed = await client.request('GET', '/healthz', { headers: { 'x-request-id': 'abc-123' } });
    expect(echoed.headers.get('x-request-id')).toBe('abc-123');
    const made = await client.get('/healthz');
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
