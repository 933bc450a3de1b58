import pg from 'pg';
import type { Logger } from 'pino';

export interface PoolOptions {
  /** Connections at most. */
  max?: number;
  /** How long a checkout may wait for a connection (a new one, or a free one of a full pool). */
  connectTimeoutMs?: number;
  /** Where lost connections are reported; silent without one. */
  log?: Logger;
  /** Names the pool in the log. */
  name?: string;
  /**
   * Commits return before their WAL is flushed (synchronous_commit off): only for writes that a
   * lost commit cannot harm (see MigrationsRepo's runWrites).
   */
  asyncCommit?: boolean;
}

/**
 * Every node-postgres pool of the service comes from here, because a pg client that loses its
 * connection (Postgres restarted, failed over, or terminated the backend) emits 'error', and an
 * 'error' event without a listener throws: it takes the whole process down. The pool listens to its
 * idle clients only; this also listens to each client for its whole life, so a client that is checked
 * out (a stats computation between two statements, an export between two FETCHes) is covered too. The
 * query in flight fails by itself (the error handler answers 503); a broken client is not reusable
 * and the pool discards it when it is released.
 */
export function createPool(connectionString: string, opts: PoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max: opts.max ?? 10,
    // A checkout that cannot get a connection fails (503) instead of waiting for ever; 0 = no limit.
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 0,
    ...(opts.asyncCommit ? { options: '-c synchronous_commit=off' } : {}),
  });
  const name = opts.name ?? 'postgres';
  pool.on('error', (err) => opts.log?.warn({ err: err.message, pool: name }, 'idle postgres connection lost'));
  pool.on('connect', (client) => {
    client.on('error', (err) => opts.log?.warn({ err: err.message, pool: name }, 'postgres connection lost'));
  });
  return pool;
}
