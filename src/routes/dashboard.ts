import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

const DASHBOARD_PATH = '/dashboard';

/** Everything the page loads comes from this origin; it talks to the API only. */
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** GET /dashboard/: a single-page view of the migrations (list, one migration, comparison); static files, no build step. */
export const dashboardRoutes: FastifyPluginAsync = async (app) => {
  await app.register(fastifyStatic, {
    root: fileURLToPath(new URL('../dashboard/', import.meta.url)),
    prefix: DASHBOARD_PATH,
    redirect: true, // /dashboard → /dashboard/
    decorateReply: false, // bull-board registers its own instance
    allowedPath: (path) => /^\/[\w-]*(\.(html|js|css))?$/.test(path), // not the folder's tsconfig.json
    setHeaders: (res) => {
      res.header('cache-control', 'no-cache');
      res.header('content-security-policy', CSP);
      res.header('x-content-type-options', 'nosniff');
    },
  });
};
