import { z } from 'zod';

/**
 * Typed errors of the application. The one error handler (src/plugins/problem.ts) turns each into an
 * RFC 9457 problem+json response; services throw these and never speak HTTP otherwise.
 */

/** One offending field of a request, as problem responses list them in `errors[]`. */
export const fieldErrorSchema = z.object({
  // Where the value was; problem.ts maps fastify's validation contexts onto these.
  in: z.enum(['body', 'query', 'params', 'headers']),
  field: z.string().describe('Dotted path of the offending field, e.g. "vm.vcpus".'),
  message: z.string(),
});

export type FieldError = z.infer<typeof fieldErrorSchema>;

export class AppError extends Error {
  /** Seconds after which a retry may succeed (sent as Retry-After): set on 429 and 503. */
  retryAfterSeconds?: number;
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
    readonly errors?: FieldError[],
  ) {
    super(message);
    this.name = new.target.name;
  }
  /** The problem type URI: a stable, documented identifier per kind of error. */
  get type(): string {
    return `https://postcopy-lab.dev/problems/${this.title.toLowerCase().replaceAll(' ', '-')}`;
  }
}

export class ValidationError extends AppError {
  constructor(message: string, errors: FieldError[]) {
    super(400, 'Invalid request', message, errors);
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, id: string) {
    super(404, 'Not found', `${what} ${id} does not exist`);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super(409, 'Conflict', message);
  }
}

/** An Idempotency-Key reused with a different request body (IETF idempotency-key draft: 422). */
export class IdempotencyKeyMismatchError extends AppError {
  constructor(key: string) {
    super(422, 'Idempotency key reused', `Idempotency-Key "${key}" was first used with a different request body`, [
      { in: 'headers', field: 'idempotency-key', message: 'already used with a different body' },
    ]);
  }
}

/** A dependency (Redis, Postgres) does not answer: the client may retry later (Retry-After). */
export class ServiceUnavailableError extends AppError {
  constructor(message: string, retryAfterSeconds = 5) {
    super(503, 'Service unavailable', message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** A limit of the service is reached (e.g. concurrent exports); the message names it. */
export class TooManyRequestsError extends AppError {
  constructor(
    message: string,
    /** The limit, by its configuration name (e.g. "EXPORT_CONCURRENCY"), and its value. */
    readonly limit: { name: string; value: number },
    retryAfterSeconds: number,
  ) {
    super(429, 'Too many requests', message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * A request the framework (fastify, Node's HTTP parser, the body parser) rejects before a route runs:
 * a bad URL, a parameter over the length limit, malformed or duplicate-key JSON, a body too large, an
 * unsupported media type or charset. `field` names what was wrong, so even these list `errors[]`.
 */
export class RequestError extends AppError {
  constructor(status: 400 | 404 | 405 | 408 | 411 | 413 | 414 | 415 | 417 | 431, message: string, field?: FieldError) {
    super(status, REQUEST_ERROR_TITLES[status], message, field ? [field] : undefined);
  }
}

const REQUEST_ERROR_TITLES = {
  400: 'Invalid request',
  404: 'Not found',
  405: 'Method not allowed',
  408: 'Request timeout',
  411: 'Length required',
  413: 'Payload too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  417: 'Expectation failed',
  431: 'Request header fields too large',
} as const;
