import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import openapiTS, { astToString } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../support/processes.js';

/**
 * The examples of openapi.yaml (what the docs page shows) are values a real response or request
 * contains, and the request body is documented with its input shape (defaulted fields optional).
 */
const yamlText = await readFile(path.join(ROOT, 'openapi.yaml'), 'utf8');
const doc = parse(yamlText) as Record<string, unknown>;

const DOC_ID = 'openapi.json';
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema({ ...doc, $id: DOC_ID });
const pointer = (parts: string[]) => parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

type Found = { where: string[]; schemaAt: string[]; value: unknown };

/** Every example: `examples` of a schema (each one) and `example` of a media type, with where its schema is. */
function findExamples(node: unknown, where: string[] = [], found: Found[] = []): Found[] {
  if (Array.isArray(node)) {
    node.forEach((n, i) => findExamples(n, [...where, String(i)], found));
    return found;
  }
  if (node === null || typeof node !== 'object') return found;
  const obj = node as Record<string, unknown>;
  for (const [key, value] of Object.entries(obj)) {
    if (key === 'examples' && Array.isArray(value) && where.at(-2) !== 'content') {
      value.forEach((v, i) => found.push({ where: [...where, 'examples', String(i)], schemaAt: where, value: v }));
    } else if (key === 'example' && 'schema' in obj) {
      found.push({ where: [...where, 'example'], schemaAt: [...where, 'schema'], value });
    } else if (key !== 'examples' && key !== 'example') {
      findExamples(value, [...where, key], found);
    }
  }
  return found;
}

const ISO_DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

/** Values no real response holds: integers beyond ±1e15, timestamps outside 2000..2100. */
function implausible(value: unknown, at = ''): string[] {
  if (typeof value === 'number') return Math.abs(value) > 1e15 ? [`${at || '(root)'} = ${value}`] : [];
  if (typeof value === 'string' && ISO_DATE_TIME.test(value)) {
    const year = new Date(value).getUTCFullYear();
    return year >= 2000 && year <= 2100 ? [] : [`${at || '(root)'} = ${value}`];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => implausible(v, `${at}/${i}`));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => implausible(v, `${at}/${k}`));
  return [];
}

describe('openapi.yaml examples', () => {
  const examples = findExamples(doc);

  it('every response schema of the API has an example (the docs page shows it instead of one made up from the bounds)', () => {
    const schemas = (doc.components as { schemas: Record<string, { examples?: unknown[]; oneOf?: unknown; anyOf?: unknown }> }).schemas;
    const without = Object.entries(schemas)
      .filter(([, s]) => !s.examples?.length && !s.oneOf && !s.anyOf) // unions: each variant has its own
      .map(([name]) => name);
    expect(without).toEqual([]);
  });

  it('every example validates against its own schema', () => {
    expect(examples.length).toBeGreaterThan(10);
    const problems = examples.flatMap(({ where, schemaAt, value }) => {
      const validate = ajv.getSchema(`${DOC_ID}#/${pointer(schemaAt)}`);
      if (!validate) return [`${where.join('/')}: no schema at ${schemaAt.join('/')}`];
      return validate(value) ? [] : [`${where.join('/')}: ${ajv.errorsText(validate.errors)}`];
    });
    expect(problems).toEqual([]);
  });

  it('no example holds an implausible number or timestamp', () => {
    expect(examples.flatMap(({ where, value }) => implausible(value).map((p) => `${where.join('/')}: ${p}`))).toEqual([]);
  });

  it('counts are documented as non-negative, so a negative one fails validation', () => {
    const migration = (doc.components as { schemas: Record<string, { properties: Record<string, { minimum?: number }> }> }).schemas.Migration;
    expect(migration.properties.attempts.minimum).toBe(0);
    expect(migration.properties.eventCount.minimum).toBe(0);
  });
});

describe('openapi.yaml descriptions', () => {
  /** Files named in descriptions and summaries: paths under the repository's folders, and names like x.md or x.ts. */
  function citedFiles(node: unknown, key = '', found = new Set<string>()): Set<string> {
    if (typeof node === 'string') {
      if (key !== 'description' && key !== 'summary') return found;
      const refs = /(?:[\w-]+\/)*[\w-]+\.(?:md|ts|js|mjs|yaml|yml|json|sh)\b|\b(?:docs|src|test|scripts|sdk|ops|bench|prisma)\/[\w./-]*\w/g;
      for (const [ref] of node.matchAll(refs)) found.add(ref);
    } else if (node !== null && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) citedFiles(v, Array.isArray(node) ? key : k, found);
    }
    return found;
  }

  it('cite only files of the repository', () => {
    const cited = [...citedFiles(doc)];
    expect(cited).toContain('docs/model.md'); // the pattern finds citations
    expect(cited.filter((file) => !existsSync(path.join(ROOT, file)))).toEqual([]);
  });
});

describe('the request body is documented with its input shape', () => {
  type Schema = { properties?: Record<string, Schema>; required?: string[]; default?: unknown; items?: Schema; oneOf?: Schema[]; anyOf?: Schema[] };
  const body = (doc as { paths: Record<string, Record<string, { requestBody: { content: Record<string, { schema: Schema }> } }>> }).paths['/v1/migrations'].post
    .requestBody.content['application/json'].schema;

  it('no field with a default is required', () => {
    const required: string[] = [];
    const visit = (s: Schema | undefined, at: string): void => {
      if (!s) return;
      for (const [name, p] of Object.entries(s.properties ?? {})) {
        if (p.default !== undefined && s.required?.includes(name)) required.push(`${at}.${name}`);
        visit(p, `${at}.${name}`);
      }
      visit(s.items, `${at}[]`);
      [...(s.oneOf ?? []), ...(s.anyOf ?? [])].forEach((v) => visit(v, at));
    };
    visit(body, 'body');
    expect(body.required).toEqual(['vm']);
    expect(required).toEqual([]);
  });

  it("a client generated with openapi-typescript's defaults accepts the README's example (tsc)", { timeout: 120_000 }, async () => {
    const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
    const example = /curl -si localhost:3000\/v1\/migrations -H 'content-type: application\/json' -d '(\{[\s\S]*?\})'/.exec(readme)?.[1];
    expect(example).toBeDefined();
    JSON.parse(example!); // JSON, hence a TypeScript expression
    const dir = await mkdtemp(path.join(tmpdir(), 'openapi-client-'));
    try {
      await writeFile(path.join(dir, 'openapi.ts'), astToString(await openapiTS(yamlText)));
      await writeFile(
        path.join(dir, 'readme-example.ts'),
        "import type { paths } from './openapi.js';\n" +
          "type SubmitBody = paths['/v1/migrations']['post']['requestBody']['content']['application/json'];\n" +
          `export const body: SubmitBody = ${example};\n`,
      );
      const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
      const args = ['--noEmit', '--strict', '--skipLibCheck', '--target', 'es2022', '--module', 'nodenext', '--types', 'node', '--typeRoots', path.join(ROOT, 'node_modules/@types'), path.join(dir, 'readme-example.ts')];
      const result = await promisify(execFile)(process.execPath, [tsc, ...args], { cwd: dir }).then(
        () => '',
        (err: { stdout?: string }) => err.stdout ?? String(err),
      );
      expect(result).toBe('');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
