// Issue 10, defect 6: requests that fastify, its body parser or Node's HTTP parser reject before any
// route runs were answered with plain JSON (or text) instead of problem+json; duplicate JSON keys
// and non-UTF-8 bodies were accepted. Each case goes over a raw socket (most are requests no HTTP
// client would send), to the real app on real Postgres/Redis.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_SUBMISSION } from '../../src/routes/migrations.js';
import { rawRequest, type RawResponse } from '../support/raw-http.js';
import { startStack, type Stack } from '../support/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ env: { BODY_LIMIT_BYTES: '4096' } });
});
afterAll(() => stack?.close());

const ID = '0b6f4a8e-5d0c-4c8e-9a51-3f1f7c2d9e10';

function http(method: string, path: string, headers: Record<string, string> = {}, body: Buffer | string = ''): Buffer {
  const b = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  const lines = [`${method} ${path} HTTP/1.1`, 'Host: localhost', 'Connection: close', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  if (b.length && !Object.keys(headers).some((k) => /^(content-length|transfer-encoding)$/i.test(k))) lines.push(`Content-Length: ${b.length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), b]);
}

const postJson = (body: Buffer | string, contentType = 'application/json') => http('POST', '/v1/migrations', { 'Content-Type': contentType }, body);

/** The answer is problem+json with this status, and `errors[]` names `field` (when given) in `where`. */
function expectProblem(res: RawResponse, status: number, field?: { in: string; field?: string }) {
  expect(res.status, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = JSON.parse(res.body);
  expect(problem).toMatchObject({ status, title: expect.any(String), detail: expect.any(String), type: expect.stringMatching(/^https:\/\//) });
  if (field) expect(problem.errors).toEqual(expect.arrayContaining([expect.objectContaining(field)]));
  return problem;
}

describe('routing errors (fastify frameworkErrors)', () => {
  it('a long path parameter: 400 naming it, as any bad id (not a 414, which the contract does not list)', async () => {
    for (const path of [`/v1/migrations/${'a'.repeat(500)}`, `/v1/experiments/${'a'.repeat(10_000)}/results`]) {
      const res = await rawRequest(stack.baseUrl, http('GET', path));
      expectProblem(res, 400, { in: 'params', field: 'id' });
    }
  });

  it('a path parameter that is not valid percent-encoding: 400 problem+json, not FST_ERR_BAD_URL JSON', async () => {
    const res = await rawRequest(stack.baseUrl, http('GET', '/v1/migrations/%E0%A4%A/faults'));
    const p = expectProblem(res, 400, { in: 'params', field: '(path)' });
    expect(JSON.stringify(p)).not.toContain('FST_ERR');
  });
});

describe("Node's HTTP parser errors (fastify clientErrorHandler)", () => {
  it('Content-Length: abc is a 400 problem naming content-length, not Node/fastify plain 400', async () => {
    const res = await rawRequest(stack.baseUrl, http('POST', '/v1/migrations', { 'Content-Type': 'application/json', 'Content-Length': 'abc' }, '{}'));
    expectProblem(res, 400, { in: 'headers', field: 'content-length' });
  });

  it('two different Content-Length headers, a malformed header name, an unknown method: problem+json', async () => {
    expectProblem(await rawRequest(stack.baseUrl, http('POST', '/v1/migrations', { 'Content-Length': '2', 'content-length': '3' }, '{}')), 400);
    expectProblem(await rawRequest(stack.baseUrl, http('GET', '/healthz', { 'Bad Header(': 'x' })), 400);
    expectProblem(await rawRequest(stack.baseUrl, http('FROB', '/healthz')), 400);
  });

  it('a chunked body whose framing breaks after the request was routed: 400 problem naming transfer-encoding, not a closed connection', async () => {
    for (const body of ['ZZ\r\n{}\r\n0\r\n\r\n', '2\r\n{}\r\nZZ\r\n']) {
      const res = await rawRequest(stack.baseUrl, http('POST', '/v1/migrations', { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }, body));
      expectProblem(res, 400, { in: 'headers', field: 'transfer-encoding' });
    }
    expect((await fetch(`${stack.baseUrl}/healthz`)).status).toBe(200);
  });

  it('without keys on a loopback address, a request for another host name is a 403 naming host (DNS rebinding)', async () => {
    const get = (host: string) => rawRequest(stack.baseUrl, Buffer.from(`GET /v1/migrations HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`, 'latin1'));
    const { port } = new URL(stack.baseUrl);
    const refused = await get(`attacker.example:${port}`);
    expectProblem(refused, 403, { in: 'headers', field: 'host' });
    expect(JSON.parse(refused.body).detail).toContain('DNS rebinding');
    // a loopback name before an @ is a user name: the host is the other one
    expectProblem(await get(`localhost@attacker.example:${port}`), 403, { in: 'headers', field: 'host' });
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, `lab.localhost:${port}`]) expect((await get(host)).status, host).toBe(200);
  });

  it('headers larger than Node accepts: 431 problem+json', async () => {
    const res = await rawRequest(stack.baseUrl, http('GET', '/healthz', { 'X-Big': 'x'.repeat(20_000) }));
    expectProblem(res, 431, { in: 'headers', field: '(all)' });
  });

  it('an Expect header other than 100-continue: 417 problem naming expect, not Node\'s empty 417', async () => {
    expectProblem(await rawRequest(stack.baseUrl, http('GET', '/healthz', { Expect: 'teapot' })), 417, { in: 'headers', field: 'expect' });
  });

  it('the service keeps serving after each of them', async () => {
    const res = await rawRequest(stack.baseUrl, http('GET', '/healthz'));
    expect(res.status).toBe(200);
  });
});

describe('body parsing', () => {
  it('malformed JSON: 400 problem naming the body', async () => {
    expectProblem(await rawRequest(stack.baseUrl, postJson('{"vm": ')), 400, { in: 'body', field: '(root)' });
  });

  it('an empty JSON body: 400 problem', async () => {
    expectProblem(await rawRequest(stack.baseUrl, http('POST', '/v1/migrations', { 'Content-Type': 'application/json', 'Content-Length': '0' })), 400, { in: 'body', field: '(root)' });
  });

  it('a body over the limit: 413 problem', async () => {
    expectProblem(await rawRequest(stack.baseUrl, postJson(JSON.stringify({ pad: 'x'.repeat(10_000) }))), 413, { in: 'body' });
  });

  it('an unsupported media type: 415 problem naming content-type', async () => {
    expectProblem(await rawRequest(stack.baseUrl, postJson('<vm/>', 'application/xml')), 415, { in: 'headers', field: 'content-type' });
  });

  it('a duplicate key is a 400 naming it, at the top and nested (arrays included), also when escaped differently', async () => {
    const top = `{"seed": 1, "vm": {"memoryMiB": 64, "vcpus": 2}, "seed": 2}`;
    expectProblem(await rawRequest(stack.baseUrl, postJson(top)), 400, { in: 'body', field: 'seed' });
    const nested = `{"vm": {"memoryMiB": 64, "vcpus": 2, "vcpus": 2147483648}}`;
    expectProblem(await rawRequest(stack.baseUrl, postJson(nested)), 400, { in: 'body', field: 'vm.vcpus' });
    const inArray = `{"vm": {"memoryMiB": 64, "vcpus": 2, "poisonedPages": [1, {"start": 0, "count": 1, "count": 2}]}}`;
    expectProblem(await rawRequest(stack.baseUrl, postJson(inArray)), 400, { in: 'body', field: 'vm.poisonedPages.1.count' });
    const escaped = `{"vm": {"memoryMiB": 64, "vcpus": 2, "vcpu\\u0073": 4}}`;
    expectProblem(await rawRequest(stack.baseUrl, postJson(escaped)), 400, { in: 'body', field: 'vm.vcpus' });
  });

  it('the same keys in different objects, and key-like text inside strings, are not duplicates', async () => {
    // Valid submissions (202): a "seed" inside a string and two objects that both have "enabled".
    const spec = { ...EXAMPLE_SUBMISSION, vm: { ...EXAMPLE_SUBMISSION.vm } };
    const res = await rawRequest(stack.baseUrl, http('POST', '/v1/migrations', { 'Content-Type': 'application/json', 'Idempotency-Key': '"seed": 1, "seed": 2' }, JSON.stringify(spec)));
    expect(res.status, res.body).toBe(202);
  });

  it('a body declared as UTF-16 (or any charset but UTF-8) is a 415 naming content-type', async () => {
    const body = Buffer.from(`\ufeff${JSON.stringify(EXAMPLE_SUBMISSION)}`, 'utf16le');
    expectProblem(await rawRequest(stack.baseUrl, postJson(body, 'application/json; charset=utf-16')), 415, { in: 'headers', field: 'content-type' });
    expectProblem(await rawRequest(stack.baseUrl, postJson(JSON.stringify(EXAMPLE_SUBMISSION), 'application/json; charset=ISO-8859-1')), 415, { in: 'headers', field: 'content-type' });
    // UTF-8, named either way, is fine.
    expect((await rawRequest(stack.baseUrl, postJson(JSON.stringify(EXAMPLE_SUBMISSION), 'application/json; charset="UTF-8"'))).status).toBe(202);
  });

  it('UTF-16 bytes without a charset, or other invalid UTF-8, are a 400, not decoded into something else', async () => {
    const utf16 = Buffer.from(JSON.stringify(EXAMPLE_SUBMISSION), 'utf16le');
    expectProblem(await rawRequest(stack.baseUrl, postJson(utf16)), 400, { in: 'body', field: '(root)' });
    const latin1 = Buffer.from('{"seed": 1, "vm": {"memoryMiB": 64, "vcpus": 2, "arch": "x86_64\xff"}}', 'latin1');
    expectProblem(await rawRequest(stack.baseUrl, postJson(latin1)), 400, { in: 'body', field: '(root)' });
  });

  it('prototype keys are refused', async () => {
    expectProblem(await rawRequest(stack.baseUrl, postJson('{"__proto__": {"x": 1}, "vm": {"memoryMiB": 64, "vcpus": 2}}')), 400, { in: 'body', field: '__proto__' });
  });
});

describe('routes', () => {
  it('an unknown route: 404 problem+json; a known path with another method: 405 problem+json with Allow', async () => {
    expectProblem(await rawRequest(stack.baseUrl, http('GET', '/nope')), 404);
    const res = await rawRequest(stack.baseUrl, http('PATCH', `/v1/migrations/${ID}`));
    expectProblem(res, 405);
    expect(res.headers.allow).toBe('DELETE, GET, HEAD');
  });
});
