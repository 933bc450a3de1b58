import fp from 'fastify-plugin';
import type { Metrics } from '../metrics.js';

/**
 * HTTP latency of every request (labelled by route template, not by URL, to bound cardinality) and
 * the Prometheus scrape endpoint, GET /metrics. Event streams are left out of the latency
 * histogram: they last as long as the client listens.
 */
export default fp<{ metrics: Metrics }>(
  async (app, { metrics }) => {
    app.addHook('onResponse', async (req, reply) => {
      // reply.raw: an event stream writes its headers itself (hijacked reply).
      if (String(reply.raw.getHeader('content-type') ?? '').startsWith('text/event-stream')) return;
      metrics.httpDuration.observe(
        { method: req.method, route: req.routeOptions.url ?? '(unmatched)', status_code: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    });

    app.get('/metrics', { schema: { hide: true } }, async (_req, reply) =>
      reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
    );
  },
  { name: 'metrics' },
);
