import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Migration, Problem } from '../support/api-client.js';
import { startStack, type Stack } from '../support/stack.js';
import type { Violation, ViolationPage } from '../../sdk/src/index.js';

/**
 * GET /v1/migrations/{id}/violations: every recorded violation, paginated, while the summary keeps
 * the true counts and only the first 20. A real run through the API and the worker: vhost accesses
 * that no userfaultfd intercepts (zero_page_exposed) and poisoned pages read as healthy memory
 * (poison_escape), about 2,400 violations.
 */
const quiet = { kvmUserAccessPerSecond: 0, instructionEmulationPerSecond: 0, vhostAccessesPerSecond: 0 };
const MANY_VIOLATIONS = {
  seed: 4,
  vm: { memoryMiB: 512, vcpus: 2, poisonedPages: [{ start: 0, count: 2000 }] },
  // The vhost buffer region spans all of memory: the thread touches every missing page.
  workload: { pattern: 'uniform', faultSources: { ...quiet, vhostAccessesPerSecond: 20_000, vhostBufferMiB: 512 } },
  strategy: { mechanism: 'kvm_exit_on_missing', uffdMode: 'none', poisonHandling: 'none' },
};

let stack: Stack;
let m: Migration;
beforeAll(async () => {
  stack = await startStack({ worker: true, auth: true });
  const res = await stack.api.post<Migration>('/v1/migrations', MANY_VIOLATIONS);
  expect(res.status).toBe(202);
  m = await stack.api.waitFor(res.body.id);
  expect(m.status).toBe('succeeded');
});
afterAll(() => stack?.close());

/** Every page of `query`, following nextCursor; checks each page's size. */
async function pages(query: string, limit: number): Promise<ViolationPage[]> {
  const out: ViolationPage[] = [];
  let cursor: string | null = null;
  do {
    const url: string = `/v1/migrations/${m.id}/violations?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`;
    const res = await stack.api.get<ViolationPage>(url);
    expect(res.status).toBe(200);
    out.push(res.body);
    cursor = res.body.nextCursor;
    if (cursor) expect(res.body.items).toHaveLength(limit);
  } while (cursor);
  return out;
}

describe('GET /v1/migrations/{id}/violations', () => {
  it('pages through more than 1000 violations: as many as violationCount, in seq order, starting with the summary\'s sample', async () => {
    const s = m.summary!;
    expect(s.violationCount).toBeGreaterThan(1000);
    expect(s.violationsRecorded).toBe(s.violationCount);
    expect(s.violations).toHaveLength(20);
    const all = (await pages('', 1000)).flatMap((p) => p.items);
    expect(all).toHaveLength(s.violationCount);
    expect(all.map((v) => v.seq)).toEqual(all.map((_, i) => i));
    expect(all.slice(0, 20).map(({ seq: _seq, ...v }) => v)).toEqual(s.violations);
    const byKind: Record<string, number> = {};
    for (const v of all) byKind[v.kind] = (byKind[v.kind] ?? 0) + 1;
    expect(byKind).toEqual(s.violationsByKind);
    expect(Object.keys(byKind).sort()).toEqual(['poison_escape', 'zero_page_exposed']);
    // The SDK's iterator walks the same list.
    const viaSdk: Violation[] = [];
    for await (const v of stack.api.sdk.violations(m.id, { limit: 500 })) viaSdk.push(v);
    expect(viaSdk).toEqual(all);
  });

  it('kind filters, across pages', async () => {
    const s = m.summary!;
    const escapes = await pages('&kind=poison_escape', 25);
    expect(escapes.length).toBeGreaterThan(1);
    const items = escapes.flatMap((p) => p.items);
    expect(items).toHaveLength(s.violationsByKind.poison_escape);
    expect(new Set(items.map((v) => v.kind))).toEqual(new Set(['poison_escape']));
    for (let i = 1; i < items.length; i++) expect(items[i].seq).toBeGreaterThan(items[i - 1].seq);
    // A kind the run does not have: an empty last page.
    const none = await stack.api.get<ViolationPage>(`/v1/migrations/${m.id}/violations?kind=restore_failure`);
    expect(none.body).toEqual({ items: [], nextCursor: null });
  });

  it('bad input is a 400 problem naming the parameter: a forged cursor, an unknown kind, a limit out of range', async () => {
    for (const [query, field] of [
      ['cursor=not-a-cursor!', 'cursor'],
      [`cursor=${Buffer.from('{"seq":-1}').toString('base64url')}`, 'cursor'],
      ['kind=mystery', 'kind'],
      ['limit=0', 'limit'],
      ['limit=1001', 'limit'],
    ]) {
      const res = await stack.api.get<Problem>(`/v1/migrations/${m.id}/violations?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.body.errors?.map((e) => e.field)).toEqual([field]);
    }
  });

  it('another tenant gets 404, as for a migration that does not exist', async () => {
    const other = await stack.clientFor('violations-other');
    const res = await other.get<Problem>(`/v1/migrations/${m.id}/violations`);
    expect(res.status).toBe(404);
    expect(res.body.detail).toBe(`migration ${m.id} does not exist`);
    expect((await stack.api.get(`/v1/migrations/${crypto.randomUUID()}/violations`)).status).toBe(404);
  });

  it('a correct migration has none; deleting a migration deletes its violations', async () => {
    const clean = await stack.api.waitFor((await stack.api.post<Migration>('/v1/migrations', { seed: 5, vm: { memoryMiB: 64, vcpus: 2 } })).body.id);
    expect(clean.summary).toMatchObject({ correct: true, violationCount: 0, violationsRecorded: 0, violations: [] });
    expect((await stack.api.get<ViolationPage>(`/v1/migrations/${clean.id}/violations`)).body).toEqual({ items: [], nextCursor: null });

    const key = (await stack.container.migrations.find(m.id))!.key;
    expect(await stack.container.db.violation.count({ where: { migrationKey: key } })).toBe(m.summary!.violationCount);
    expect((await stack.api.request('DELETE', `/v1/migrations/${m.id}`)).status).toBe(204);
    expect(await stack.container.db.violation.count({ where: { migrationKey: key } })).toBe(0);
    expect((await stack.api.get(`/v1/migrations/${m.id}/violations`)).status).toBe(404);
  });
});
