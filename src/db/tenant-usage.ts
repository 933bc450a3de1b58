import type { Db } from './client.js';

/**
 * What a tenant holds, as its quotas count it: read by a submission's guard inside the insert's
 * transaction, under the tenant's lock (MigrationsRepo.insert, ExperimentsRepo.insertWithRuns).
 */
interface TenantUsage {
  /** Its queued and running migrations (not counting experiments' runs). */
  active(): Promise<number>;
  /** Its queued and running experiments. */
  activeExperiments(): Promise<number>;
  /**
   * Fault events stored for its migrations: each ended one's event_count, and for one still running
   * that keeps events, the faults its progress reports so far (event_count is only set when a run ends).
   */
  storedEvents(): Promise<bigint>;
}

export type TenantGuard = (usage: TenantUsage) => Promise<void>;

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

export function tenantUsageReader(tx: Tx, tenant: string): TenantUsage {
  return {
    // Runs of experiments count under the experiments' own cap, not one by one.
    active: () => tx.migration.count({ where: { tenant, experimentId: null, status: { in: ['queued', 'running'] } } }),
    activeExperiments: () => tx.experiment.count({ where: { tenant, status: { in: ['queued', 'running'] } } }),
    storedEvents: async () => {
      // Two parts, so that neither reads the runs that store nothing (a sweep's, by the thousand):
      // the ended rows with events (a partial index holds just those), and the unfinished rows that
      // keep events, counted with the faults their progress reports (an upper bound for a sample).
      const rows = await tx.$queryRaw<Array<{ n: bigint }>>`
        SELECT ((SELECT COALESCE(SUM(event_count), 0)
                  FROM migrations WHERE tenant = ${tenant} AND event_count > 0 AND status NOT IN ('queued', 'running'))
             + (SELECT COALESCE(SUM(GREATEST(event_count, COALESCE((progress_detail->>'faults')::numeric, 0)::bigint)), 0)
                  FROM migrations WHERE tenant = ${tenant} AND status IN ('queued', 'running') AND fault_events <> 'none'))::bigint
             AS n`;
      return rows[0]?.n ?? 0n;
    },
  };
}
