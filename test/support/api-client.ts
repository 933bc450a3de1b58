import { expect } from 'vitest';
import type { Middleware } from 'openapi-fetch';
import type { components } from '../../sdk/src/generated/openapi.js';
import { PostcopyClient } from '../../sdk/src/index.js';
import { isJsonMediaType, responseProblems } from './openapi-validator.js';

export type Migration = components['schemas']['Migration'];
export type FaultEventPage = components['schemas']['FaultEventPage'];
export type Problem = components['schemas']['Problem'];

/** A body whose type the test does not name: tests dig into arbitrary JSON, which the middleware below checks against openapi.yaml. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- deliberate, see above
type AnyBody = any;

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * Checks every response against openapi.yaml (documented operation, status, media type, and a JSON
 * body valid against its schema), so the whole suite proves the contract holds for what it receives.
 * Event streams are checked without reading them.
 */
const contractMiddleware: Middleware = {
  async onResponse({ request, response }) {
    const contentType = response.headers.get('content-type');
    let body: unknown;
    if (isJsonMediaType(contentType)) {
      const text = await response.clone().text();
      body = text ? JSON.parse(text) : text;
    }
    const problems = responseProblems(request.method, request.url, response.status, contentType, body);
    expect(problems, `response of ${request.method} ${new URL(request.url).pathname} violates openapi.yaml`).toEqual([]);
    return undefined;
  },
};

/**
 * Real HTTP to the service, through the SDK (sdk/): `sdk` is the typed client users get, and
 * `request` sends anything (invalid bodies, unknown routes) through the same openapi-fetch client.
 */
export class ApiClient {
  readonly sdk: PostcopyClient;

  /** With `apiKey`, every request (the SDK's and request()'s) sends it as a Bearer credential. */
  constructor(
    readonly baseUrl: string,
    readonly apiKey?: string,
  ) {
    this.sdk = new PostcopyClient({ baseUrl, apiKey, middleware: [contractMiddleware] });
  }

  async request<T = AnyBody>(method: string, path: string, init: { json?: unknown; body?: string; headers?: Record<string, string> } = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...init.headers };
    let body = init.body;
    if (init.json !== undefined) {
      body = JSON.stringify(init.json);
      headers['content-type'] ??= 'application/json';
    }
    // Any method and path, as they are (the typed methods of this.sdk only accept what openapi.yaml lists).
    const untyped = this.sdk.raw.request as unknown as (
      method: string,
      url: string,
      init: { body?: string; headers: Record<string, string>; parseAs: 'text'; bodySerializer: (b: string) => string },
    ) => Promise<{ data?: string; error?: unknown; response: Response }>;
    const { data, error, response } = await untyped(method, path, { body, headers, parseAs: 'text', bodySerializer: (b) => b });
    const contentType = response.headers.get('content-type');
    let parsed: unknown = data ?? error ?? '';
    if (typeof parsed === 'string' && parsed && isJsonMediaType(contentType)) parsed = JSON.parse(parsed);
    return { status: response.status, headers: response.headers, body: parsed as T };
  }

  get<T = AnyBody>(path: string) {
    return this.request<T>('GET', path);
  }

  post<T = AnyBody>(path: string, json?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, { json, headers });
  }

  /** Polls until the migration reaches one of `statuses` (or the timeout). */
  waitFor(id: string, statuses: Migration['status'][] = ['succeeded', 'failed', 'cancelled'], timeoutMs = 45_000): Promise<Migration> {
    return this.sdk.waitFor(id, { until: statuses, timeoutMs, intervalMs: 100 });
  }
}
