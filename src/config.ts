import { z } from 'zod';

/** Environment, validated once at boot. Defaults work on a developer machine. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL')
    .default('postgresql://postgres@127.0.0.1:5432/postcopy_lab'),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').default('redis://127.0.0.1:6379'),
  /** Which parts run in this process: both (default), or one of them to scale workers apart. */
  ROLE: z.enum(['all', 'api', 'worker']).default('all'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** auto: human-readable (pino-pretty) when stdout is a terminal, JSON lines otherwise. */
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  /** Redis key prefix of the BullMQ queues (isolates deployments and test runs sharing a Redis). */
  QUEUE_PREFIX: z.string().min(1).default('postcopy-lab'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  /** How long a worker's job lock lives without renewal; a killed worker's job is retried after it. */
  WORKER_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
  WORKER_STALLED_CHECK_MS: z.coerce.number().int().min(500).default(30_000),
  /**
   * How long a job waits (delayed in the queue, no attempt used) when Postgres cannot be reached:
   * an outage is waited out, never counted as a failure of the migration.
   */
  WORKER_DB_RETRY_MS: z.coerce.number().int().min(100).default(5_000),
  /** Fault events pulled from the simulator and written with one COPY. */
  EVENT_BATCH_SIZE: z.coerce.number().int().min(100).max(1_000_000).default(20_000),
  /**
   * Fault events per COPY transaction (also committed at least every second): what a worker crash
   * can lose and redo. Larger is faster; see FaultEventWriter.
   */
  EVENT_COMMIT_ROWS: z.coerce.number().int().min(100).max(10_000_000).default(250_000),
  /** How often the outbox dispatcher queues migrations that Postgres holds but Redis does not. */
  DISPATCH_INTERVAL_MS: z.coerce.number().int().min(100).default(5_000),
  /**
   * A queued or running migration idle (no progress written) this long is reconciled with its job
   * by the dispatcher: re-queued when the job is missing or ended without the migration ending,
   * finished with the job's reason when it failed. Keep it above WORKER_LOCK_MS.
   */
  RECONCILE_AFTER_MS: z.coerce.number().int().min(500).default(60_000),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
  /** How long a request waits for a Postgres connection before it is answered 503 (+ Retry-After). */
  PG_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
  /**
   * Fault exports (GET .../faults/export) streaming at once per API process; each holds a connection
   * of a pool of its own for as long as its client reads, so exports never starve pages, stats or
   * readiness. One more is answered 429 (+ Retry-After).
   */
  EXPORT_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** An export whose client has not read for this long is ended and its connection released. */
  EXPORT_IDLE_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  /** How often an idle event stream (GET /v1/migrations/{id}/events) gets a heartbeat comment. */
  SSE_HEARTBEAT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  /** How often an open event stream checks that its API key is still valid: a revoked key's streams end within this. */
  KEY_RECHECK_MS: z.coerce.number().int().min(50).max(600_000).default(5_000),
  /** A worker-only process (ROLE=worker) serves GET /metrics on this port when set. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** auto: bring up embedded Postgres / a local redis-server under .data/ when nothing answers. */
  LOCAL_SERVICES: z.enum(['auto', 'off']).default('auto'),
  /**
   * API keys (README "Security"). on: /v1 needs a tenant key, /admin and /metrics an admin key.
   * off: no key; every request acts as tenant "default" (single-user, local). auto (default): off
   * while HOST is a loopback address (the quick start: npm start, then curl), on otherwise.
   */
  AUTH: z.enum(['auto', 'on', 'off']).default('auto'),
  /** Origins other than the service's own allowed to send state-changing requests (comma-separated). */
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((s) => s.split(',').map((o) => o.trim()).filter(Boolean))
    .pipe(z.array(z.url({ protocol: /^https?$/ }).transform((u) => new URL(u).origin))), // as browsers send Origin: no path, no trailing slash
  /** POST requests (submit, cancel) per tenant per minute, shared by all API processes (Redis). */
  RATE_LIMIT_POSTS_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  /** Queued plus running migrations a tenant may have; one more submission is a 429. */
  TENANT_MAX_ACTIVE_MIGRATIONS: z.coerce.number().int().min(1).default(50),
  /** Fault events a tenant may keep stored (76 bytes each on disk); at or above it, submissions are a 429. */
  TENANT_MAX_FAULT_EVENTS: z.coerce.number().int().min(1).default(1_000_000_000),
  /** Queued plus running experiments a tenant may have (their runs do not count as migrations); one more is a 429. */
  TENANT_MAX_ACTIVE_EXPERIMENTS: z.coerce.number().int().min(1).default(5),
  /**
   * Migrations of one tenant running at once across all workers: a worker that picks up a job of a
   * tenant at its cap puts it back (delayed) and takes another tenant's. 0: no cap.
   */
  TENANT_MAX_RUNNING: z.coerce.number().int().min(0).default(0),
  /** Open event streams per tenant, and in all, per API process; one more is a 429. */
  SSE_MAX_STREAMS_PER_TENANT: z.coerce.number().int().min(1).default(100),
  SSE_MAX_STREAMS: z.coerce.number().int().min(1).default(1000),
});

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/i;

/** A loopback address or name (a name under .localhost resolves to loopback too: RFC 6761). */
export function isLoopback(host: string): boolean {
  return LOOPBACK.test(host) || /\.localhost$/i.test(host);
}

/** AUTH as it applies: auto is off only while the service listens on a loopback address. */
export function authMode(config: Pick<Config, 'AUTH' | 'HOST'>): 'on' | 'off' {
  if (config.AUTH !== 'auto') return config.AUTH;
  return LOOPBACK.test(config.HOST) ? 'off' : 'on';
}

/**
 * The Host names requests may carry besides loopback ones, or null for any. Without keys (AUTH off)
 * on a loopback address, only the browsers of this machine reach the service: a page whose DNS name
 * was pointed at 127.0.0.1 (DNS rebinding) would reach it too, as its own origin, unless the Host
 * it sends is refused. The hosts of ALLOWED_ORIGINS are accepted.
 */
export function hostsBesidesLoopback(config: Pick<Config, 'AUTH' | 'HOST' | 'ALLOWED_ORIGINS'>): string[] | null {
  if (authMode(config) !== 'off' || !LOOPBACK.test(config.HOST)) return null;
  return config.ALLOWED_ORIGINS.map((origin) => new URL(origin).hostname.toLowerCase());
}

export type Config = z.infer<typeof envSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = process.argv.slice(2)): Config {
  const role = argv.find((a) => a.startsWith('--role='))?.slice('--role='.length);
  const parsed = envSchema.safeParse({ ...env, ...(role ? { ROLE: role } : {}) });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
