import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { QuotaExceededError } from '../services/tenants.js';

interface RateLimitOptions {
  /** POST requests a tenant may make per minute (RATE_LIMIT_POSTS_PER_MINUTE). */
  postsPerMinute: number;
  redis: Redis;
  /** Redis key prefix: the counters of a deployment (QUEUE_PREFIX) stay apart from another's. */
  prefix: string;
}

/**
 * Per-tenant rate limit of the /v1 POST routes (submit, cancel), counted in Redis so that every API
 * process shares one budget per tenant (@fastify/rate-limit's Redis store: one INCR + PEXPIRE script
 * per request, a fixed window). Reads are not limited: they are cheap and quota'd elsewhere (exports,
 * event streams). When Redis does not answer the request passes (skipOnError): submissions are
 * designed to survive a Redis outage (Postgres first, the outbox queues them later), and a rate limit
 * must not turn that outage into refusals. Registered after the auth plugin: its key is the tenant.
 */
export default fp<RateLimitOptions>(
  async (app, opts) => {
    await app.register(rateLimit, {
      global: true,
      max: opts.postsPerMinute,
      timeWindow: 60_000,
      redis: opts.redis,
      nameSpace: `${opts.prefix}:ratelimit:`,
      skipOnError: true,
      allowList: (req: FastifyRequest) => req.method !== 'POST' || req.principal?.kind !== 'tenant',
      keyGenerator: (req: FastifyRequest) => (req.principal?.kind === 'tenant' ? `tenant:${req.principal.tenant}` : `ip:${req.ip}`),
      addHeadersOnExceeding: { 'x-ratelimit-limit': true, 'x-ratelimit-remaining': true, 'x-ratelimit-reset': true },
      addHeaders: { 'x-ratelimit-limit': true, 'x-ratelimit-remaining': true, 'x-ratelimit-reset': true, 'retry-after': true },
      errorResponseBuilder: (req, ctx) =>
        new QuotaExceededError(
          `Tenant "${req.principal?.kind === 'tenant' ? req.principal.tenant : '?'}" made more than ${ctx.max} POST requests in a minute (RATE_LIMIT_POSTS_PER_MINUTE = ${ctx.max}); retry in ${ctx.after}.`,
          { name: 'RATE_LIMIT_POSTS_PER_MINUTE', value: ctx.max },
          Math.max(1, Math.ceil(ctx.ttl / 1000)),
        ),
    });
  },
  { name: 'tenant-rate-limit', dependencies: ['auth'] },
);
