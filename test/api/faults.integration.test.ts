// Fault events at scale, through the HTTP API: keyset pagination (also while the worker inserts),
// every filter, NDJSON/CSV export (equal to the pages, gzip, disconnect), stats (equal to sums over the
// events), and DELETE. Migrations are small; performance is measured by bench/ingest.ts, not here.
import http from 'node:http';
import { once } from 'node:events';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { components } from '../../sdk/src/generated/openapi.js';
import { FAULT_PATHS, MECHANISMS, RESOLUTIONS } from '../../src/sim/index.js';
import type { Migration, Problem } from '../support/api-client.js';
import { until } from '../support/processes.js';
import { startStack, type Stack } from '../support/stack.js';

type FaultEvent = components['schemas']['FaultEvent'];
type FaultEventPage = components['schemas']['FaultEventPage'];
type FaultStats = components['schemas']['FaultStats'];

/**
 * ~5k events with variety: 5 paths, 2 mechanisms (KVM exits for vCPU faults, uffd for the rest), 5
 * resolutions (machine checks on the poisoned ranges), vCPUs -1..7. Finishes in well under a second.
 */
const VARIED = {
  seed: 11,
  vm: { memoryMiB: 8192, vcpus: 8, nested: true, poisonedPages: [{ start: 1000, count: 2000 }, { start: 200000, count: 3000 }] },
  workload: { pattern: 'uniform', faultSources: { vhostAccessesPerSecond: 20000 } },
  strategy: { mechanism: 'kvm_exit_on_missing', handlerThreads: 2 },
  network: { bandwidthGbps: 5, rttUs: 50 },
};
/** ~130k events (~30 MB of NDJSON): runs for a second or two with the small commits of this stack. */
const LARGE = {
  seed: 5,
  vm: { memoryMiB: 16384, vcpus: 64 },
  workload: { pattern: 'uniform' },
  strategy: { mechanism: 'uffd_missing', handlerThreads: 1 },
  network: { bandwidthGbps: 25, rttUs: 50 },
};

let stack: Stack;
let varied: Migration;
let all: FaultEvent[];

beforeAll(async () => {
  // Small COPY transactions: a running migration's events appear in many steps.
  stack = await startStack({ worker: true, env: { EVENT_BATCH_SIZE: '2000', EVENT_COMMIT_ROWS: '2000' } });
  const { body } = await stack.api.post<Migration>('/v1/migrations', VARIED);
  varied = await stack.api.waitFor(body.id);
  expect(varied.status).toBe('succeeded');
  all = await pages(varied.id, '', 1000);
});
afterAll(() => stack?.close());

async function getPage(id: string, query: string): Promise<{ status: number; body: FaultEventPage }> {
  return stack.api.get<FaultEventPage>(`/v1/migrations/${id}/faults?${query}`);
}

/** Every page of a query, following nextCursor. */
async function pages(id: string, query: string, limit: number): Promise<FaultEvent[]> {
  const out: FaultEvent[] = [];
  let cursor: string | null = null;
  do {
    const { status, body }: { status: number; body: FaultEventPage } = await getPage(id, `${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(status).toBe(200);
    expect(body.items.length).toBeLessThanOrEqual(limit);
    out.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return out;
}

const seqs = (events: FaultEvent[]) => events.map((e) => e.seq);
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('GET /faults: keyset pagination', () => {
  it('pages through every event exactly once, in seq order (no gaps, no repeats), at any page size', async () => {
    expect(all.length).toBe(varied.summary!.faults.total);
    expect(all.length).toBeGreaterThan(3000);
    expect(seqs(all)).toEqual(range(all.length));
    expect(await pages(varied.id, '', 333)).toEqual(all);
    // The smallest page size, for the first pages.
    const ones: FaultEvent[] = [];
    let cursor = '';
    for (let i = 0; i < 30; i++) {
      const { body } = await getPage(varied.id, `limit=1${cursor}`);
      ones.push(...body.items);
      cursor = `&cursor=${body.nextCursor}`;
    }
    expect(ones).toEqual(all.slice(0, 30));
    const end = await getPage(varied.id, 'limit=1000&cursor=' + Buffer.from(JSON.stringify({ seq: String(all.length - 1) })).toString('base64url'));
    expect(end.body).toEqual({ items: [], nextCursor: null, sampleEvery: 1 });
  });

  it('each event is the stored row: latency, page size', () => {
    for (const e of all) {
      expect(e.latencyNs).toBe(e.resolvedAtNs - e.raisedAtNs);
      expect(e.pageSizeBytes).toBe(4096);
    }
  });

  it('is stable while the worker inserts: a client following a running migration sees every event once', async () => {
    const { body } = await stack.api.post<Migration>('/v1/migrations', { ...LARGE, seed: 21 });
    const seen: FaultEvent[] = [];
    let cursor: string | null = null;
    let pagesWhileRunning = 0;
    for (;;) {
      const status = (await stack.api.get<Migration>(`/v1/migrations/${body.id}`)).body.status;
      const page: { body: FaultEventPage } = await getPage(body.id, `limit=1000${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.body.items);
      if (status === 'running' && page.body.items.length > 0) pagesWhileRunning++;
      if (page.body.nextCursor) {
        cursor = page.body.nextCursor;
        continue;
      }
      // Caught up: done if the migration had ended before this page was read, else ask again later
      // with the same cursor (it returns the events stored since).
      if (status === 'succeeded') break;
      expect(status === 'queued' || status === 'running').toBe(true);
      if (page.body.items.length) cursor = Buffer.from(JSON.stringify({ seq: String(page.body.items.at(-1)!.seq) })).toString('base64url');
      await new Promise((r) => setTimeout(r, 20));
    }
    const done = await stack.api.waitFor(body.id);
    expect(pagesWhileRunning).toBeGreaterThan(3); // it really ran concurrently
    expect(seqs(seen)).toEqual(range(done.summary!.faults.total));
  });

  it('caps the page size at 1000 and rejects forged cursors', async () => {
    expect((await getPage(varied.id, 'limit=1000')).body.items).toHaveLength(1000);
    const over = await stack.api.get<Problem>(`/v1/migrations/${varied.id}/faults?limit=1001`);
    expect(over.status).toBe(400);
    expect(over.body.errors).toEqual([expect.objectContaining({ in: 'query', field: 'limit' })]);
    const huge = Buffer.from(JSON.stringify({ seq: '99999999999' })).toString('base64url');
    const forged = await stack.api.get<Problem>(`/v1/migrations/${varied.id}/faults?cursor=${huge}`);
    expect(forged.status).toBe(400);
    expect(forged.body.errors?.[0]).toMatchObject({ in: 'query', field: 'cursor' });
  });

  it('JSON responses are compressed in an encoding the client accepts, and only then', async () => {
    const path = `/v1/migrations/${varied.id}/faults?limit=1000`;
    const plain = await rawGet(path, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    const page = JSON.parse(plain.body.toString('utf8')) as FaultEventPage;
    expect(page.items).toEqual(all.slice(0, 1000));
    for (const [accept, encoding, decode] of [
      ['gzip, deflate, br', 'br', brotliDecompressSync],
      ['gzip', 'gzip', gunzipSync],
    ] as const) {
      const res = await rawGet(path, { 'accept-encoding': accept });
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers.vary).toContain('accept-encoding');
      expect(JSON.parse(decode(res.body).toString('utf8'))).toEqual(page);
      expect(res.body.length).toBeLessThan(plain.body.length / 4);
    }
    expect((await rawGet(path, { 'accept-encoding': 'identity' })).headers['content-encoding']).toBeUndefined();
  });
});

describe('GET /faults: filters', () => {
  // Each filter's pages equal the full list filtered here; each is checked to match something and
  // to leave something out, so that it is really exercised.
  const t = () => all.map((e) => e.raisedAtNs);
  const cases: Array<{ name: string; query: () => string; keep: () => (e: FaultEvent) => boolean }> = [
    { name: 'vcpu', query: () => 'vcpu=3', keep: () => (e) => e.vcpu === 3 },
    { name: 'vcpu -1 (no vCPU)', query: () => 'vcpu=-1', keep: () => (e) => e.vcpu === -1 },
    { name: 'path (common)', query: () => 'path=nested_walk', keep: () => (e) => e.path === 'nested_walk' },
    { name: 'path (rare)', query: () => 'path=instruction_emulation', keep: () => (e) => e.path === 'instruction_emulation' },
    { name: 'mechanism', query: () => 'mechanism=kvm_exit_on_missing', keep: () => (e) => e.mechanism === 'kvm_exit_on_missing' },
    { name: 'resolution', query: () => 'resolution=machine_check', keep: () => (e) => e.resolution === 'machine_check' },
    { name: 'gfn range', query: () => 'gfnMin=100000&gfnMax=400000', keep: () => (e) => e.gfn >= 100000 && e.gfn <= 400000 },
    { name: 'gfn single page', query: () => `gfnMin=${all[100].gfn}&gfnMax=${all[100].gfn}`, keep: () => (e) => e.gfn === all[100].gfn },
    {
      name: 'time range (wide)',
      query: () => `fromNs=${t()[500]}&toNs=${t()[5000]}`,
      keep: () => (e) => e.raisedAtNs >= t()[500] && e.raisedAtNs < t()[5000],
    },
    {
      name: 'time range (narrow: read through the raised_at_ns index)',
      query: () => `fromNs=${t()[2000]}&toNs=${t()[2300]}`,
      keep: () => (e) => e.raisedAtNs >= t()[2000] && e.raisedAtNs < t()[2300],
    },
    { name: 'from only', query: () => `fromNs=${t()[4000]}`, keep: () => (e) => e.raisedAtNs >= t()[4000] },
    {
      name: 'combined',
      query: () => 'vcpu=2&path=nested_walk&mechanism=uffd_missing&resolution=uffdio_copy&gfnMin=50000',
      keep: () => (e) => e.vcpu === 2 && e.path === 'nested_walk' && e.mechanism === 'uffd_missing' && e.resolution === 'uffdio_copy' && e.gfn >= 50000,
    },
  ];

  it.each(cases)('$name', async ({ query, keep }) => {
    const expected = all.filter(keep());
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.length);
    expect(await pages(varied.id, query(), 97)).toEqual(expected);
  });

  it('a filter that matches nothing gives an empty last page', async () => {
    expect((await getPage(varied.id, 'path=device_restore')).body).toEqual({ items: [], nextCursor: null, sampleEvery: 1 });
    expect((await getPage(varied.id, 'vcpu=8')).body).toEqual({ items: [], nextCursor: null, sampleEvery: 1 });
  });

  it('rejects empty ranges and unknown values, naming the fields', async () => {
    const res = await stack.api.get<Problem>(`/v1/migrations/${varied.id}/faults?gfnMin=10&gfnMax=9&fromNs=5&toNs=5`);
    expect(res.status).toBe(400);
    expect(res.body.errors?.map((e) => e.field).sort()).toEqual(['gfnMax', 'toNs']);
    const bad = await stack.api.get<Problem>(`/v1/migrations/${varied.id}/faults?mechanism=magic&resolution=x&vcpu=1024&gfnMin=-1`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((e) => e.field).sort()).toEqual(['gfnMin', 'mechanism', 'resolution', 'vcpu']);
  });
});

describe('GET /faults/export', () => {
  const exportOf = (query: string, headers: Record<string, string> = {}) =>
    stack.api.request<string>('GET', `/v1/migrations/${varied.id}/faults/export?${query}`, { headers });

  const parseCsv = (text: string): FaultEvent[] => {
    const [header, ...lines] = text.trimEnd().split('\n');
    const fields = header.split(',') as Array<keyof FaultEvent>;
    return lines.map((line) => {
      const values = line.split(',');
      return Object.fromEntries(
        fields.map((f, i) => [f, f === 'write' ? values[i] === 'true' : f === 'path' || f === 'mechanism' || f === 'resolution' ? values[i] : Number(values[i])]),
      ) as unknown as FaultEvent;
    });
  };

  it('NDJSON: one FaultEvent per line, equal to the paginated API (default format)', async () => {
    const res = await exportOf('');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="faults-${varied.id}.ndjson"`);
    const lines = res.body.trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual(all);
  });

  it('CSV: a header, then the FaultEvent fields in order, equal to the paginated API', async () => {
    const res = await exportOf('format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.body.split('\n')[0]).toBe(Object.keys(all[0]).join(','));
    expect(parseCsv(res.body)).toEqual(all);
  });

  it('applies the same filters as the pages', async () => {
    const query = 'vcpu=4&resolution=uffdio_copy&gfnMax=600000';
    const expected = await pages(varied.id, query, 1000);
    expect(expected.length).toBeGreaterThan(0);
    const ndjson = await exportOf(`${query}&format=ndjson`);
    expect(ndjson.body.trimEnd().split('\n').map((l) => JSON.parse(l))).toEqual(expected);
    expect(parseCsv((await exportOf(`${query}&format=csv`)).body)).toEqual(expected);
    const none = await exportOf('path=device_restore&format=csv');
    expect(none.body).toBe('seq,vcpu,thread,gfn,pageSizeBytes,write,path,mechanism,resolution,raisedAtNs,resolvedAtNs,latencyNs\n');
  });

  it('is gzip-compressed when the client accepts it, and only then', async () => {
    for (const format of ['ndjson', 'csv'] as const) {
      const raw = await rawGet(`/v1/migrations/${varied.id}/faults/export?format=${format}`, { 'accept-encoding': 'gzip, deflate' });
      expect(raw.headers['content-encoding']).toBe('gzip');
      const text = gunzipSync(raw.body).toString('utf8');
      const plain = await exportOf(`format=${format}`);
      expect(text).toBe(plain.body);
      expect(raw.body.length).toBeLessThan(text.length / 3);
    }
    const refused = await rawGet(`/v1/migrations/${varied.id}/faults/export`, { 'accept-encoding': 'gzip;q=0, identity' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    // Only gzip: a client that accepts brotli alone gets the text as it is (not the JSON responses' encoder).
    const brOnly = await rawGet(`/v1/migrations/${varied.id}/faults/export?format=csv`, { 'accept-encoding': 'br' });
    expect(brOnly.headers['content-encoding']).toBeUndefined();
    expect(brOnly.body.toString('utf8')).toBe((await exportOf('format=csv')).body);
    // And through the contract-checking client (fetch decompresses transparently).
    const viaFetch = await exportOf('format=csv', { 'accept-encoding': 'gzip' });
    expect(viaFetch.headers.get('content-encoding')).toBe('gzip');
    expect(parseCsv(viaFetch.body)).toEqual(all);
  });

  it('unknown migration → 404 problem, invalid format → 400, before anything is streamed', async () => {
    const missing = await stack.api.get<Problem>(`/v1/migrations/${randomUUID()}/faults/export`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    const bad = await stack.api.get<Problem>(`/v1/migrations/${varied.id}/faults/export?format=xml`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.[0]).toMatchObject({ in: 'query', field: 'format' });
  });

  it('streams with backpressure, and a client that disconnects ends the query', async () => {
    // ~260k events, ~60 MB of NDJSON: more than the sockets' buffers can hold (Linux grows a loopback
    // receive buffer up to tcp_rmem's maximum, 32 MB here), so the export must wait for the client.
    const { body } = await stack.api.post<Migration>('/v1/migrations', { ...LARGE, seed: 22, vm: { ...LARGE.vm, memoryMiB: 32768 } });
    await stack.api.waitFor(body.id);
    const exportSessions = async () =>
      (
        await stack.container.pool.query<{ pid: number; state: string }>(
          `SELECT pid, state FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'FETCH % FROM fault_export'
              AND state IN ('active', 'idle in transaction')`,
        )
      ).rows;
    expect(await exportSessions()).toEqual([]);

    const req = http.get(`${stack.baseUrl}/v1/migrations/${body.id}/faults/export`);
    const [res] = (await once(req, 'response')) as [http.IncomingMessage];
    expect(res.statusCode).toBe(200);
    res.pause(); // a client that reads nothing
    // The export stops fetching (its cursor stays open, idle) instead of buffering the rest.
    const [session] = await until(async () => {
      const rows = await exportSessions();
      return rows.length === 1 && rows[0].state === 'idle in transaction' && rows;
    }, 10_000, 'the export to block on the slow client');
    await new Promise((r) => setTimeout(r, 300));
    // Still open: had it buffered the rest in memory, its cursor would be done and the session gone.
    // (Its state may flicker to 'active' for one FETCH when the socket drains a little.)
    expect((await exportSessions()).map((s) => s.pid)).toEqual([session.pid]);

    req.destroy(); // the client goes away
    await until(async () => (await exportSessions()).length === 0, 10_000, 'the export query to end');
    const after = await stack.container.pool.query(`SELECT state FROM pg_stat_activity WHERE pid = $1`, [session.pid]);
    expect(after.rows.map((r) => r.state)).not.toContain('idle in transaction');
  });
});

describe('GET /faults/stats', () => {
  /** The contract's statistics, computed here from the events themselves. */
  function expectedStats(events: FaultEvent[], buckets: number): FaultStats {
    const lat = events.map((e) => e.latencyNs).sort((a, b) => a - b);
    const n = lat.length;
    const pct = (p: number) => (n ? lat[Math.max(1, Math.ceil(p * n)) - 1] : 0);
    const histogram = new Map<number, number>();
    for (const l of lat) {
      let lower = l === 0 ? 0 : 1;
      while (lower > 0 && lower * 2 <= l) lower *= 2;
      histogram.set(lower, (histogram.get(lower) ?? 0) + 1);
    }
    const count = <N extends string>(names: readonly N[], key: (e: FaultEvent) => string) =>
      Object.fromEntries(names.map((name) => [name, events.filter((e) => key(e) === name).length])) as Record<N, number>;
    const vcpus = [...new Set(events.filter((e) => e.vcpu >= 0).map((e) => e.vcpu))].sort((a, b) => a - b);
    const span = n ? Math.max(...events.map((e) => e.raisedAtNs)) : 0;
    const timeline = n
      ? range(buckets).map((i) => ({
          startNs: (i * span) / buckets,
          endNs: ((i + 1) * span) / buckets,
          faults: events.filter((e) => (span > 0 ? Math.min(Math.floor((e.raisedAtNs * buckets) / span), buckets - 1) : 0) === i).length,
        }))
      : [];
    return {
      total: n,
      latency: { p50Ns: pct(0.5), p90Ns: pct(0.9), p99Ns: pct(0.99), maxNs: n ? lat[n - 1] : 0, meanNs: n ? lat.reduce((a, b) => a + b, 0) / n : 0 },
      latencyHistogram: [...histogram].sort((a, b) => a[0] - b[0]).map(([lower, c]) => ({ lowerNs: lower, upperNs: lower === 0 ? 1 : lower * 2, count: c })),
      byPath: count(FAULT_PATHS, (e) => e.path),
      byMechanism: count(MECHANISMS, (e) => e.mechanism),
      byResolution: count(RESOLUTIONS, (e) => e.resolution),
      blocktimePerVcpu: vcpus.map((vcpu) => {
        const mine = events.filter((e) => e.vcpu === vcpu);
        return { vcpu, blockedNs: mine.reduce((s, e) => s + e.latencyNs, 0), faults: mine.length };
      }),
      timeline,
      sampleEvery: 1, // a single migration stores every event
    };
  }

  const statsOf = (id: string, query: string) => stack.api.get<FaultStats>(`/v1/migrations/${id}/faults/stats?${query}`);

  const expectEqualStats = (actual: FaultStats, expected: FaultStats) => {
    expect(actual.latency.meanNs).toBeCloseTo(expected.latency.meanNs, 6);
    expect({ ...actual, latency: { ...actual.latency, meanNs: 0 } }).toEqual({ ...expected, latency: { ...expected.latency, meanNs: 0 } });
  };

  it('equal the sums over the events (default 50 timeline buckets)', async () => {
    const res = await statsOf(varied.id, '');
    expect(res.status).toBe(200);
    expectEqualStats(res.body, expectedStats(all, 50));
    // ...and agree with the simulator's own summary.
    const summary = varied.summary!;
    expect(res.body.total).toBe(summary.faults.total);
    expect(res.body.latency.maxNs).toBe(summary.faults.latency.maxNs);
    expect(res.body.blocktimePerVcpu.reduce((s, v) => s + v.blockedNs, 0)).toBe(summary.blocktime.totalNs);
    for (const [path, n] of Object.entries(res.body.byPath)) expect(n).toBe(summary.faults.byPath[path]?.count ?? 0);
    expect(res.body.timeline.reduce((s, b) => s + b.faults, 0)).toBe(res.body.total);
    expect(res.body.latencyHistogram.reduce((s, b) => s + b.count, 0)).toBe(res.body.total);
  });

  it.each([
    ['vcpu=5&buckets=7', (e: FaultEvent) => e.vcpu === 5, 7],
    ['path=vhost_userspace&buckets=1', (e: FaultEvent) => e.path === 'vhost_userspace', 1],
    // Machine checks come from the vCPUs' stage-2 faults, served by KVM exits here (nested walks read only L1's table pages, clear of the poison).
    ['resolution=machine_check&mechanism=kvm_exit_on_missing&buckets=1000', (e: FaultEvent) => e.resolution === 'machine_check' && e.mechanism === 'kvm_exit_on_missing', 1000],
    ['gfnMin=300000&fromNs=0&toNs=2000000000&buckets=13', (e: FaultEvent) => e.gfn >= 300000 && e.raisedAtNs < 2000000000, 13],
  ] as const)('with filters: %s', async (query, keep, buckets) => {
    const expected = all.filter(keep);
    expect(expected.length).toBeGreaterThan(0);
    expectEqualStats((await statsOf(varied.id, query)).body, expectedStats(expected, buckets));
  });

  it("a finished migration's stats are computed once per query, then read back", async () => {
    const key = (await stack.container.pool.query('SELECT key FROM migrations WHERE id = $1', [varied.id])).rows[0].key;
    const cached = async () => (await stack.container.pool.query('SELECT query FROM fault_stats_cache WHERE migration_key = $1', [key])).rows.map((r) => r.query);
    const first = await statsOf(varied.id, 'buckets=9&vcpu=1');
    const entry = '{"buckets":9,"latencyBucketsPerDoubling":1,"vcpu":1}';
    expect(await cached()).toContain(entry);
    // The same query in another order is the same entry; doctoring it shows that it is what is served.
    await stack.container.pool.query(`UPDATE fault_stats_cache SET stats = jsonb_set(stats, '{total}', '-1') WHERE migration_key = $1 AND query = $2`, [key, entry]);
    expect((await statsOf(varied.id, 'vcpu=1&buckets=9')).body.total).toBe(-1);
    await stack.container.pool.query(`DELETE FROM fault_stats_cache WHERE migration_key = $1`, [key]);
    expect((await statsOf(varied.id, 'vcpu=1&buckets=9')).body).toEqual(first.body);
  });

  it('a finer latency histogram: each power of two split into latencyBucketsPerDoubling log-scale buckets', async () => {
    const coarse = (await statsOf(varied.id, '')).body.latencyHistogram;
    const fine = (await statsOf(varied.id, 'latencyBucketsPerDoubling=8')).body.latencyHistogram;
    expect(fine.length).toBeGreaterThan(coarse.length);
    // every bucket counts exactly the events inside its bounds, and is at most 2^(1/8) wide (+1 ns of rounding)
    for (const b of fine) {
      expect(b.count).toBe(all.filter((e) => e.latencyNs >= b.lowerNs && e.latencyNs < b.upperNs).length);
      if (b.lowerNs > 0) expect(b.upperNs).toBeLessThanOrEqual(Math.ceil(b.lowerNs * 2 ** (1 / 8)) + 1);
    }
    expect(fine.reduce((n, b) => n + b.count, 0)).toBe(all.length);
    // merged back per power of two, they are the log2 histogram
    const merged = new Map<number, number>();
    for (const b of fine) {
      const lower = b.lowerNs === 0 ? 0 : 2 ** Math.floor(Math.log2(b.lowerNs));
      merged.set(lower, (merged.get(lower) ?? 0) + b.count);
    }
    expect([...merged].map(([lowerNs, count]) => ({ lowerNs, count }))).toEqual(coarse.map((b) => ({ lowerNs: b.lowerNs, count: b.count })));
    for (const bad of [0, 65, 1.5]) {
      const res = await stack.api.get<Problem>(`/v1/migrations/${varied.id}/faults/stats?latencyBucketsPerDoubling=${bad}`);
      expect(res.status).toBe(400);
      expect(res.body.errors?.[0]).toMatchObject({ in: 'query', field: 'latencyBucketsPerDoubling' });
    }
  });

  it('nothing matching: zeros, every vocabulary value listed, empty arrays', async () => {
    const res = await statsOf(varied.id, 'path=device_restore');
    expect(res.body).toEqual(expectedStats([], 50));
    expect(res.body.byPath.device_restore).toBe(0);
    expect(res.body.timeline).toEqual([]);
  });

  it('validates buckets (1..1000) and answers 404 for an unknown migration', async () => {
    for (const b of [0, 1001]) {
      const res = await stack.api.get<Problem>(`/v1/migrations/${varied.id}/faults/stats?buckets=${b}`);
      expect(res.status).toBe(400);
      expect(res.body.errors?.[0]).toMatchObject({ in: 'query', field: 'buckets' });
    }
    expect((await statsOf(randomUUID(), '')).status).toBe(404);
  });
});

describe('DELETE /v1/migrations/{id}', () => {
  const partitionOf = async (id: string) =>
    (await stack.container.pool.query<{ key: number }>('SELECT key FROM migrations WHERE id = $1', [id])).rows[0]?.key;
  const tableExists = async (name: string) =>
    (await stack.container.pool.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [name])).rows[0].t !== null;

  it('removes a finished migration and all its events; a second DELETE is a 404', async () => {
    const { body } = await stack.api.post<Migration>('/v1/migrations', { ...VARIED, seed: 12 });
    const done = await stack.api.waitFor(body.id);
    const key = await partitionOf(body.id);
    expect(await tableExists(`fault_events_${key}`)).toBe(true);
    expect(await stack.container.faults.count(body.id)).toBe(done.eventCount);

    await stack.api.get(`/v1/migrations/${body.id}/faults/stats`); // something in the stats cache too
    const cachedStats = () => stack.container.pool.query('SELECT count(*)::int AS n FROM fault_stats_cache WHERE migration_key = $1', [key]);
    expect((await cachedStats()).rows[0].n).toBe(1);

    const res = await stack.api.request('DELETE', `/v1/migrations/${body.id}`);
    expect(res.status).toBe(204);
    expect((await cachedStats()).rows[0].n).toBe(0);
    expect(res.body).toBe('');
    expect(await tableExists(`fault_events_${key}`)).toBe(false);
    const left = await stack.container.pool.query('SELECT count(*)::int AS n FROM fault_events WHERE migration_key = $1', [key]);
    expect(left.rows[0].n).toBe(0);
    for (const path of [`/v1/migrations/${body.id}`, `/v1/migrations/${body.id}/faults`, `/v1/migrations/${body.id}/faults/stats`]) {
      expect((await stack.api.get(path)).status).toBe(404);
    }
    expect((await stack.api.request('DELETE', `/v1/migrations/${body.id}`)).status).toBe(404);
    // Other migrations are untouched.
    expect(await pages(varied.id, '', 1000)).toEqual(all);
  });

  it('refuses a migration that is still running (409) and deletes it once cancelled', async () => {
    const { body } = await stack.api.post<Migration>('/v1/migrations', { ...LARGE, seed: 23, vm: { memoryMiB: 65536, vcpus: 16 } });
    await stack.api.waitFor(body.id, ['running', 'succeeded', 'failed']);
    // Stats of a running migration are computed every time, never kept.
    expect((await stack.api.get<FaultStats>(`/v1/migrations/${body.id}/faults/stats`)).status).toBe(200);
    const kept = await stack.container.pool.query('SELECT count(*)::int AS n FROM fault_stats_cache f JOIN migrations m ON m.key = f.migration_key WHERE m.id = $1', [body.id]);
    expect(kept.rows[0].n).toBe(0);
    const refused = await stack.api.request<Problem>('DELETE', `/v1/migrations/${body.id}`);
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    await stack.api.post(`/v1/migrations/${body.id}/cancel`);
    expect((await stack.api.waitFor(body.id)).status).toBe('cancelled');
    expect((await stack.api.request('DELETE', `/v1/migrations/${body.id}`)).status).toBe(204);
    expect((await stack.api.get(`/v1/migrations/${body.id}`)).status).toBe(404);
  });

  it('a malformed or unknown id is a problem', async () => {
    expect((await stack.api.request<Problem>('DELETE', '/v1/migrations/nope')).status).toBe(400);
    expect((await stack.api.request<Problem>('DELETE', `/v1/migrations/${randomUUID()}`)).status).toBe(404);
  });
});

/** GET without any decoding (to see the compressed bytes). */
async function rawGet(path: string, headers: Record<string, string>): Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }> {
  const req = http.get(`${stack.baseUrl}${path}`, { headers });
  const [res] = (await once(req, 'response')) as [http.IncomingMessage];
  const chunks: Buffer[] = [];
  for await (const c of res) chunks.push(c as Buffer);
  return { headers: res.headers, body: Buffer.concat(chunks) };
}
