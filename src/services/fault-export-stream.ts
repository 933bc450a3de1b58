import { Readable } from 'node:stream';
import type { FaultExportCursor, RawFaultRow } from '../db/fault-events-repo.js';

/**
 * The body of an export: pulls one batch from the database cursor each time the consumer wants more
 * (Readable's backpressure: a slow client slows the FETCHes), and closes the cursor when it ends
 * or is destroyed (client gone), which cancels a FETCH in flight.
 */
export class FaultExportStream extends Readable {
  private reading = false;
  private headerSent = false;
  private idleTimer: NodeJS.Timeout | undefined;
  /** The consumer asked for more (a _read) since the pump last started. */
  private wanted = false;
  private finished = false;

  /**
   * `idleTimeoutMs`: a consumer that wants nothing more for this long (its buffer is full and it has
   * not read since) is a stalled client; the stream then fails with ExportIdleError, which ends the
   * response and closes the cursor (releasing its connection) instead of holding them for ever.
   */
  constructor(
    private readonly cursor: FaultExportCursor,
    private readonly format: (rows: RawFaultRow[]) => string,
    private readonly header: string,
    private readonly idleTimeoutMs = 0,
  ) {
    super();
  }

  override _read(): void {
    clearTimeout(this.idleTimer);
    this.wanted = true;
    if (this.reading) return;
    this.reading = true;
    void this.run();
  }

  /** Pumps while the consumer asks (a _read during a pump is not lost), then waits for it to read. */
  private async run(): Promise<void> {
    try {
      while (this.wanted && !this.destroyed && !this.finished) {
        this.wanted = false;
        await this.pump();
      }
    } catch (err) {
      this.destroy(err as Error);
      return;
    } finally {
      this.reading = false;
    }
    // The consumer's buffer is full and the rows keep their connection: it has idleTimeoutMs to read on.
    if (this.idleTimeoutMs > 0 && !this.destroyed && !this.finished) {
      this.idleTimer = setTimeout(() => this.destroy(new ExportIdleError(this.idleTimeoutMs)), this.idleTimeoutMs).unref();
    }
  }

  private async pump(): Promise<void> {
    if (!this.headerSent) {
      this.headerSent = true;
      if (this.header && !this.push(this.header)) return;
    }
    for (;;) {
      const rows = await this.cursor.read();
      if (this.destroyed) return;
      if (rows === null) {
        this.finished = true; // the cursor is closed: nothing is held for a slow reader any more
        this.push(null);
        return;
      }
      if (!this.push(this.format(rows))) return;
    }
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    clearTimeout(this.idleTimer);
    this.cursor.close().then(
      () => callback(err),
      () => callback(err),
    );
  }
}

/** The export's client stopped reading for longer than the idle timeout. */
class ExportIdleError extends Error {
  constructor(readonly idleTimeoutMs: number) {
    super(`the export's client read nothing for ${idleTimeoutMs} ms; the export was ended`);
  }
}
