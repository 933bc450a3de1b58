/* global process, fetch, AbortSignal -- plain Node (no tsx), so no TypeScript types for eslint */
// The image's HEALTHCHECK: GET /healthz of this container's process, plain Node (no tsx, fast).
// The API answers on PORT; a worker-only process (ROLE=worker) on METRICS_PORT, and without it
// has no HTTP port, so there is nothing to probe (healthy while the process runs).
const role = process.env.ROLE ?? 'all';
const port = role === 'worker' ? process.env.METRICS_PORT : (process.env.PORT ?? '3000');
if (!port) process.exit(0);
try {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2_500) });
  const body = await res.json();
  process.exit(res.ok && body.status === 'ok' ? 0 : 1);
} catch {
  process.exit(1);
}
