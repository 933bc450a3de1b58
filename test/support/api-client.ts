import { expect } from 'vitest';
import type { components } from '../../src/generated/openapi.js';
import { responseProblems } from './openapi-validator.js';

export type Migration = components['schemas']['Migration'];
export type FaultEventPage = components['schemas']['FaultEventPage'];
export type Problem = components['schemas']['Problem'];

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * Real HTTP to the service. Every response is checked against openapi.yaml, so the whole suite
 * proves the contract holds for what it receives.
 */
export class ApiClient {
  constructor(readonly baseUrl: string) {}

  async request<T = any>(method: string, path: string, init: { json?: unknown; body?: string; headers?: Record<string, string> } = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...init.headers };
    let body = init.body;
    if (init.json !== undefined) {
      body = JSON.stringify(init.json);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(this.baseUrl + path, { method, headers, body });
    const text = await res.text();
    const contentType = res.headers.get('content-type');
    const parsed = contentType?.includes('json') && text ? JSON.parse(text) : text;
    const problems = responseProblems(method, path, res.status, contentType, parsed);
    expect(problems, `response of ${method} ${path} violates openapi.yaml`).toEqual([]);
    return { status: res.status, headers: res.headers, body: parsed as T };
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }

  post<T = any>(path: string, json?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, { json, headers });
  }

  /** Polls until the migration reaches one of `statuses` (or the timeout). */
  async waitFor(id: string, statuses: Migration['status'][] = ['succeeded', 'failed', 'cancelled'], timeoutMs = 45_000): Promise<Migration> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { body } = await this.get<Migration>(`/v1/migrations/${id}`);
      if (statuses.includes(body.status)) return body;
      if (Date.now() > deadline) throw new Error(`migration ${id} still ${body.status} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
