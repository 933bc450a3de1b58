import { readFile } from 'node:fs/promises';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';

export const DASHBOARD_PATH = '/dashboard';
const ROOT = new URL('../dashboard/', import.meta.url);

/** The files of the dashboard: static HTML, CSS and JavaScript modules with no build step. */
const FILES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'charts.js': 'text/javascript; charset=utf-8',
  'format.js': 'text/javascript; charset=utf-8',
  'style.css': 'text/css; charset=utf-8',
};

/** Everything the page loads comes from this origin; it talks to the API only. */
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** GET /dashboard: a single-page view of the migrations (list, one migration, comparison). */
export const dashboardRoutes: FastifyPluginAsync = async (app) => {
  const contents = new Map<string, Buffer>();
  const load = async (name: string) => {
    let body = contents.get(name);
    if (!body) contents.set(name, (body = await readFile(new URL(name, ROOT))));
    return body;
  };

  app.get(DASHBOARD_PATH, { schema: { hide: true } }, async (_req, reply) => reply.redirect(`${DASHBOARD_PATH}/`));
  const serve = async (name: string, reply: FastifyReply) => {
    const type = FILES[name];
    if (!type) return reply.callNotFound();
    return reply
      .type(type)
      .header('cache-control', 'no-cache')
      .header('content-security-policy', CSP)
      .header('x-content-type-options', 'nosniff')
      .send(await load(name));
  };
  app.get(`${DASHBOARD_PATH}/`, { schema: { hide: true } }, async (_req, reply) => serve('index.html', reply));
  app.get<{ Params: { file: string } }>(`${DASHBOARD_PATH}/:file`, { schema: { hide: true } }, async (req, reply) => serve(req.params.file, reply));
};
