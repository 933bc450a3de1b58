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

  constructor(
    private readonly cursor: FaultExportCursor,
    private readonly format: (rows: RawFaultRow[]) => string,
    private readonly header: string,
  ) {
    super();
  }

  override _read(): void {
    if (this.reading) return;
    this.reading = true;
    void this.pump().then(
      () => {
        this.reading = false;
      },
      (err: Error) => this.destroy(err),
    );
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
        this.push(null);
        return;
      }
      if (!this.push(this.format(rows))) return;
    }
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    this.cursor.close().then(
      () => callback(err),
      () => callback(err),
    );
  }
}
