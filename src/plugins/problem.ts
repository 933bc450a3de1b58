import fp from 'fastify-plugin';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type FieldError } from '../errors.js';

const LOCATIONS: Record<string, FieldError['in']> = { body: 'body', querystring: 'query', params: 'params', headers: 'headers' };

/** The one error handler: every error leaves as RFC 9457 application/problem+json. */
export default fp(
  async (app) => {
    app.setErrorHandler((err: FastifyError, req, reply) => {
      if (err instanceof AppError) return sendProblem(reply, req, err.status, err.title, err.message, err.errors, err.type);
      if (hasZodFastifySchemaValidationErrors(err)) {
        const where = LOCATIONS[err.validationContext ?? 'body'] ?? 'body';
        const errors = err.validation.flatMap((v): FieldError[] => {
          const base = v.instancePath.split('/').filter(Boolean).join('.');
          const keys = (v.params as { keys?: string[] }).keys;
          if (v.keyword === 'unrecognized_keys' && keys?.length) {
            return keys.map((k) => ({ in: where, field: base ? `${base}.${k}` : k, message: 'unknown field' }));
          }
          return [{ in: where, field: base || '(root)', message: v.message ?? 'invalid' }];
        });
        const fields = [...new Set(errors.map((e) => e.field))].join(', ');
        return sendProblem(reply, req, 400, 'Invalid request', `Invalid ${where}: ${fields}`, errors);
      }
      const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
      if (status >= 500) {
        req.log.error({ err }, 'request failed');
        return sendProblem(reply, req, status, 'Internal server error', 'The server failed to handle the request; it has been logged.');
      }
      // fastify's own client errors: malformed JSON, body too large, unsupported media type...
      const errors: FieldError[] | undefined = err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? [{ in: 'headers', field: 'content-type', message: err.message }] : undefined;
      return sendProblem(reply, req, status, titleFor(status), err.message, errors ?? (status === 400 || status === 413 ? [{ in: 'body', field: '(root)', message: err.message }] : undefined));
    });

    app.setNotFoundHandler((req, reply) =>
      sendProblem(reply, req, 404, 'Not found', `No route ${req.method} ${req.url.split('?')[0]}`),
    );
  },
  { name: 'problem' },
);

function titleFor(status: number): string {
  return ({ 400: 'Invalid request', 404: 'Not found', 405: 'Method not allowed', 413: 'Payload too large', 415: 'Unsupported media type' } as Record<number, string>)[status] ?? 'Request error';
}

function sendProblem(
  reply: FastifyReply,
  req: FastifyRequest,
  status: number,
  title: string,
  detail: string,
  errors?: FieldError[],
  type = `https://postcopy-lab.dev/problems/${title.toLowerCase().replaceAll(' ', '-')}`,
): FastifyReply {
  const body = { type, title, status, detail, instance: req.url.split('?')[0], ...(errors?.length ? { errors } : {}) };
  // Serialised here, not by the route's response schema: errors must never fail serialisation.
  return reply.code(status).type('application/problem+json').serializer(JSON.stringify).send(body);
}
