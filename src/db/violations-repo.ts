import type { Db } from './client.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { Violation } from '../sim/index.js';

/** One stored violation: the simulator's Violation and its position in the run (seq, from 0). */
export interface ViolationRow extends Violation {
  seq: number;
}

/** Rows per INSERT: 7 parameters each, well under PostgreSQL's 65,535 per statement. */
const INSERT_ROWS = 4_000;

/**
 * Stores a finished run's violations (table violations, see schema.prisma), in the caller's
 * transaction: the one that records the end of the run, so they appear with the summary or not at
 * all. Any left by an earlier attempt of the same finish are replaced.
 */
export async function writeViolations(tx: Prisma.TransactionClient, migrationKey: number, items: readonly Violation[]): Promise<void> {
  await tx.violation.deleteMany({ where: { migrationKey } });
  for (let start = 0; start < items.length; start += INSERT_ROWS) {
    await tx.violation.createMany({
      data: items.slice(start, start + INSERT_ROWS).map((v, i) => ({
        migrationKey,
        seq: start + i,
        kind: v.kind,
        atNs: BigInt(v.atNs),
        gfn: v.gfn === null ? null : BigInt(v.gfn),
        vcpu: v.vcpu,
        detail: v.detail,
      })),
    });
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
