import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, NotFoundError, type FieldError } from '../errors.js';
import type { ApiKeyService, Principal } from '../services/api-keys.js';
import { DEFAULT_TENANT } from '../db/migrations-repo.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who the request acts for (set by the auth plugin on /v1 and admin routes; null on public ones). */
    principal: Principal | null;
    /**
     * For a response that outlives its request's check (an event stream): calls `onRevoked` once
     * its key is no longer valid (revoked), checked every recheckMs; returns the function that stops
     * watching. A no-op with AUTH off.
     */
    watchKey(onRevoked: () => void): () => void;
  }
}

interface AuthOptions {
  /** off: no key needed, every request acts as tenant "default" and may use the admin routes. */
  mode: 'on' | 'off';
  keys: ApiKeyService;
  /** The tenant a migration or an experiment belongs to, or null when it does not exist. */
  ownerOf(resource: OwnedResource, id: string): Promise<string | null>;
  /** How often watchKey checks the key again. */
  recheckMs: number;
}

export type OwnedResource = 'migration' | 'experiment';
/** Routes whose `{id}` names a tenant's resource: another tenant gets 404, as if it did not exist. */
const OWNED_ROUTES: [string, OwnedResource][] = [
  ['/v1/migrations/:id', 'migration'],
  ['/v1/experiments/:id', 'experiment'],
];

/** 401: no usable credentials. The problem names the header; WWW-Authenticate says what to send. */
class UnauthorizedError extends AppError {
  constructor(message: string, field: FieldError) {
    super(401, 'Unauthorized', message, [field]);
  }
}

/** 403: a valid key of the wrong kind (a tenant key on an admin route, an admin key on /v1). */
class ForbiddenError extends AppError {
  constructor(message: string) {
    super(403, 'Forbidden', message, [{ in: 'headers', field: 'authorization', message: 'not allowed for this route' }]);
  }
}

type Area = 'tenant' | 'admin' | 'public';

/**
 * Answers a refusal as problem+json from a hook. Sent here rather than thrown: bull-board's plugin
 * sets an error handler of its own in its scope, which would turn a thrown 401 into its own 500.
 */
export function refuse(req: FastifyRequest, reply: FastifyReply, p: AppError): FastifyReply {
  const body = { type: p.type, title: p.title, status: p.status, detail: p.message, instance: req.url.split('?')[0], ...(p.errors?.length ? { errors: p.errors } : {}) };
  return reply.code(p.status).type('application/problem+json').serializer(JSON.stringify).send(body);
}

/**
 * Which credentials a route needs, by its pattern: /v1 is the tenants' API; bull-board (/admin) and
 * /metrics are the operator's; health, the API description, /docs and the dashboard's static files
 * are public (they hold no tenant data: the dashboard's page reads /v1 with the user's key).
 * Requests that match no route (404) need nothing either.
 */
function areaOf(url: string | undefined): Area {
  if (url === undefined) return 'public';
  if (url === '/v1' || url.startsWith('/v1/')) return 'tenant';
  if (url === '/metrics' || url === '/admin' || url.startsWith('/admin/')) return 'admin';
  return 'public';
}

const BEARER_CHALLENGE = 'Bearer realm="postcopy-lab"';
/** Browsers cannot send a Bearer header to bull-board's page, but they prompt for Basic credentials. */
const ADMIN_CHALLENGE = 'Basic realm="postcopy-lab admin", Bearer realm="postcopy-lab"';

/**
 * The key of an Authorization header: `Bearer <key>`, or on admin routes also `Basic` with the key as
 * the password (any user name), so that a browser can open bull-board. Undefined when absent.
 */
function presentedKey(header: string | undefined, area: Area): string | undefined {
  if (!header) return undefined;
  const [scheme, value = '', ...rest] = header.trim().split(/\s+/);
  if (rest.length > 0) return ''; // "Bearer <key> more": not a credential this service issued
  if (scheme.toLowerCase() === 'bearer') return value;
  if (scheme.toLowerCase() === 'basic' && area === 'admin') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    return decoded.slice(decoded.indexOf(':') + 1);
  }
  return '';
}

/**
 * Authentication and tenant isolation. Every /v1 request acts for one tenant (its key's), and every
 * route under /v1/migrations/{id} first checks that the migration is that tenant's: another tenant's
 * migration is a 404 exactly like one that does not exist (never a 403, which would tell that it
 * exists). Checked here, once for all such routes, so that a new route cannot forget it; the list
 * and the submission take the tenant from req.principal (tenantOf).
 */
export default fp<AuthOptions>(
  async (app, opts) => {
    app.decorateRequest('principal', null);
    app.decorateRequest('watchKey', function watchKey(this: FastifyRequest, onRevoked: () => void): () => void {
      const keyId = this.principal?.keyId;
      const key = presentedKey(this.headers.authorization, areaOf(this.routeOptions.url));
      if (opts.mode === 'off' || !keyId || !key) return () => undefined;
      const timer = setInterval(() => {
        opts.keys.authenticate(key).then(
          (principal) => {
            if (principal?.keyId === keyId) return;
            clearInterval(timer);
            onRevoked();
          },
          (err: unknown) => this.log.warn({ err }, 'could not check the API key of an open stream; checking again later'),
        );
      }, opts.recheckMs);
      timer.unref();
      return () => clearInterval(timer);
    });
    if (opts.mode === 'off') {
      app.log.warn('AUTH=off: no API key is needed; every request acts as tenant "default" and may use /admin/queues and /metrics. Set AUTH=on (the default off loopback) to require keys.');
    } else {
      app.log.info('AUTH=on: /v1 needs a tenant API key, /admin/queues and /metrics an admin key (npm run cli -- keys create)');
    }

    app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
      const area = areaOf(req.routeOptions.url);
      if (area === 'public') return;
      if (opts.mode === 'off') {
        req.principal = area === 'admin' ? { kind: 'admin', keyId: null } : { kind: 'tenant', tenant: DEFAULT_TENANT, keyId: null };
        return;
      }
      const key = presentedKey(req.headers.authorization, area);
      if (!key) {
        reply.header('www-authenticate', area === 'admin' ? ADMIN_CHALLENGE : BEARER_CHALLENGE);
        return refuse(req, reply, new UnauthorizedError(
          key === undefined ? 'This route needs an API key: send "Authorization: Bearer <key>".' : 'The Authorization header is not "Bearer <key>".',
          { in: 'headers', field: 'authorization', message: key === undefined ? 'required' : 'not a Bearer credential' },
        ));
      }
      const principal = await opts.keys.authenticate(key);
      if (!principal) {
        reply.header('www-authenticate', `${area === 'admin' ? ADMIN_CHALLENGE : BEARER_CHALLENGE}, error="invalid_token"`);
        return refuse(req, reply, new UnauthorizedError('The API key is not valid (unknown, malformed or revoked).', { in: 'headers', field: 'authorization', message: 'invalid or revoked key' }));
      }
      if (area === 'admin' && principal.kind !== 'admin') return refuse(req, reply, new ForbiddenError('This route needs an admin key; a tenant key reaches /v1 only.'));
      if (area === 'tenant' && principal.kind !== 'tenant') return refuse(req, reply, new ForbiddenError('An admin key has no tenant; use a tenant key for /v1.'));
      req.principal = principal;
    });

    // After validation (the id is a uuid) and before the handler.
    app.addHook('preHandler', async (req: FastifyRequest) => {
      const id = (req.params as { id?: unknown } | undefined)?.id;
      if (req.principal?.kind !== 'tenant' || typeof id !== 'string') return;
      const route = req.routeOptions.url;
      const resource = OWNED_ROUTES.find(([prefix]) => route?.startsWith(prefix))?.[1];
      if (resource === undefined) return;
      if ((await opts.ownerOf(resource, id)) !== req.principal.tenant) throw new NotFoundError(resource, id);
    });
  },
  { name: 'auth' },
);

/** The tenant a /v1 request acts for (the auth plugin guarantees there is one). */
export function tenantOf(req: FastifyRequest): string {
  if (req.principal?.kind !== 'tenant') throw new Error(`route ${req.routeOptions.url} ran without a tenant principal`);
  return req.principal.tenant;
}
