import type { Logger } from 'pino';
import type { MigrationService } from './migration-service.js';

/**
 * The outbox and reconciliation loop: periodically queues migrations that Postgres accepted while
 * Redis was away, or whose job Redis lost (a restart without persistence), and ends or re-queues
 * unfinished migrations whose job ended without them (MigrationService.dispatchPending). A
 * migration idle for `staleAfterMs` is checked.
 */
export function startDispatcher(service: MigrationService, intervalMs: number, staleAfterMs: number, log: Logger): () => Promise<void> {
  let running: Promise<unknown> | undefined;
  const tick = () => {
    if (running) return; // a slow pass (Redis timing out) must not pile up behind itself
    running = service
      .dispatchPending(staleAfterMs)
      .then((n) => (n.queued > 0 || n.failed > 0 || n.cancelled > 0) && log.info(n, 'dispatcher reconciled unfinished migrations'))
      .catch((err) => log.warn({ err }, 'dispatcher pass failed'))
      .finally(() => {
        running = undefined;
      });
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
