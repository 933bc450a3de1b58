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

/** A dependency (Redis, Postgres) does not answer: the client may retry later. */
export class ServiceUnavailableError extends AppError {
  constructor(message: string) {
    super(503, 'Service unavailable', message);
  }
}
