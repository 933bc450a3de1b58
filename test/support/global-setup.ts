import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import type { TestProject } from 'vitest/node';
import { applyMigrations, ensureDatabase } from '../../src/db/migrate.js';
import { ensureLocalServices } from '../../src/infra/local-services.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    redisUrl: string;
    /** Server URL without a database, for tests that create databases of their own. */
    postgresServerUrl: string;
  }
}

/**
 * One fresh database per test run (dropped at the end) on the machine's Postgres, so parallel runs
 * never meet. A machine without Postgres or Redis gets embedded ones for the run.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let server = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432';
  let redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  let dataDir: string | undefined;
  let local = { stop: async () => undefined as void };
  if (!(await answers(new URL(server))) || !(await answers(new URL(redisUrl)))) {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'postcopy-lab-test-'));
    if (!(await answers(new URL(server)))) server = `postgresql://postgres:postgres@127.0.0.1:${await freePort()}`;
    if (!(await answers(new URL(redisUrl)))) redisUrl = `redis://127.0.0.1:${await freePort()}`;
    local = await ensureLocalServices(`${server}/postgres`, redisUrl, dataDir, pino({ level: 'warn' }));
  }
  const name = `pcl_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const databaseUrl = `${server}/${name}`;
  await ensureDatabase(databaseUrl);
  await applyMigrations(databaseUrl);
  project.provide('databaseUrl', databaseUrl);
  project.provide('redisUrl', redisUrl);
  project.provide('postgresServerUrl', server);

  return async () => {
    const admin = new pg.Client({ connectionString: `${server}/postgres` });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => admin.end());
    await local.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
}

function answers(url: URL): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: url.hostname, port: Number(url.port), timeout: 500 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(false));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
