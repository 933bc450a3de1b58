import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderOpenApiTypes } from '../../scripts/openapi-document.js';
import { EXAMPLE_SUBMISSION } from '../../src/routes/migrations.js';
import { PostcopyApiError, type FaultEvent, type Migration, type PostcopyClient } from '../../sdk/src/index.js';
import { ROOT } from '../support/processes.js';
import { startStack, type Stack } from '../support/stack.js';

let stack: Stack;
let sdk: PostcopyClient;
beforeAll(async () => {
  stack = await startStack({ worker: true, auth: true }); // with a tenant key, as a shared deployment runs
  sdk = stack.api.sdk;
});
afterAll(() => stack?.close());

describe('the SDK package (sdk/)', () => {
  it('its generated types are those of the committed openapi.yaml (npm run generate:openapi)', async () => {
    const yaml = await readFile(path.join(ROOT, 'openapi.yaml'), 'utf8');
    const types = await readFile(path.join(ROOT, 'sdk/src/generated/openapi.ts'), 'utf8');
    expect(types).toBe(await renderOpenApiTypes(yaml));
  });
});

describe('driving the service through the SDK', () => {
  let done: Migration;
  beforeAll(async () => {
    const submitted = await sdk.submit(EXAMPLE_SUBMISSION, { requestId: 'sdk-test' });
    expect(submitted.status).toBe('queued');
    done = await sdk.waitFor(submitted.id, { intervalMs: 100, timeoutMs: 45_000 });
  });

  it('submit → waitFor → summary', () => {
    expect(done.status).toBe('succeeded');
    expect(done.summary?.faults.total).toBe(done.eventCount);
  });

  it('the fault iterator pages through every event once, in order, with filters', async () => {
    const seqs: number[] = [];
    let pages = 0;
    for await (const page of sdk.faultPages(done.id, { limit: 50 })) {
      pages++;
      seqs.push(...page.items.map((e) => e.seq));
    }
    expect(pages).toBe(Math.ceil(done.eventCount / 50));
    expect(seqs).toEqual(Array.from({ length: done.eventCount }, (_, i) => i));
    const vcpu1: FaultEvent[] = [];
    for await (const e of sdk.faults(done.id, { vcpu: 1, limit: 7 })) vcpu1.push(e);
    expect(vcpu1.length).toBeGreaterThan(0);
    expect(vcpu1.every((e) => e.vcpu === 1)).toBe(true);
  });

  it('faultStats() agrees with the summary', async () => {
    const stats = await sdk.faultStats(done.id, { buckets: 10 });
    expect(stats.total).toBe(done.summary!.faults.total);
    expect(stats.timeline).toHaveLength(10);
    expect(stats.latencyHistogram.reduce((n, b) => n + b.count, 0)).toBe(stats.total);
    expect(stats.blocktimePerVcpu.reduce((n, v) => n + v.blockedNs, 0)).toBe(done.summary!.blocktime.totalNs);
  });

  it('follow() returns the final migration and sees progress on the way', async () => {
    const seen: string[] = [];
    const final = await sdk.follow(done.id, { onEvent: (e) => seen.push(e.type) });
    expect(final).toEqual(await sdk.get(done.id));
    expect(seen).toContain('progress');
    expect(seen.at(-1)).toBe('summary');
  });

  it('list, cancel and errors: PostcopyApiError carries the problem', async () => {
    const page = await sdk.list({ status: 'succeeded', limit: 200 });
    expect(page.items.map((m) => m.id)).toContain(done.id);

    const missing = randomUUID();
    const err = await sdk.get(missing).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PostcopyApiError);
    expect(err).toMatchObject({ status: 404, problem: { status: 404, title: 'Not found' } });

    const invalid = await sdk.submit({ vm: { memoryMiB: 64, vcpus: 0 } }).catch((e: unknown) => e);
    expect(invalid).toMatchObject({ status: 400, problem: { errors: [expect.objectContaining({ in: 'body', field: 'vm.vcpus' })] } });

    const conflict = await sdk.cancel(done.id).catch((e: unknown) => e);
    expect(conflict).toMatchObject({ status: 409 });

    const key = randomUUID();
    const first = await sdk.submit({ ...EXAMPLE_SUBMISSION, seed: 9 }, { idempotencyKey: key });
    const again = await sdk.submit({ ...EXAMPLE_SUBMISSION, seed: 9 }, { idempotencyKey: key });
    expect(again.id).toBe(first.id);
  });

  it('delete: an ended migration goes with its events; deleting it again is a 404', async () => {
    const m = await sdk.waitFor((await sdk.submit({ ...EXAMPLE_SUBMISSION, seed: 10 })).id);
    await sdk.delete(m.id);
    expect(await sdk.get(m.id).catch((e: unknown) => e)).toMatchObject({ status: 404 });
    expect(await sdk.delete(m.id).catch((e: unknown) => e)).toMatchObject({ status: 404 });
  });
});
