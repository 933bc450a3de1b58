import type pg from 'pg';
import type { Db } from './client.js';
import type { Violation } from '../sim/index.js';

/** One stored violation: the simulator's Violation and its position in the run (seq, from 0). */
export interface ViolationRow extends Violation {
  seq: number;
}

/** Rows per INSERT: each column travels as one array parameter (a few MB per statement at most). */
const INSERT_ROWS = 20_000;

/**
 * Stores a finished run's violations (table violations, see schema.prisma), in the caller's
 * transaction: the one that records the end of the run, so they appear with the summary or not at
 * all. Any left by an earlier attempt of the same finish are replaced. One INSERT ... SELECT FROM
 * unnest() per 20,000 rows: Prisma's createMany took 28 s for 100,000 rows here.
 */
export async function writeViolations(tx: pg.ClientBase, migrationKey: number, items: readonly Violation[]): Promise<void> {
  await tx.query('DELETE FROM violations WHERE migration_key = $1', [migrationKey]);
  for (let start = 0; start < items.length; start += INSERT_ROWS) {
    const chunk = items.slice(start, start + INSERT_ROWS);
    await tx.query(
      `INSERT INTO violations (migration_key, seq, kind, at_ns, gfn, vcpu, detail)
       SELECT $1::int, u.* FROM unnest($2::int4[], $3::text[], $4::int8[], $5::int8[], $6::int2[], $7::text[]) AS u`,
      [
        migrationKey,
        chunk.map((_, i) => start + i),
        chunk.map((v) => v.kind),
        chunk.map((v) => v.atNs),
        chunk.map((v) => v.gfn),
        chunk.map((v) => v.vcpu),
        chunk.map((v) => v.detail),
      ],
    );
  }
}

/** Reads of the violations table. */
export class ViolationsRepo {
  constructor(private readonly db: Db) {}

  /** Up to `limit` violations in seq order after `afterSeq`, of one kind if given. */
  async page(migrationKey: number, q: { kind?: string; afterSeq?: number; limit: number }): Promise<ViolationRow[]> {
    const rows = await this.db.violation.findMany({
      where: { migrationKey, ...(q.kind !== undefined ? { kind: q.kind } : {}), ...(q.afterSeq !== undefined ? { seq: { gt: q.afterSeq } } : {}) },
      orderBy: { seq: 'asc' },
      take: q.limit,
      select: { seq: true, kind: true, atNs: true, gfn: true, vcpu: true, detail: true },
    });
    return rows.map((r) => ({
      seq: r.seq,
      kind: r.kind as Violation['kind'],
      atNs: Number(r.atNs),
      gfn: r.gfn === null ? null : Number(r.gfn),
      vcpu: r.vcpu,
      detail: r.detail,
    }));
  }
}
