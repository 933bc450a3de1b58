import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_SUBMISSION } from '../../src/routes/migrations.js';
import { MODEL_VERSION } from '../../src/sim/index.js';
import type { Migration } from '../../sdk/src/index.js';
import { startStack, type Stack } from '../support/stack.js';
import { captureJsonLogs } from '../support/logs.js';

/**
 * What plugs the service into the tools around it: /healthz versions, result metrics a Grafana
 * user charts, and logs that keep routine requests out of the way and say why a run did not complete.
 */
const version = (JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
const { stream: logStream, lines: logLines } = captureJsonLogs();
let stack: Stack;
let succeeded: Migration;
let truncated: Migration;

beforeAll(async () => {
  stack = await startStack({ worker: true, env: { LOG_LEVEL: 'debug' }, logStream });
  const ok = await stack.api.sdk.submit({ ...EXAMPLE_SUBMISSION, seed: 71 });
  // A limit stops the run: a result (outcome truncated), not a job failure.
  const cut = await stack.api.sdk.submit({ ...EXAMPLE_SUBMISSION, seed: 72, limits: { maxFaultEvents: 50 } });
  succeeded = await stack.api.sdk.waitFor(ok.id, { intervalMs: 100, timeoutMs: 45_000 });
  truncated = await stack.api.sdk.waitFor(cut.id, { intervalMs: 100, timeoutMs: 45_000 });
  expect(succeeded.status).toBe('succeeded');
  expect(succeeded.summary!.outcome).toBe('completed');
  expect(truncated.status).toBe('succeeded');
  expect(truncated.summary!.outcome).toBe('truncated');
});
afterAll(() => stack?.close());

async function scrape(): Promise<Map<string, number>> {
  const res = await fetch(`${stack.baseUrl}/metrics`);
  expect(res.status).toBe(200);
  const samples = new Map<string, number>();
  for (const line of (await res.text()).split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    samples.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return samples;
}

describe('/healthz', () => {
  it('reports the service version (package.json) next to the model version', async () => {
    const res = await fetch(`${stack.baseUrl}/healthz`);
    expect(await res.json()).toEqual({ status: 'ok', modelVersion: MODEL_VERSION, version });
  });
});

describe('result metrics', () => {
  it('each finished migration is counted and its downtime, total time, blocktime and bytes observed', async () => {
    const s = await scrape();
    const mech = 'mechanism="uffd_missing"';
    expect(s.get(`postcopy_vmi_migrations_finished_total{${mech},outcome="completed",correct="true"}`)).toBe(1);
    expect(s.get(`postcopy_vmi_migrations_finished_total{${mech},outcome="truncated",correct="false"}`)).toBe(1);
    const summary = succeeded.summary!;
    expect(s.get(`postcopy_vmi_migration_downtime_seconds_sum{${mech},outcome="completed"}`)).toBeCloseTo(summary.timing.downtimeNs / 1e9, 9);
    expect(s.get(`postcopy_vmi_migration_duration_seconds_sum{${mech},outcome="completed"}`)).toBeCloseTo(summary.timing.totalNs / 1e9, 9);
    expect(s.get(`postcopy_vmi_migration_blocktime_seconds_sum{${mech},outcome="completed"}`)).toBeCloseTo(summary.blocktime.allVcpusNs / 1e9, 9);
    expect(s.get(`postcopy_vmi_migration_blocktime_seconds_count{${mech},outcome="truncated"}`)).toBe(1);
    const bytes = (kind: string) => s.get(`postcopy_vmi_migration_data_processed_bytes_total{${mech},kind="${kind}"}`);
    expect(bytes('background')).toBe(summary.bytes.background + truncated.summary!.bytes.background);
    expect(bytes('demand')).toBe(summary.bytes.demand + truncated.summary!.bytes.demand);
    expect(s.get(`postcopy_build_info{version="${version}",model_version="${MODEL_VERSION}",node_version="${process.versions.node}"}`)).toBe(1);
  });
});

describe('logs', () => {
  const completed = (url: string, method = 'GET') =>
    logLines.filter((l) => l.msg === 'request completed' && logLines.some((i) => i.reqId === l.reqId && (i.req as { url?: string; method?: string } | undefined)?.url === url && (i.req as { method?: string }).method === method));

  it('routine requests (polling, probes, the dashboard files) at debug; submissions and errors at info', async () => {
    const before = logLines.length;
    for (const path of ['/healthz', '/readyz', '/dashboard/', '/dashboard/app.js', `/v1/migrations/${succeeded.id}`, '/v1/migrations?limit=5', '/metrics', '/v1/migrations/no-such-id']) {
      expect((await fetch(`${stack.baseUrl}${path}`)).status).toBeLessThan(500);
    }
    await new Promise((r) => setTimeout(r, 100)); // the log stream is asynchronous
    expect(logLines.length).toBeGreaterThan(before);
    for (const url of ['/healthz', '/readyz', '/dashboard/', '/dashboard/app.js', `/v1/migrations/${succeeded.id}`, '/v1/migrations?limit=5', '/metrics']) {
      const lines = completed(url);
      expect(lines.length, url).toBeGreaterThan(0);
      for (const l of lines) expect(l.level, url).toBe(20);
    }
    // A 404 is worth seeing even on a polled route; a submission always is.
    expect(completed('/v1/migrations/no-such-id').map((l) => l.level)).toEqual([30]);
    expect(completed('/v1/migrations', 'POST').map((l) => l.level)).toEqual([30, 30]);
  });

  it('the worker logs why a simulated migration did not complete', () => {
    const line = logLines.find((l) => l.migrationId === truncated.id && l.msg === 'simulated migration did not complete');
    expect(line).toMatchObject({ level: 40, outcome: 'truncated', failureReason: truncated.summary!.failureReason });
    expect(truncated.summary!.failureReason).toMatch(/^limit: reached limits.maxFaultEvents \(50\)/);
    expect(truncated.error).toBeNull();
    expect(logLines.some((l) => l.migrationId === succeeded.id && l.msg === 'simulated migration did not complete')).toBe(false);
  });
});
