import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_SUBMISSION } from '../../src/routes/migrations.js';
import type { FaultEventPage, Migration, Problem } from '../support/api-client.js';
import { startStack, type Stack } from '../support/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ worker: true, auth: true }); // with a tenant key, as a shared deployment runs
});
afterAll(() => stack?.close());

const small = (seed: number, extra: Record<string, unknown> = {}) => ({
  ...EXAMPLE_SUBMISSION,
  seed,
  vm: { arch: 'x86_64', memoryMiB: 64, vcpus: 2 },
  ...extra,
});

describe('submit → worker → results', () => {
  let done: Migration;

  beforeAll(async () => {
    const res = await stack.api.post<Migration>('/v1/migrations', EXAMPLE_SUBMISSION);
    expect(res.status).toBe(202);
    expect(res.body.status).toBe('queued');
    expect(res.headers.get('location')).toBe(`/v1/migrations/${res.body.id}`);
    done = await stack.api.waitFor(res.body.id);
  });

  it('the OpenAPI example runs to success with a summary', () => {
    expect(done.status).toBe('succeeded');
    expect(done.progress).toBe(1);
    expect(done.summary?.outcome).toBe('completed');
    expect(done.startedAt).not.toBeNull();
    expect(Date.parse(done.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(done.startedAt!));
    expect(Date.parse(done.startedAt!)).toBeGreaterThanOrEqual(Date.parse(done.createdAt));
    expect(done.spec.vm.pageSize).toBe('4K'); // defaults applied and stored
    expect(done.eventCount).toBe(done.summary!.faults.total);
    expect(done.eventCount).toBeGreaterThan(0);
  });

  it('pages through every fault event exactly once, in seq order', async () => {
    const seqs: number[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `?limit=1000&cursor=${cursor}` : '?limit=1000';
      const { status, body }: { status: number; body: FaultEventPage } = await stack.api.get(`/v1/migrations/${done.id}/faults${q}`);
      expect(status).toBe(200);
      for (const e of body.items) {
        expect(e.resolvedAtNs).toBeGreaterThanOrEqual(e.raisedAtNs);
        expect(e.latencyNs).toBe(e.resolvedAtNs - e.raisedAtNs);
        seqs.push(e.seq);
      }
      cursor = body.nextCursor;
    } while (cursor);
    expect(seqs).toEqual(Array.from({ length: done.eventCount }, (_, i) => i));
  });

  it('the summary equals the sums over the stored events', async () => {
    const { rows } = await stack.container.pool.query<{ path: number; n: string; blocked: string }>(
      `SELECT path, count(*)::text AS n, sum(resolved_at_ns - raised_at_ns)::text AS blocked FROM fault_events WHERE migration_key = (SELECT key FROM migrations WHERE id = $1) GROUP BY path`,
      [done.id],
    );
    const total = rows.reduce((s, r) => s + Number(r.n), 0);
    expect(total).toBe(done.summary!.faults.total);
    for (const [path, stats] of Object.entries(done.summary!.faults.byPath)) {
      expect(stats.count).toBe(Number(rows.find((r) => r.path === ['vcpu_access', 'kvm_user_access', 'instruction_emulation', 'nested_walk', 'device_restore', 'vhost_userspace'].indexOf(path))?.n ?? 0));
    }
    const vcpuBlock = await stack.container.pool.query<{ s: string }>(
      `SELECT COALESCE(sum(resolved_at_ns - raised_at_ns), 0)::text AS s FROM fault_events WHERE migration_key = (SELECT key FROM migrations WHERE id = $1) AND vcpu >= 0`,
      [done.id],
    );
    expect(done.summary!.blocktime.totalNs).toBe(Number(vcpuBlock.rows[0].s));
  });

  it('filters fault events by vCPU and by path', async () => {
    const byVcpu = await stack.api.get<FaultEventPage>(`/v1/migrations/${done.id}/faults?vcpu=1&limit=200`);
    expect(byVcpu.body.items.length).toBeGreaterThan(0);
    expect(byVcpu.body.items.every((e) => e.vcpu === 1)).toBe(true);
    const byPath = await stack.api.get<FaultEventPage>(`/v1/migrations/${done.id}/faults?path=vcpu_access&limit=200`);
    expect(byPath.body.items.length).toBeGreaterThan(0);
    expect(byPath.body.items.every((e) => e.path === 'vcpu_access')).toBe(true);
    const none = await stack.api.get<FaultEventPage>(`/v1/migrations/${done.id}/faults?path=device_restore`);
    expect(none.body).toEqual({ items: [], nextCursor: null, sampleEvery: 1 });
  });

  it('the same request and seed give identical events', async () => {
    const again = await stack.api.post<Migration>('/v1/migrations', EXAMPLE_SUBMISSION);
    const second = await stack.api.waitFor(again.body.id);
    expect(second.summary).toEqual(done.summary);
    const cols = 'seq, vcpu, thread, gfn, page_shift, write, path, mechanism, resolution, raised_at_ns, resolved_at_ns';
    const digest = async (id: string) =>
      (await stack.container.pool.query(`SELECT md5(string_agg(row(${cols})::text, ',' ORDER BY seq)) AS d FROM fault_events WHERE migration_key = (SELECT key FROM migrations WHERE id = $1)`, [id])).rows[0].d;
    expect(await digest(second.id)).toBe(await digest(done.id));
  });
});

describe('idempotency', () => {
  it('a retried submission with the same Idempotency-Key returns the first migration', async () => {
    const key = randomUUID();
    const first = await stack.api.post<Migration>('/v1/migrations', small(7), { 'idempotency-key': key });
    const retry = await stack.api.post<Migration>('/v1/migrations', small(7), { 'idempotency-key': key });
    expect(retry.status).toBe(202);
    expect(retry.body.id).toBe(first.body.id);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const { rows } = await stack.container.pool.query('SELECT count(*)::int AS n FROM migrations WHERE idempotency_key = $1', [key]);
    expect(rows[0].n).toBe(1);
  });

  it('concurrent retries with one key create one migration', async () => {
    const key = randomUUID();
    const all = await Promise.all(Array.from({ length: 5 }, () => stack.api.post<Migration>('/v1/migrations', small(8), { 'idempotency-key': key })));
    expect(new Set(all.map((r) => r.body.id)).size).toBe(1);
  });

  it('reusing a key with a different body is a 422 problem', async () => {
    const key = randomUUID();
    await stack.api.post('/v1/migrations', small(9), { 'idempotency-key': key });
    const res = await stack.api.post<Problem>('/v1/migrations', small(10), { 'idempotency-key': key });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.errors?.[0].field).toBe('idempotency-key');
  });
});

describe('listing', () => {
  it('lists newest first, filters by status and paginates without gaps or repeats', async () => {
    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push((await stack.api.post<Migration>('/v1/migrations', small(100 + i))).body.id);
    for (const id of created) await stack.api.waitFor(id);

    const seen: Migration[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: Migration[]; nextCursor: string | null } } = await stack.api.get(
        `/v1/migrations?status=succeeded&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen.every((m) => m.status === 'succeeded')).toBe(true);
    expect(new Set(seen.map((m) => m.id)).size).toBe(seen.length);
    const order = seen.map((m) => m.id).filter((id) => created.includes(id));
    expect(order).toEqual([...created].reverse());
    for (let i = 1; i < seen.length; i++) expect(Date.parse(seen[i - 1].createdAt)).toBeGreaterThanOrEqual(Date.parse(seen[i].createdAt));
  });

  it('rejects a forged cursor', async () => {
    const res = await stack.api.get<Problem>('/v1/migrations?cursor=bm90LWEtY3Vyc29y');
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]).toMatchObject({ in: 'query', field: 'cursor' });
  });
});

describe('cancel', () => {
  it('cancels a running migration; it ends cancelled and its worker stops writing', async () => {
    const big = { ...EXAMPLE_SUBMISSION, seed: 5, vm: { arch: 'x86_64', memoryMiB: 65536, vcpus: 64 }, workload: { pattern: 'uniform' } };
    const { body } = await stack.api.post<Migration>('/v1/migrations', big);
    await stack.api.waitFor(body.id, ['running', 'succeeded', 'failed']);
    const res = await stack.api.post<Migration>(`/v1/migrations/${body.id}/cancel`);
    expect(res.status).toBe(202);
    const end = await stack.api.waitFor(body.id);
    expect(end.status).toBe('cancelled');
    const count = await stack.container.faults.count(body.id);
    expect(end.eventCount).toBe(count);
    await new Promise((r) => setTimeout(r, 500));
    expect(await stack.container.faults.count(body.id)).toBe(count);
    // cancelling again is a no-op
    const again = await stack.api.post<Migration>(`/v1/migrations/${body.id}/cancel`);
    expect(again.body.status).toBe('cancelled');
  });

  it('cannot cancel a finished migration', async () => {
    const { body } = await stack.api.post<Migration>('/v1/migrations', small(11));
    await stack.api.waitFor(body.id);
    const res = await stack.api.post<Problem>(`/v1/migrations/${body.id}/cancel`);
    expect(res.status).toBe(409);
  });
});

describe('errors are problem+json', () => {
  it('unknown id → 404', async () => {
    const id = randomUUID();
    for (const path of [`/v1/migrations/${id}`, `/v1/migrations/${id}/faults`]) {
      const res = await stack.api.get<Problem>(path);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.detail).toContain(id);
    }
    expect((await stack.api.post(`/v1/migrations/${id}/cancel`)).status).toBe(404);
  });

  it('malformed id → 400 naming the parameter', async () => {
    const res = await stack.api.get<Problem>('/v1/migrations/not-a-uuid');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ in: 'params', field: 'id' })]);
  });

  const invalid: Array<{ rule: string; body: unknown; field: string }> = (
    [
    ['missing vm', { seed: 1 }, 'vm'],
    ['vcpus not an integer', { vm: { memoryMiB: 64, vcpus: 1.5 } }, 'vm.vcpus'],
    ['vcpus over the limit', { vm: { memoryMiB: 64, vcpus: 100000 } }, 'vm.vcpus'],
    // Once killed the API: the GIC layout check ran on 2^31 vCPUs until the heap ran out.
    ['2^31 vCPUs on arm64', { vm: { arch: 'arm64', memoryMiB: 1024, vcpus: 2147483648 } }, 'vm.vcpus'],
    ['20000 vCPUs on arm64', { vm: { arch: 'arm64', memoryMiB: 1024, vcpus: 20000 } }, 'vm.vcpus'],
    ['memory over the limit', { vm: { memoryMiB: 1e12, vcpus: 1 } }, 'vm.memoryMiB'],
    ['memory zero', { vm: { memoryMiB: 0, vcpus: 1 } }, 'vm.memoryMiB'],
    ['unknown arch', { vm: { arch: 'riscv', memoryMiB: 64, vcpus: 1 } }, 'vm.arch'],
    ['unknown page size', { vm: { memoryMiB: 64, vcpus: 1, pageSize: '16K' } }, 'vm.pageSize'],
    ['unknown mechanism', { vm: { memoryMiB: 64, vcpus: 1 }, strategy: { mechanism: 'magic' } }, 'strategy.mechanism'],
    ['write ratio above 1', { vm: { memoryMiB: 64, vcpus: 1 }, workload: { writeRatio: 2 } }, 'workload.writeRatio'],
    ['negative bandwidth', { vm: { memoryMiB: 64, vcpus: 1 }, network: { bandwidthGbps: -1 } }, 'network.bandwidthGbps'],
    ['seed not a number', { seed: 'x', vm: { memoryMiB: 64, vcpus: 1 } }, 'seed'],
    ['unknown field', { vm: { memoryMiB: 64, vcpus: 1, colour: 'red' } }, 'vm.colour'],
    ['too many poisoned pages', { vm: { memoryMiB: 64, vcpus: 1, poisonedPages: Array.from({ length: 5000 }, (_, i) => i) } }, 'vm.poisonedPages'],
    ] as Array<[string, unknown, string]>
  ).map(([rule, body, field]) => ({ rule, body, field }));
  it.each(invalid)('$rule → 400 naming $field', async ({ body, field }) => {
    const res = await stack.api.post<Problem>('/v1/migrations', body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.errors?.map((e) => e.field)).toContain(field);
    expect(res.body.errors?.every((e) => e.in === 'body')).toBe(true);
  });

  it('a missing field is "required", not a type error about undefined', async () => {
    const res = await stack.api.post<Problem>('/v1/migrations', { vm: { memoryMiB: 64 } });
    expect(res.body.errors).toEqual([{ in: 'body', field: 'vm.vcpus', message: 'required (number)' }]);
  });

  it('invalid query parameters → 400 naming them', async () => {
    const res = await stack.api.get<Problem>('/v1/migrations?limit=0&status=done');
    expect(res.status).toBe(400);
    expect(res.body.errors?.map((e) => e.field).sort()).toEqual(['limit', 'status']);
  });

  it('a query parameter the route does not take → 400 naming it (a typo is not ignored)', async () => {
    for (const path of ['/v1/migrations?statuz=running', '/v1/experiments?limit=5&stat=queued', `/v1/migrations/${randomUUID()}/faults?vcpus=1`]) {
      // (fetch: the test client would refuse to send a request openapi.yaml does not describe)
      const res = await fetch(`${stack.baseUrl}${path}`, { headers: stack.api.apiKey ? { authorization: `Bearer ${stack.api.apiKey}` } : {} });
      expect(res.status, path).toBe(400);
      const unknown = [...new URL(path, stack.baseUrl).searchParams.keys()].find((k) => k !== 'limit');
      expect(((await res.json()) as Problem).errors, path).toEqual([{ in: 'query', field: unknown, message: 'unknown field' }]);
    }
  });

  it('malformed JSON, wrong content type and oversized bodies are problems, not crashes', async () => {
    const bad = await stack.api.request<Problem>('POST', '/v1/migrations', { body: '{"vm":', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    const text = await stack.api.request<Problem>('POST', '/v1/migrations', { body: '<vm/>', headers: { 'content-type': 'application/xml' } });
    expect(text.status).toBe(415);
    const huge = await stack.api.request<Problem>('POST', '/v1/migrations', {
      body: JSON.stringify({ vm: { memoryMiB: 64, vcpus: 1 }, pad: 'x'.repeat(2 * 1024 * 1024) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(huge.status).toBe(413);
    expect((await stack.api.get('/healthz')).status).toBe(200);
  });

  it('an unknown route → 404 problem', async () => {
    const res = await stack.api.request('GET', '/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('a route with another method → 405 naming the methods it takes (Allow)', async () => {
    for (const [method, path, allow] of [
      ['PUT', '/v1/migrations', 'GET, HEAD, POST'],
      ['PATCH', `/v1/migrations/${randomUUID()}`, 'DELETE, GET, HEAD'],
      ['DELETE', '/healthz', 'GET, HEAD'],
    ]) {
      // (fetch, not the test client: it checks every exchange against openapi.yaml, which has no such operation)
      const res = await fetch(`${stack.baseUrl}${path}`, { method });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get('allow')).toBe(allow);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(((await res.json()) as Problem).detail).toBe(`${method} is not allowed on ${path}; it takes ${allow}.`);
    }
  });
});

describe('migrations stored by older model versions', () => {
  it('a summary in an older shape is served as legacySummary (never a 500); one in the current shape stays the summary', async () => {
    const fresh = await stack.api.waitFor((await stack.api.post<Migration>('/v1/migrations', small(71))).body.id);
    // What model 12 stored: outcome "failed", no violationsRecorded, ram, baseline...
    const old = { outcome: 'failed', correct: false, verdict: 'FAILED: the VM was lost', violationCount: 0, timing: { totalNs: 5 } };
    await stack.container.db.migration.update({ where: { id: fresh.id }, data: { modelVersion: 12, summary: old } });
    const legacy = await stack.api.get<Migration>(`/v1/migrations/${fresh.id}`);
    expect(legacy.status).toBe(200);
    expect(legacy.body).toMatchObject({ modelVersion: 12, summary: null, legacySummary: old });
    const list = await stack.api.get<{ items: Migration[] }>('/v1/migrations?limit=200');
    expect(list.status).toBe(200);
    // An older version whose summary still has today's shape keeps it as the summary.
    await stack.container.db.migration.update({ where: { id: fresh.id }, data: { summary: fresh.summary! } });
    expect((await stack.api.get<Migration>(`/v1/migrations/${fresh.id}`)).body).toMatchObject({ summary: fresh.summary, legacySummary: null });
  });
});
