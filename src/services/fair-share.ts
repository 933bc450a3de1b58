import type { Db } from '../db/client.js';

/**
 * Fair scheduling between tenants, enforced by the worker when it picks a job up (BullMQ has no
 * groups outside BullMQ Pro). Before running a migration, the worker asks whether to defer it:
 * - TENANT_MAX_RUNNING (when set): its tenant already runs that many migrations;
 * - fair share (always): another tenant has migrations waiting (queued) and fewer running than this
 *   tenant would have with this one. Running it would widen the gap, so the slot goes to the other
 *   tenant's job next instead.
 * A deferred job goes back to the queue delayed by DEFER_MS (BullMQ's documented pattern:
 * job.moveToDelayed(ts, token) and DelayedError), without using an attempt. The rule is
 * work-conserving: with no other tenant waiting, one tenant may use every worker. So one huge job,
 * or one tenant's hundred, cannot keep the others' migrations waiting for every worker slot; they
 * get the next free slot. Running jobs are never preempted.
 *
 * The counts come from Postgres (status running/queued), so the rule holds across all worker
 * processes. Two workers deciding at the same instant can both start a job of one tenant (a soft
 * cap, by one job per racing worker); the next pick-ups correct it.
 */
export class FairShare {
  constructor(
    private readonly db: Db,
    private readonly maxRunningPerTenant: number,
  ) {}

  /** Whether to put the job of `migrationId` back for now, and why (for the log). */
  async deferral(migrationId: string): Promise<{ defer: false } | { defer: true; reason: string; delayMs: number }> {
    const rows = await this.db.$queryRaw<Array<{ tenant: string; mine: number; starved: string | null }>>`
      WITH me AS (SELECT id, tenant FROM migrations WHERE id = ${migrationId}::uuid),
      running AS (
        SELECT tenant, count(*)::int AS n FROM migrations
         WHERE status = 'running' AND id <> ${migrationId}::uuid GROUP BY tenant)
      SELECT me.tenant,
             COALESCE((SELECT n FROM running r WHERE r.tenant = me.tenant), 0) AS mine,
             (SELECT w.tenant FROM (SELECT DISTINCT tenant FROM migrations
                                      WHERE status = 'queued' AND NOT cancel_requested) w
               WHERE w.tenant <> me.tenant
                 AND COALESCE((SELECT n FROM running r WHERE r.tenant = w.tenant), 0)
                   < COALESCE((SELECT n FROM running r WHERE r.tenant = me.tenant), 0)
               LIMIT 1) AS starved
        FROM me`;
    const row = rows[0];
    if (!row) return { defer: false }; // gone: the worker finds out and skips it
    if (this.maxRunningPerTenant > 0 && row.mine >= this.maxRunningPerTenant) {
      return { defer: true, delayMs: DEFER_MS, reason: `tenant ${row.tenant} already runs ${row.mine} migrations (TENANT_MAX_RUNNING = ${this.maxRunningPerTenant})` };
    }
    if (row.starved !== null) {
      return { defer: true, delayMs: DEFER_MS, reason: `tenant ${row.starved} is waiting with fewer migrations running than tenant ${row.tenant} (${row.mine})` };
    }
    return { defer: false };
  }
}

/** How long a deferred job waits before a worker looks at it again. */
const DEFER_MS = 1_000;
