import type { FaultFilter } from '../lib/fault-event.js';

/* SQL pieces shared by the fault-events queries (FaultEventsRepo, FaultStatsQuery). */

/** The partition holding one migration's events. */
export function partitionName(migrationKey: number): string {
  if (!Number.isSafeInteger(migrationKey) || migrationKey <= 0) throw new Error(`invalid migration key ${migrationKey}`);
  return `fault_events_${migrationKey}`;
}

const UNDEFINED_TABLE = '42P01';

export const isUndefinedTable = (err: unknown) => (err as { code?: string }).code === UNDEFINED_TABLE;

/**
 * SQL conditions of a filter; values go to `params` (typed by their column: the indexes apply). The
 * first condition, migration_key = <key>, is always true in the migration's partition, but without
 * it the planner cannot use the (migration_key, seq) primary key for seq order or max(seq).
 */
export function filterClauses(migrationKey: number, f: FaultFilter, params: unknown[]): string[] {
  const w: string[] = [`migration_key = ${migrationKey}`];
  const p = (v: number) => `$${params.push(v)}`;
  if (f.vcpu !== undefined) w.push(`vcpu = ${p(f.vcpu)}`);
  if (f.path !== undefined) w.push(`path = ${p(f.path)}`);
  if (f.mechanism !== undefined) w.push(`mechanism = ${p(f.mechanism)}`);
  if (f.resolution !== undefined) w.push(`resolution = ${p(f.resolution)}`);
  if (f.gfnMin !== undefined) w.push(`gfn >= ${p(f.gfnMin)}`);
  if (f.gfnMax !== undefined) w.push(`gfn <= ${p(f.gfnMax)}`);
  if (f.fromNs !== undefined) w.push(`raised_at_ns >= ${p(f.fromNs)}`);
  if (f.toNs !== undefined) w.push(`raised_at_ns < ${p(f.toNs)}`);
  return w;
}
