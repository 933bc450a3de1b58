import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.js';
import { createPool, type PoolOptions } from './pools.js';

export type Db = PrismaClient;

/**
 * Prisma over node-postgres (driver adapter): no query-engine binary at run time. The pool is ours
 * (createPool: every client has an 'error' listener, checkouts time out) and Prisma ends it on $disconnect.
 */
export function createDb(databaseUrl: string, opts: PoolOptions = {}): Db {
  const pool = createPool(databaseUrl, { max: 10, name: 'prisma', ...opts });
  return new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
}
