import { experimentRequestSchema } from '../../src/experiments/plan.js';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { migrationSpecSchema, MODEL_VERSION } from '../../src/sim/index.js';
import { SERVICE_VERSION } from '../../src/version.js';
import { MAX_MEMORY_MIB, MAX_POISONED_ENTRIES, MAX_VCPUS } from '../../src/sim/spec.js';
import { renderOpenApiYaml } from '../../scripts/openapi-document.js';
import { freePort } from '../support/global-setup.js';
import { startStack, type Stack } from '../support/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());

describe('health', () => {
  it('/healthz answers, with the service version and the model version the service runs', async () => {
    expect((await stack.api.get('/healthz')).body).toEqual({ status: 'ok', modelVersion: MODEL_VERSION, version: SERVICE_VERSION });
  });

  it('/readyz reports Postgres and Redis', async () => {
    const res = await stack.api.get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', checks: { postgres: 'ok', redis: 'ok' } });
  });

  it('/readyz is 503 naming the dependency that does not answer', async () => {
    const down = await startStack({ env: { REDIS_URL: `redis://127.0.0.1:${await freePort()}` } });
    try {
      const res = await down.api.get('/readyz');
      expect(res.status).toBe(503);
      expect(res.body.checks.postgres).toBe('ok');
      expect(res.body.checks.redis).not.toBe('ok');
    } finally {
      await down.close();
    }
  });
});

describe('the contract', () => {
  it('the committed openapi.yaml is what the application describes (npm run generate:openapi)', async () => {
    const committed = await readFile(new URL('../../openapi.yaml', import.meta.url), 'utf8');
    expect(committed).toBe(await renderOpenApiYaml());
  });

  it('is served at /openapi.yaml and /openapi.json, with a docs page', async () => {
    const yaml = await stack.api.request('GET', '/openapi.yaml');
    expect(yaml.headers.get('content-type')).toContain('application/yaml');
    const doc = parse(yaml.body as string);
    expect(doc.openapi).toBe('3.1.0');
    expect((await stack.api.request('GET', '/openapi.json')).body).toEqual(doc);
    const docs = await fetch(`${stack.baseUrl}/docs/`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('<html');
  });

  it('every request body has an example, and the examples are valid requests', async () => {
    const doc = parse(await readFile(new URL('../../openapi.yaml', import.meta.url), 'utf8'));
    type Operation = { operationId: string; requestBody?: { content: Record<string, { example?: unknown }> } };
    const paths = doc.paths as Record<string, Record<string, Operation>>;
    const bodies = Object.values(paths).flatMap((item) => Object.values(item).filter((op) => op.requestBody));
    expect(bodies.length).toBeGreaterThan(0);
    const schemaOf: Record<string, { safeParse(v: unknown): { success: boolean } }> = { submitMigration: migrationSpecSchema, submitExperiment: experimentRequestSchema };
    for (const op of bodies) {
      const example = op.requestBody!.content['application/json'].example;
      expect(example, op.operationId).toBeDefined();
      expect(schemaOf[op.operationId].safeParse(example).success, op.operationId).toBe(true);
    }
  });

  it('limits are part of the documented schema', async () => {
    const doc = parse(await readFile(new URL('../../openapi.yaml', import.meta.url), 'utf8'));
    const vm = doc.paths['/v1/migrations'].post.requestBody.content['application/json'].schema.properties.vm.properties;
    expect(vm.vcpus.maximum).toBe(MAX_VCPUS);
    expect(vm.memoryMiB.maximum).toBe(MAX_MEMORY_MIB);
    expect(vm.poisonedPages.maxItems).toBe(MAX_POISONED_ENTRIES);
    const body = doc.paths['/v1/migrations'].post;
    expect(body.responses['413']).toBeDefined(); // the body size limit is a documented answer
  });
});
