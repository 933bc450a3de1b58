// The setting of the worker fault tests: the API with its dispatcher in the test process, on a
// database of the file's own (the dispatcher reconciles every migration of its database), and
// `--role=worker` processes the tests spawn and kill, as an operator or the OOM killer would.
import type { ChildProcess } from 'node:child_process';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { ownDatabase } from './faults.js';
import { exited, spawnService } from './processes.js';
import { startStack, type Stack } from './stack.js';

export interface DispatcherStack {
  /** Set before the file's tests run. */
  stack: Stack;
  /** A worker process on the stack's database and queue (short lock and stalled check); killed after each test. */
  worker(env?: Record<string, string>): ReturnType<typeof spawnService>;
}

/** Registers the file's hooks; `reconcileAfterMs` short enough for the tests' bounded waits. */
export function dispatcherStack(reconcileAfterMs: number): DispatcherStack {
  let db: Awaited<ReturnType<typeof ownDatabase>> | undefined;
  const workers: ChildProcess[] = [];
  const session: DispatcherStack = {
    stack: undefined as unknown as Stack,
    worker(env = {}) {
      const child = spawnService(['--role=worker'], {
        DATABASE_URL: session.stack.config.DATABASE_URL,
        REDIS_URL: session.stack.config.REDIS_URL,
        QUEUE_PREFIX: session.stack.config.QUEUE_PREFIX,
        WORKER_LOCK_MS: '2000',
        WORKER_STALLED_CHECK_MS: '1000',
        ...env,
      });
      workers.push(child);
      return child;
    },
  };
  beforeAll(async () => {
    db = await ownDatabase();
    session.stack = await startStack({
      dispatcher: true,
      env: { DATABASE_URL: db.url, DISPATCH_INTERVAL_MS: '300', RECONCILE_AFTER_MS: String(reconcileAfterMs), WORKER_LOCK_MS: '2000' },
    });
  });
  afterEach(async () => {
    for (const w of workers.splice(0)) {
      w.kill('SIGKILL');
      await exited(w);
    }
  });
  afterAll(async () => {
    await session.stack?.close();
    await db?.drop();
  });
  return session;
}
