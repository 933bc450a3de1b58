import type { Logger } from 'pino';
import type { MigrationService } from './migration-service.js';
import type { ExperimentService } from './experiment-service.js';

/**
 * The outbox and reconciliation loop: periodically queues migrations that Postgres accepted while
 * Redis was away, or whose job Redis lost (a restart without persistence), and ends or re-queues
 * unfinished migrations whose job ended without them (MigrationService.dispatchPending); then does
 * the same for experiments' flows and ends experiments whose runs have all ended
 * (ExperimentService.dispatchPending). A migration or experiment idle for `staleAfterMs` is checked.
 */
export function startDispatcher(
  services: { service: MigrationService; experimentService: ExperimentService },
  intervalMs: number,
  staleAfterMs: number,
  log: Logger,
): () => Promise<void> {
  let running: Promise<unknown> | undefined;
  const pass = async () => {
    const n = await services.service.dispatchPending(staleAfterMs);
    if (n.queued > 0 || n.failed > 0 || n.cancelled > 0) log.info(n, 'dispatcher reconciled unfinished migrations');
    const e = await services.experimentService.dispatchPending(staleAfterMs);
    if (e.queued > 0 || e.settled > 0) log.info(e, 'dispatcher reconciled unfinished experiments');
  };
  const tick = () => {
    if (running) return; // a slow pass (Redis timing out) must not pile up behind itself
    running = pass()
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
