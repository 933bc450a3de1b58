import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

/**
 * Checks responses against the committed openapi.yaml: the operation and status must be
 * documented, and a JSON body must validate against the documented schema.
 */
type Doc = {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
};

const DOC_ID = 'openapi.json';
const doc = parse(readFileSync(new URL('../../openapi.yaml', import.meta.url), 'utf8')) as Doc;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema({ ...doc, $id: DOC_ID });

const templates = Object.keys(doc.paths).map((template) => ({
  template,
  regex: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

/** Served next to the API but not part of it: the document, its docs page, metrics, bull-board, the dashboard. */
const OUTSIDE_CONTRACT = /^\/(openapi\.(yaml|json)|docs(\/.*)?|metrics|admin\/queues(\/.*)?|dashboard(\/.*)?)$/;

/** application/json or a +json suffix (problem+json); not NDJSON, which is lines of JSON documents. */
export function isJsonMediaType(contentType: string | null | undefined): boolean {
  const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

export function responseProblems(method: string, url: string, status: number, contentType: string | null, body: unknown): string[] {
  const path = new URL(url, 'http://x').pathname;
  if (OUTSIDE_CONTRACT.test(path)) return [];
  const match = templates.find((t) => t.regex.test(path));
  if (!match) {
    // Unknown routes still answer with a problem document.
    if (status !== 404) return [`${method} ${path} is not in openapi.yaml`];
    const validate = ajv.getSchema(`${DOC_ID}#/components/schemas/Problem`)!;
    return validate(body) ? [] : [`404 of an unknown route is not a Problem: ${ajv.errorsText(validate.errors)}`];
  }
  const operation = doc.paths[match.template][method.toLowerCase()];
  if (!operation) return [`${method} ${match.template} is not in openapi.yaml`];
  const response = operation.responses[String(status)];
  if (!response) return [`${method} ${match.template} does not document status ${status}`];
  if (!response.content) return [];
  const mediaType = (contentType ?? '').split(';')[0].trim();
  if (!response.content[mediaType]) {
    return [`${method} ${match.template} ${status} documents ${Object.keys(response.content).join(', ')}, got "${mediaType}"`];
  }
  if (!isJsonMediaType(mediaType)) return [];
  const validate = ajv.getSchema(`${DOC_ID}#/${pointer('paths', match.template, method.toLowerCase(), 'responses', String(status), 'content', mediaType, 'schema')}`);
  if (!validate) return [`no schema for ${method} ${match.template} ${status}`];
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => `${method} ${match.template} ${status}: ${e.instancePath || '(root)'} ${e.message}`);
}

/** What makes `value` invalid against a named schema of openapi.yaml (an event stream's `data`, which responses are not read for). */
export function schemaProblems(component: string, value: unknown): string[] {
  const validate = ajv.getSchema(`${DOC_ID}#/${pointer('components', 'schemas', component)}`);
  if (!validate) return [`openapi.yaml has no schema ${component}`];
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${component}: ${e.instancePath || '(root)'} ${e.message}`);
}
