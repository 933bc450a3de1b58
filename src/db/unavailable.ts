/**
 * Whether an error means "Postgres could not be reached or dropped the connection" (an outage, a
 * restart, a failover) rather than "Postgres refused what we asked". The worker waits such errors
 * out instead of counting them as failed attempts: the same work succeeds once the server is back.
 *
 * It looks through the shapes our two drivers produce: node-postgres (socket error codes, SQLSTATE
 * classes 08 and 57P0x, "Connection terminated" messages) and Prisma with @prisma/adapter-pg
 * (P1001/P1002/P1017/P2024/P2028 and the adapter's DatabaseNotReachable / ConnectionClosed kinds, which
 * Prisma also reports as P2010 on raw queries), following `cause` chains.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e !== null && typeof e === 'object' && depth < 8; depth++) {
    if (matches(e as Record<string, unknown>)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** The same test on a message alone: BullMQ keeps only the message of a failed job's error. */
export function isDatabaseUnavailableMessage(message: string): boolean {
  return UNAVAILABLE_MESSAGE.test(message);
}

const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
// P2028: a transaction could not start or ran out of time: the database is overloaded, not refusing.
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028']);
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
// 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up / shutting down),
// 53300 too_many_connections, class 08: connection exceptions.
const SQLSTATE = /^(08...|57P0[123]|53300)$/;
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection error|Can't reach database server|ECONNREFUSED|ECONNRESET|terminating connection due to administrator command|the database system is (starting up|shutting down|in recovery mode|not yet accepting connections)|timeout exceeded when trying to connect|Timed out fetching a new connection|DatabaseNotReachable|ConnectionClosed|Server has closed the connection/i;

function matches(e: Record<string, unknown>): boolean {
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (code && (SOCKET_CODES.has(code) || PRISMA_CODES.has(code) || SQLSTATE.test(code))) return true;
  if (typeof e.kind === 'string' && ADAPTER_KINDS.has(e.kind)) return true;
  // Prisma's known errors carry the adapter's error in meta.driverAdapterError.cause.
  const adapter = (e.meta as { driverAdapterError?: { cause?: Record<string, unknown> } } | undefined)?.driverAdapterError?.cause;
  if (adapter && typeof adapter.kind === 'string' && ADAPTER_KINDS.has(adapter.kind)) return true;
  for (const sqlstate of [adapter?.code, adapter?.originalCode]) if (typeof sqlstate === 'string' && SQLSTATE.test(sqlstate)) return true;
  return typeof e.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message);
}
