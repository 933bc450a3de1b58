import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { FaultEventBatch } from '../sim/index.js';

/** Columns of fault_events in COPY order. */
const COPY_COLUMNS =
  'migration_id, seq, vcpu, thread, gfn, page_shift, write, path, mechanism, resolution, raised_at_ns, resolved_at_ns';

export interface FaultEventRow {
  seq: bigint;
  vcpu: number;
  thread: number;
  gfn: bigint;
  pageShift: number;
  write: boolean;
  path: number;
  mechanism: number;
  resolution: number;
  raisedAtNs: bigint;
  resolvedAtNs: bigint;
}

export interface FaultQuery {
  migrationId: string;
  afterSeq?: bigint;
  vcpu?: number;
  path?: number;
  limit: number;
}

/**
 * The one place that reads and writes `fault_events`. Writes go through COPY on node-postgres
 * (Prisma has no COPY): one COPY per simulator batch, each its own transaction, so a crash leaves
 * whole batches and a retry resumes after the highest stored seq.
 */
export class FaultEventsRepo {
  constructor(private readonly pool: pg.Pool) {}

  /** Next seq to write: one past the highest stored (0 for none). */
  async resumePoint(migrationId: string): Promise<number> {
    const { rows } = await this.pool.query<{ next: string }>(
      'SELECT COALESCE(MAX(seq) + 1, 0)::text AS next FROM fault_events WHERE migration_id = $1',
      [migrationId],
    );
    return Number(rows[0].next);
  }

  /** Writes events [from, batch.length) of the batch with one COPY. */
  async copyBatch(migrationId: string, batch: FaultEventBatch, from = 0): Promise<number> {
    if (from >= batch.length) return 0;
    const client = await this.pool.connect();
    try {
      const sink = client.query(copyFrom(`COPY fault_events (${COPY_COLUMNS}) FROM STDIN`));
      await pipeline(Readable.from(encodeRows(migrationId, batch, from)), sink);
      return batch.length - from;
    } finally {
      client.release();
    }
  }

  async page(q: FaultQuery): Promise<FaultEventRow[]> {
    const params: unknown[] = [q.migrationId];
    const where = ['migration_id = $1'];
    if (q.afterSeq !== undefined) where.push(`seq > $${params.push(q.afterSeq.toString())}`);
    if (q.vcpu !== undefined) where.push(`vcpu = $${params.push(q.vcpu)}`);
    if (q.path !== undefined) where.push(`path = $${params.push(q.path)}`);
    const { rows } = await this.pool.query({
      text: `SELECT seq, vcpu, thread, gfn, page_shift, write, path, mechanism, resolution, raised_at_ns, resolved_at_ns
             FROM fault_events WHERE ${where.join(' AND ')} ORDER BY seq LIMIT $${params.push(q.limit)}`,
      values: params,
      rowMode: 'array',
    });
    return rows.map((r: unknown[]) => ({
      seq: BigInt(r[0] as string),
      vcpu: r[1] as number,
      thread: r[2] as number,
      gfn: BigInt(r[3] as string),
      pageShift: r[4] as number,
      write: r[5] as boolean,
      path: r[6] as number,
      mechanism: r[7] as number,
      resolution: r[8] as number,
      raisedAtNs: BigInt(r[9] as string),
      resolvedAtNs: BigInt(r[10] as string),
    }));
  }

  async count(migrationId: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>('SELECT count(*)::text AS n FROM fault_events WHERE migration_id = $1', [
      migrationId,
    ]);
    return Number(rows[0].n);
  }
}

/** COPY text format, in chunks of a few thousand rows to keep strings short-lived. */
function* encodeRows(migrationId: string, b: FaultEventBatch, from: number): Generator<string> {
  const CHUNK = 4096;
  for (let start = from; start < b.length; start += CHUNK) {
    const end = Math.min(b.length, start + CHUNK);
    let out = '';
    for (let i = start; i < end; i++) {
      out +=
        `${migrationId}\t${b.firstSeq + i}\t${b.vcpu[i]}\t${b.thread[i]}\t${b.gfn[i]}\t${b.pageShift[i]}\t` +
        `${b.write[i] ? 't' : 'f'}\t${b.path[i]}\t${b.mechanism[i]}\t${b.resolution[i]}\t${b.raisedAtNs[i]}\t${b.resolvedAtNs[i]}\n`;
    }
    yield out;
  }
}
