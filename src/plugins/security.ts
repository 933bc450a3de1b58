import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldError } from '../errors.js';
import { refuse } from './auth.js';
import { isLoopback } from '../config.js';

interface SecurityOptions {
  /** Origins besides the service's own that may change state (ALLOWED_ORIGINS), e.g. https://lab.example. */
  allowedOrigins: readonly string[];
  /** Without keys on a loopback address: the Host names accepted besides loopback ones (config.hostsBesidesLoopback); null: any. */
  hostsBesidesLoopback: readonly string[] | null;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Media types a state-changing request may declare: JSON. Anything a plain HTML form can send is refused. */
const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i;

/**
 * For HTML pages that set no policy of their own (bull-board's): scripts and styles from this origin
 * (bull-board's inline style attributes need 'unsafe-inline' for styles; never for scripts), no
 * framing. The dashboard and /docs set stricter ones.
 */
const DEFAULT_HTML_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

class CrossSiteError extends AppError {
  constructor(message: string, field: FieldError) {
    super(403, 'Cross-site request refused', message, [field]);
  }
}

class MediaTypeError extends AppError {
  constructor(contentType: string) {
    super(415, 'Unsupported media type', `A request that changes state has a JSON body or none; Content-Type "${contentType}" is refused.`, [
      { in: 'headers', field: 'content-type', message: 'must be application/json (or no body)' },
    ]);
  }
}

/**
 * Cross-site request forgery and HTML page headers.
 *
 * A page on another site can make a browser POST to this service with a form (text/plain,
 * urlencoded or multipart) or a "simple" fetch, and the browser attaches ambient credentials (the
 * Basic credentials of /admin; or none are needed at all with AUTH=off on 127.0.0.1). So every
 * state-changing request (POST, PUT, PATCH, DELETE, on any route, bull-board's included):
 * - declares JSON or no media type at all (a form cannot send application/json without a CORS
 *   preflight, which this service never grants), else 415;
 * - comes from this origin, an allowed one, or a non-browser client (no Origin header), else 403;
 *   `Sec-Fetch-Site: cross-site` is refused too (browsers always send it).
 *
 * Headers: nosniff on every response; X-Frame-Options and Referrer-Policy on HTML pages, and a
 * Content-Security-Policy on those that set none.
 */
export default fp<SecurityOptions>(
  async (app, opts) => {
    const allowed = new Set(opts.allowedOrigins.map((o) => o.toLowerCase()));

    const extraHosts = opts.hostsBesidesLoopback;
    if (extraHosts) {
      app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
        const host = hostnameOf(req.headers.host);
        if (host === null || isLoopback(host) || extraHosts.includes(host)) return;
        return refuse(
          req,
          reply,
          new AppError(403, 'Host not allowed', `Without API keys (AUTH off) on a loopback address this service answers requests for a loopback name (localhost, 127.0.0.1), not "${req.headers.host}": a page whose name points at this machine must not use it (DNS rebinding). Add its origin to ALLOWED_ORIGINS, or turn AUTH on.`, [
            { in: 'headers', field: 'host', message: 'not a loopback name or an allowed origin\'s' },
          ]),
        );
      });
    }

    // Refusals are sent, not thrown: see refuse() (bull-board's PUT and POST routes are covered too).
    app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
      if (!UNSAFE_METHODS.has(req.method)) return;
      if (req.headers['sec-fetch-site'] === 'cross-site') {
        return refuse(req, reply, new CrossSiteError('A cross-site request may not change state.', { in: 'headers', field: 'sec-fetch-site', message: 'cross-site' }));
      }
      const origin = req.headers.origin;
      if (origin !== undefined && !sameOrigin(origin, req.headers.host) && !allowed.has(origin.toLowerCase())) {
        return refuse(
          req,
          reply,
          new CrossSiteError(`Origin "${origin}" may not change state here (same origin or ALLOWED_ORIGINS only).`, {
            in: 'headers',
            field: 'origin',
            message: 'not this service or an allowed origin',
          }),
        );
      }
      const contentType = req.headers['content-type'];
      if (contentType !== undefined && !JSON_MEDIA_TYPE.test(contentType.split(';')[0].trim())) return refuse(req, reply, new MediaTypeError(contentType));
    });

    app.addHook('onSend', async (_req: FastifyRequest, reply: FastifyReply, payload) => {
      reply.header('x-content-type-options', 'nosniff');
      const type = reply.getHeader('content-type');
      if (typeof type === 'string' && type.startsWith('text/html')) {
        reply.header('x-frame-options', 'DENY');
        reply.header('referrer-policy', 'no-referrer');
        if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', DEFAULT_HTML_CSP);
      }
      return payload;
    });
  },
  { name: 'security' },
);

/** Whether an Origin header names the host the request was sent to (any scheme: TLS may end at a proxy). */
function sameOrigin(origin: string, host: string | undefined): boolean {
  if (!host || origin === 'null') return false;
  try {
    return new URL(origin).host.toLowerCase() === host.toLowerCase();
  } catch {
    return false;
  }
}

/**
 * The name of a Host header as a browser's URL has it (no port, lower case, "[::1]", 127.1 as
 * 127.0.0.1); null without one, '' when it is no host at all.
 */
function hostnameOf(host: string | undefined): string | null {
  if (!host) return null;
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return '';
  }
}
