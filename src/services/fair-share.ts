import type { Queue } from 'bullmq';
import type { Db } from '../db/client.js';

/**
 * Fair scheduling between tenants, enforced by the worker when it picks a job up (BullMQ has no
 * groups outside BullMQ Pro). Before running a migration, the worker asks whether to defer it:
 * - TENANT_MAX_RUNNING (when set): its tenant already runs that many migrations;
 * - fair share (always): another tenant has jobs waiting in the queue, fewer running than this
 *   tenant would have with this one, and room under TENANT_MAX_RUNNING. Running it would widen the
 *   gap, so the slot goes to the other tenant's job next instead.
 * A deferred job goes back to the queue delayed by DEFER_MS (BullMQ's documented pattern:
 * job.moveToDelayed(ts, token) and DelayedError), without using an attempt. The rule is
 * work-conserving: with no other tenant waiting, one tenant may use every worker. So one huge job,
 * or one tenant's hundred, cannot keep the others' migrations waiting for every worker slot; they
 * get the next free slot. Running jobs are never preempted.
 *
 * What runs and what waits is read from the queue itself (the ids of its active and waiting jobs,
 * which are migration ids), and only their tenants from Postgres: rows another queue runs, or that
 * no job stands for any more, never count. The queue is shared by all workers, so the rule holds
 * across processes; two workers deciding at the same instant can both start a job of one tenant (a
 * soft cap, by one job per racing worker), which the next pick-ups correct. A job is deferred at
 * most MAX_DEFERRALS times in a row, so that a miscount can delay it but never hold it for good.
 */
export class FairShare {
  /**
   * Tenants of the jobs seen lately: a migration never changes tenant, and a sweep's hundreds of
   * waiting runs would otherwise be looked up again for each run a worker starts.
   */
  private readonly tenants = new Map<string, string>();

  constructor(
    private readonly db: Db,
    private readonly queue: Pick<Queue, 'getRanges'>,
    private readonly maxRunningPerTenant: number,
  ) {}

  /**
   * Whether to put the job of `migrationId` back for now, and why (for the log). `deferrals`: how
   * many times this job was deferred in a row already.
   */
  async deferral(migrationId: string, deferrals = 0): Promise<{ defer: false } | { defer: true; reason: string; delayMs: number }> {
    if (deferrals >= MAX_DEFERRALS) return { defer: false };
    const [active, waiting] = await Promise.all([
      this.queue.getRanges(['active'], 0, MAX_JOBS_LOOKED_AT - 1),
      this.queue.getRanges(['wait', 'prioritized'], 0, MAX_JOBS_LOOKED_AT - 1),
    ]);
    const ids = [...new Set([migrationId, ...active, ...waiting])];
    const unknown = ids.filter((id) => !this.tenants.has(id));
    if (unknown.length > 0) {
      if (this.tenants.size + unknown.length > MAX_TENANTS_CACHED) this.tenants.clear();
      const rows = await this.db.migration.findMany({ where: { id: { in: unknown } }, select: { id: true, tenant: true } });
      for (const r of rows) this.tenants.set(r.id, r.tenant);
    }
    // Ids without a row (deleted, or not a migration of this database) are looked up each time: rare.
    const tenantOf = new Map(ids.flatMap((id) => (this.tenants.has(id) ? [[id, this.tenants.get(id)!] as const] : [])));
    const tenant = tenantOf.get(migrationId);
    if (tenant === undefined) return { defer: false }; // gone: the worker finds out and skips it
    const running = new Map<string, number>();
    for (const id of active) {
      const t = tenantOf.get(id);
      if (id !== migrationId && t !== undefined) running.set(t, (running.get(t) ?? 0) + 1);
    }
    const mine = running.get(tenant) ?? 0;
    const cap = this.maxRunningPerTenant;
    if (cap > 0 && mine >= cap) {
      return { defer: true, delayMs: DEFER_MS, reason: `tenant ${tenant} already runs ${mine} migrations (TENANT_MAX_RUNNING = ${cap})` };
    }
    for (const id of waiting) {
      const other = tenantOf.get(id);
      if (other === undefined || other === tenant) continue;
      const theirs = running.get(other) ?? 0;
      if (theirs < mine && (cap === 0 || theirs < cap)) {
        return { defer: true, delayMs: DEFER_MS, reason: `tenant ${other} is waiting with ${theirs} migrations running, tenant ${tenant} has ${mine}` };
      }
    }
    return { defer: false };
  }
}

/** How long a deferred job waits before a worker looks at it again. */
const DEFER_MS = 1_000;
/** Deferrals in a row after which a job runs anyway (about half a minute). */
const MAX_DEFERRALS = 30;
/** Active and waiting jobs looked at per decision: enough to see every tenant that waits. */
const MAX_JOBS_LOOKED_AT = 500;
/** Bound of the tenant cache (ids of jobs seen); emptied when full. */
const MAX_TENANTS_CACHED = 20_000;
