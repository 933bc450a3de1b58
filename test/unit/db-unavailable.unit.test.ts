// Which database errors the worker waits out (the job is delayed without using an attempt) and
// which fail the job: a false positive would retry a broken migration for ever, a false negative
// burns its attempts during an outage. The shapes are those the drivers produce (seen against a
// real Postgres stopped and restarted, see test/faults/outages.integration.test.ts).
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, isDatabaseUnavailableMessage } from '../../src/db/unavailable.js';

/** What Prisma 7 with @prisma/adapter-pg throws when the server is down (P1001, or P2010 for raw queries). */
function prismaError(code: string, adapterCause: Record<string, unknown>) {
  return Object.assign(new Error(`\nInvalid invocation:\n\n${code}`), { name: 'PrismaClientKnownRequestError', code, meta: { driverAdapterError: { name: 'DriverAdapterError', cause: adapterCause } } });
}

describe('isDatabaseUnavailable', () => {
  it.each([
    ['refused connection (node-postgres)', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED', syscall: 'connect', errno: -111 })],
    ['write to a dropped COPY connection', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })],
    ['dropped connection', new Error('Connection terminated unexpectedly')],
    ['immediate/fast shutdown of the server', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01', severity: 'FATAL' })],
    ['server starting up', Object.assign(new Error('the database system is starting up'), { code: '57P03' })],
    ['Prisma: server not reachable', prismaError('P1001', { kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 5432 })],
    ['Prisma raw query: server not reachable', prismaError('P2010', { kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 5432 })],
    ['Prisma: connection closed', prismaError('P2010', { kind: 'ConnectionClosed' })],
    ['Prisma: admin shutdown as a postgres error', prismaError('P2010', { kind: 'postgres', code: '57P01', message: 'terminating connection' })],
    ['wrapped in a cause', new Error('could not run the migration', { cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }) })],
  ])('%s: unavailable', (_, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it.each([
    ['unique violation', Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' })],
    ['the model-version guard of the COPY', Object.assign(new Error('migration key 3 no longer records model version 2'), { code: 'P0M01' })],
    ['Prisma: a unique constraint', prismaError('P2002', { kind: 'UniqueConstraintViolation' })],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'faults')")],
    ['not an error', 'boom'],
    ['nothing', undefined],
  ])('%s: not unavailable', (_, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false);
  });
});

// BullMQ keeps only the message of a failed job's error (failedReason): the dispatcher re-queues a
// job that failed for one of these instead of failing its migration.
describe('isDatabaseUnavailableMessage', () => {
  it.each([
    'connect ECONNREFUSED 127.0.0.1:5432',
    "\nInvalid `this.db.migration.updateManyAndReturn()` invocation:\n\nCan't reach database server at 127.0.0.1:5432",
    'Connection terminated unexpectedly',
    'terminating connection due to administrator command',
    'the database system is shutting down',
  ])('%s: unavailable', (reason) => expect(isDatabaseUnavailableMessage(reason)).toBe(true));

  it.each(['job stalled more than allowable limit', 'simulated worker error', 'migration key 3 no longer records model version 2: its events belong to another version'])(
    '%s: not unavailable',
    (reason) => expect(isDatabaseUnavailableMessage(reason)).toBe(false),
  );
});
