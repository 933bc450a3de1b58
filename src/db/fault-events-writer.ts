import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { FaultEventBatch } from '../sim/index.js';
import { COPY_COLUMNS, COPY_HEADER, COPY_TRAILER, encodeBatch, sampledRows } from './fault-events-copy.js';

export interface FaultEventWriterOptions {
  /** Commit (end the current COPY) once it holds this many rows... */
  commitRows?: number;
  /** ...or once it has been open this long, so that readers see a running migration's events. */
  commitIntervalMs?: number;
  /** Called with the number of rows of each committed COPY, in order. */
  onCommit?: (rows: number) => void;
  /**
   * SQL (one or more statements, no parameters) run at the start of every COPY transaction; it
   * raises an error to refuse the write. With it, each COPY runs in an explicit transaction
   * (BEGIN; guard; COPY; COMMIT) so the check and the rows commit together. The guard is sent
   * ahead of the COPY without waiting for its answer: when it fails, the COPY fails with it, the
   * writer reports the guard's error and nothing of that transaction is stored.
   */
  guardSql?: string;
}

type CopyStream = ReturnType<typeof copyFrom>;

/**
 * Streams simulator batches into one partition with binary COPY, with bounded memory and
 * backpressure, overlapping simulation with the database's work:
 *
 * - write() encodes a batch and hands it to the COPY stream without waiting for PostgreSQL to take
 *   it, so the caller simulates the next batch meanwhile. Before handing over the next chunk it
 *   waits until the previous one has drained into the socket: at most one encoded chunk is queued,
 *   and a slow database stops the simulation instead of growing the heap.
 * - A COPY is one transaction. It is ended (committed) every `commitRows` rows or `commitIntervalMs`;
 *   the commit completes in the background while the caller simulates, and the next COPY starts
 *   only after it, so the committed events are always a prefix [0, n) of the run: a crash loses at
 *   most the uncommitted tail, and a retry resumes after max(seq).
 *
 * One pooled connection is held from the first write to close().
 */
export class FaultEventWriter {
  private client: pg.PoolClient | null = null;
  private copy: CopyStream | null = null;
  private copyRows = 0;
  private copyOpenedAt = 0;
  private drained: Promise<void> | null = null;
  private committing: Promise<void> | null = null;
  private failure: unknown = null;
  private readonly commitRows: number;
  private readonly commitIntervalMs: number;
  private readonly onClientError = (err: Error) => {
    this.failure ??= err;
  };
  /** Rows committed by this writer. */
  committed = 0;
  /** Time write() and flush() spent waiting for the database (backpressure), in ms. */
  waitedMs = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly table: string,
    private readonly migrationKey: number,
    private readonly opts: FaultEventWriterOptions,
  ) {
    this.commitRows = opts.commitRows ?? 250_000;
    this.commitIntervalMs = opts.commitIntervalMs ?? 1_000;
  }

  /**
   * Writes events [from, batch.length) of a batch, or with `stride` only those whose seq is a
   * multiple of it. Resolves as soon as it may be called again.
   */
  async write(batch: FaultEventBatch, from = 0, stride = 1): Promise<void> {
    this.throwIfFailed();
    const rows = sampledRows(batch, from, stride);
    if (rows <= 0) return;
    const chunk = encodeBatch(this.migrationKey, batch, from, stride);
    const t0 = performance.now();
    if (!this.copy) await this.open();
    if (this.drained) await this.drained;
    this.waitedMs += performance.now() - t0;
    this.throwIfFailed();
    const copy = this.copy!;
    this.copyRows += rows;
    if (!copy.write(chunk)) {
      this.drained = settled(copy, 'drain');
    }
    if (this.copyRows >= this.commitRows || Date.now() - this.copyOpenedAt >= this.commitIntervalMs) this.commit();
  }

  /** Commits what has been written; resolves with the rows committed by this writer. */
  async flush(): Promise<number> {
    if (this.copy) this.commit();
    const t0 = performance.now();
    if (this.committing) await this.committing;
    this.waitedMs += performance.now() - t0;
    this.throwIfFailed();
    return this.committed;
  }

  /**
   * Releases the connection. Rows not yet committed are rolled back (CopyFail) unless flush() ran
   * first. Never throws.
   */
  async close(): Promise<void> {
    const copy = this.copy;
    this.copy = null;
    if (copy) {
      if (!this.failure) {
        // A healthy COPY in progress: CopyFail rolls it back; wait for the server's answer.
        const answered = settled(copy, 'close');
        copy.destroy(new Error('fault event writer closed before flush: rolling back the uncommitted rows'));
        await answered;
      }
      this.failure ??= new Error('fault event writer closed before flush');
    }
    if (this.committing) await this.committing.catch(() => undefined);
    const client = this.client;
    this.client = null;
    if (client) {
      client.off('error', this.onClientError);
      // After any failure the connection's state is unknown: discard it rather than pool it.
      client.release(this.failure ? (this.failure as Error) : undefined);
    }
  }

  private async open(): Promise<void> {
    if (this.committing) await this.committing;
    this.throwIfFailed();
    if (!this.client) {
      this.client = await this.pool.connect();
      this.client.on('error', this.onClientError);
    }
    if (this.opts.guardSql !== undefined) {
      // Queued before the COPY on the same connection; its error comes first and is the one reported.
      this.client.query(`BEGIN; ${this.opts.guardSql}`).catch((err: Error) => {
        this.failure ??= err;
      });
    }
    const copy = this.client.query(copyFrom(`COPY ${this.table} (${COPY_COLUMNS}) FROM STDIN (FORMAT binary)`));
    copy.on('error', (err: Error) => {
      this.failure ??= err;
    });
    copy.write(COPY_HEADER);
    this.copy = copy;
    this.copyRows = 0;
    this.copyOpenedAt = Date.now();
    this.drained = null;
  }

  /** Ends the current COPY; its commit completes in the background (awaited by the next open/flush). */
  private commit(): void {
    const copy = this.copy!;
    const rows = this.copyRows;
    this.copy = null;
    this.copyRows = 0;
    this.drained = null;
    const previous = this.committing;
    const counted = () => {
      this.committed += rows;
      this.opts.onCommit?.(rows);
    };
    let ended: Promise<void>;
    if (this.opts.guardSql === undefined) {
      copy.once('finish', counted); // an autocommitted COPY: finished is committed
      ended = settled(copy, 'finish'); // or failed: the error is in this.failure
    } else {
      let finished = false;
      copy.once('finish', () => {
        finished = true;
      });
      const client = this.client!;
      // A failed COPY leaves its transaction aborted: close() discards the connection with it.
      ended = settled(copy, 'finish').then(async () => {
        if (!finished) return;
        try {
          await client.query('COMMIT');
          counted();
        } catch (err) {
          this.failure ??= err;
        }
      });
    }
    copy.end(COPY_TRAILER);
    this.committing = (previous ?? Promise.resolve()).then(() => ended);
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }
}

/**
 * Resolves on `event`, or when the stream errors or closes instead (never rejects: errors are
 * recorded by the stream's permanent 'error' listener). pg-copy-streams reports a server error by
 * emitting 'error' without destroying the stream, so 'close' alone is not enough.
 */
function settled(stream: CopyStream, event: 'drain' | 'finish' | 'close'): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      stream.off(event, done);
      stream.off('error', done);
      stream.off('close', done);
      resolve();
    };
    stream.on(event, done);
    stream.on('error', done);
    stream.on('close', done);
  });
}
