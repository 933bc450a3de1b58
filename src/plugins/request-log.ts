import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/**
 * GETs that arrive every few seconds whether or not anything happens: the dashboard's polling (the
 * list, a migration, its stats), probes and Prometheus scrapes. At info they would drown the lines
 * that matter (submissions, cancels, errors).
 */
const POLLED_ROUTES = new Set(['/v1/migrations', '/v1/migrations/:id', '/v1/migrations/:id/faults/stats', '/healthz', '/readyz', '/metrics']);
/** The dashboard's static files (@fastify/static under /dashboard). */
const STATIC_PREFIX = '/dashboard';

/** Whether a request's "incoming request" / "request completed" lines belong at debug. */
function isRoutineRequest(method: string, routeUrl: string | undefined): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  if (routeUrl === undefined) return false;
  return POLLED_ROUTES.has(routeUrl) || routeUrl === STATIC_PREFIX || routeUrl.startsWith(`${STATIC_PREFIX}/`);
}

function routine(request: FastifyRequest): boolean {
  return isRoutineRequest(request.method, request.routeOptions.url);
}

/**
 * Fastify's request logging, with routine requests (above) at debug instead of info. Their
 * answers of 400 and over, and every error, are still logged as usual.
 */
export class RequestLogController extends LogController {
  override incomingRequest(request: FastifyRequest, reply: FastifyReply): void {
    if (!routine(request)) return super.incomingRequest(request, reply);
    if (!this.isLogDisabled(request)) request.log.debug({ req: request }, 'incoming request');
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error || reply.statusCode >= 400 || !routine(request)) return super.requestCompleted(error, request, reply);
    if (!this.isLogDisabled(request)) reply.log.debug({ res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}
