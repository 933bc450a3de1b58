import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import fp from 'fastify-plugin';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, RequestError, ServiceUnavailableError, ValidationError, type FieldError } from '../errors.js';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import { fieldMessage } from '../lib/field-message.js';

const LOCATIONS: Record<string, FieldError['in']> = { body: 'body', querystring: 'query', params: 'params', headers: 'headers' };

/**
 * fastify's own request errors, as typed errors: the status it chose and which part of the request
 * was wrong, so that even these name a field. Codes not listed keep fastify's status (see toAppError).
 */
const FRAMEWORK_ERRORS: Record<string, (err: FastifyError) => AppError> = {
  FST_ERR_BAD_URL: () => new RequestError(400, 'The request path is not a valid URL (bad percent-encoding).', { in: 'params', field: '(path)', message: 'not a valid URL component' }),
  FST_ERR_MAX_PARAM_LENGTH: () => new RequestError(414, 'A path parameter is longer than the service accepts.', { in: 'params', field: '(path)', message: 'too long' }),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: (err) => new RequestError(415, err.message, { in: 'headers', field: 'content-type', message: 'unsupported media type' }),
  FST_ERR_CTP_INVALID_TYPE: (err) => new RequestError(415, err.message, { in: 'headers', field: 'content-type', message: 'invalid content type' }),
  FST_ERR_CTP_EMPTY_TYPE: (err) => new RequestError(415, err.message, { in: 'headers', field: 'content-type', message: 'empty content type' }),
  FST_ERR_CTP_BODY_TOO_LARGE: (err) => new RequestError(413, err.message, { in: 'body', field: '(root)', message: 'too large' }),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: (err) => new RequestError(400, err.message, { in: 'headers', field: 'content-length', message: 'does not match the body' }),
  FST_ERR_CTP_EMPTY_JSON_BODY: (err) => new RequestError(400, err.message, { in: 'body', field: '(root)', message: 'empty' }),
  FST_ERR_CTP_INVALID_JSON_BODY: (err) => new RequestError(400, err.message, { in: 'body', field: '(root)', message: 'not valid JSON' }),
};

/** ioredis errors of a Redis that does not answer (the producer and the probes fail fast). */
const REDIS_UNAVAILABLE = /Connection is closed|enableOfflineQueue|Reached the max retries per request limit|ECONNREFUSED/;

/**
 * A 503 (+ Retry-After) for an error that means "Postgres or Redis does not answer right now" (an
 * immediate restart, a failover, a full pool): the request may succeed later, it is not a server bug.
 */
function asUnavailable(err: unknown): ServiceUnavailableError | undefined {
  const redisDown = err instanceof Error && (err.name === 'MaxRetriesPerRequestError' || REDIS_UNAVAILABLE.test(err.message));
  // The cause stays in the log (sendError logs it): addresses are not the client's business.
  if (isDatabaseUnavailable(err) || redisDown) return new ServiceUnavailableError('The database or the queue does not answer right now; retry later.');
  return undefined;
}

/**
 * Any error as a typed AppError: ours as they are, zod validation as ValidationError (each field
 * named), a dependency outage as ServiceUnavailableError (503 + Retry-After), fastify's request
 * errors as RequestError. Undefined for a server fault (500).
 */
function toAppError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  const fe = err as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fe)) {
    const where = LOCATIONS[fe.validationContext ?? 'body'] ?? 'body';
    const errors = fe.validation.flatMap((v): FieldError[] => {
      const base = v.instancePath.split('/').filter(Boolean).join('.');
      const keys = (v.params as { keys?: string[] }).keys;
      if (v.keyword === 'unrecognized_keys' && keys?.length) {
        return keys.map((k) => ({ in: where, field: base ? `${base}.${k}` : k, message: 'unknown field' }));
      }
      return [{ in: where, field: base || '(root)', message: v.message ? fieldMessage(v.message) : 'invalid' }];
    });
    return new ValidationError(`Invalid ${where}: ${[...new Set(errors.map((e) => e.field))].join(', ')}`, errors);
  }
  const unavailable = asUnavailable(err);
  if (unavailable) return unavailable;
  const known = typeof fe?.code === 'string' ? FRAMEWORK_ERRORS[fe.code] : undefined;
  if (known) return known(fe);
  const status = fe?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // Another client error of fastify or a plugin: its status and message, and the body as the culprit
    // for the statuses that concern it.
    const field: FieldError | undefined = status === 400 || status === 413 ? { in: 'body', field: '(root)', message: fe.message } : undefined;
    return new AppError(status, titleFor(status), fe.message, field ? [field] : undefined);
  }
  return undefined;
}

/** The one error handler: every error leaves as RFC 9457 application/problem+json. */
export default fp(
  async (app) => {
    app.setErrorHandler((err: FastifyError, req, reply) => sendError(err, req, reply));
    // A path that exists with other methods is a 405 naming them (Allow), not a 404: the routes are
    // collected as they are added (this plugin is registered before them).
    const routes: Array<{ methods: string[]; pattern: RegExp }> = [];
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      routes.push({ methods, pattern: routePattern(route.url) });
    });
    app.setNotFoundHandler((req, reply) => {
      const path = pathOf(req.url);
      const allowed = [...new Set(routes.filter((r) => r.pattern.test(path)).flatMap((r) => r.methods))].sort();
      if (allowed.length === 0) return sendProblem(reply, req, new AppError(404, 'Not found', `No route ${req.method} ${path}`));
      reply.header('allow', allowed.join(', '));
      return sendProblem(reply, req, new RequestError(405, `${req.method} is not allowed on ${path}; it takes ${allowed.join(', ')}.`));
    });
    // Node answers an Expect header other than 100-continue itself (an empty 417) unless someone
    // listens: the request never reaches fastify, so the problem is written here.
    app.server.on('checkExpectation', (req: IncomingMessage, res: ServerResponse) => {
      const p = new RequestError(417, 'Only "Expect: 100-continue" is supported.', { in: 'headers', field: 'expect', message: 'unsupported expectation' });
      const body = JSON.stringify(problemBody(p, req.url));
      res.writeHead(417, { 'content-type': 'application/problem+json', 'content-length': Buffer.byteLength(body), connection: 'close' }).end(body);
    });
  },
  { name: 'problem' },
);

/** A route's URL ('/v1/migrations/:id', '/dashboard/*') as a regular expression over request paths. */
function routePattern(url: string): RegExp {
  const parts = url.split('/').map((part) => (part.startsWith(':') ? '[^/]+' : part === '*' ? '.*' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  return new RegExp(`^${parts.join('/')}$`);
}

function sendError(err: unknown, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const problem = toAppError(err);
  if (!problem) {
    req.log.error({ err }, 'request failed');
    return sendProblem(reply, req, new AppError(500, 'Internal server error', 'The server failed to handle the request; it has been logged.'));
  }
  if (problem.status === 503) req.log.warn({ err }, 'dependency unavailable');
  return sendProblem(reply, req, problem);
}

/**
 * fastify's `frameworkErrors` option: errors found while routing (a bad URL, a path parameter over
 * maxParamLength), before any route or error handler runs. Without it fastify answers plain JSON.
 */
export function frameworkErrors(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  sendError(err, req, reply);
}

/** Node's HTTP parser errors (see clientErrorHandler): the status and the part of the request at fault. */
function clientProblem(err: NodeJS.ErrnoException): AppError {
  switch (err.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new RequestError(408, 'The request was not received in time.');
    case 'HPE_HEADER_OVERFLOW':
      return new RequestError(431, 'The request line and headers are larger than the service accepts.', { in: 'headers', field: '(all)', message: 'too large' });
    case 'HPE_INVALID_CONTENT_LENGTH':
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
      return new RequestError(400, 'The Content-Length header is not valid.', { in: 'headers', field: 'content-length', message: 'not a valid length' });
    case 'HPE_INVALID_TRANSFER_ENCODING':
    case 'HPE_INVALID_CHUNK_SIZE':
      return new RequestError(400, 'The request body framing (Transfer-Encoding) is not valid.', { in: 'headers', field: 'transfer-encoding', message: 'invalid' });
    case 'HPE_INVALID_HEADER_TOKEN':
    case 'HPE_LF_EXPECTED':
    case 'HPE_CR_EXPECTED':
      return new RequestError(400, 'A request header is malformed.', { in: 'headers', field: '(all)', message: 'malformed header' });
    case 'HPE_INVALID_METHOD':
      return new RequestError(400, 'The request method is not one this service knows.');
    default:
      return new RequestError(400, `The request is not valid HTTP (${err.code ?? 'parse error'}).`);
  }
}

/**
 * fastify's `clientErrorHandler` option: Node rejected the request (invalid HTTP: a bad
 * Content-Length, malformed headers, oversized headers, a timeout, a bad chunk in the body). Before
 * fastify saw it there is no request object, so the problem is written on the socket; either way the
 * connection is closed (its framing is lost).
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  // A reset connection has nobody to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) {
    socket.destroy();
    return;
  }
  const p = clientProblem(err);
  const body = JSON.stringify(problemBody(p));
  // A request whose body broke the framing (a bad chunk size) already has its response object
  // (Node sets _httpMessage): answer through it, unless it has started, and close.
  const inFlight = (socket as { _httpMessage?: ServerResponse })._httpMessage;
  if (inFlight) {
    if (inFlight.headersSent) socket.destroy();
    else inFlight.writeHead(p.status, { 'content-type': 'application/problem+json', 'content-length': Buffer.byteLength(body), connection: 'close' }).end(body, () => socket.destroy());
    return;
  }
  if (socket.writable) {
    socket.end(
      `HTTP/1.1 ${p.status} ${STATUS_CODES[p.status] ?? 'Error'}\r\n` +
        'Content-Type: application/problem+json\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  }
  socket.destroySoon?.();
}

function titleFor(status: number): string {
  return ({ 400: 'Invalid request', 404: 'Not found', 405: 'Method not allowed', 406: 'Not acceptable', 413: 'Payload too large', 415: 'Unsupported media type' } as Record<number, string>)[status] ?? 'Request error';
}

function pathOf(url: string): string {
  return url.split('?')[0];
}

function problemBody(p: AppError, url?: string) {
  return { type: p.type, title: p.title, status: p.status, detail: p.message, ...(url ? { instance: pathOf(url) } : {}), ...(p.errors?.length ? { errors: p.errors } : {}) };
}

function sendProblem(reply: FastifyReply, req: FastifyRequest, p: AppError): FastifyReply {
  if (p.retryAfterSeconds !== undefined) reply.header('retry-after', String(p.retryAfterSeconds));
  // Serialised here, not by the route's response schema: errors must never fail serialisation.
  return reply.code(p.status).type('application/problem+json').serializer(JSON.stringify).send(problemBody(p, req.url));
}
