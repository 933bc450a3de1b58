import { wholeNs } from '../stats.js';
import type { MigrationResult } from '../result.js';
import type { Model } from './model.js';

export type Phase = MigrationResult['phases'][number];

/**
 * How the run stands: its phases, whether it is over, and how it ends. A migration completes when
 * every page is on the target; it fails when the VM is lost or the device restore fails; a limit
 * stops it (truncated).
 */
export class Run {
  readonly phases: Phase[] = [];
  /** No event will be handled any more. */
  over = false;
  /** Every page is on the target (events may still be pending). */
  finished = false;
  truncated = false;
  outcome: 'completed' | 'failed' = 'completed';
  failureReason: string | null = null;
  completedAt = -1;

  constructor(private readonly m: Model) {}

  phase(name: string, atNs: number): void {
    this.phases.push({ name, atNs: wholeNs(atNs) });
  }

  /** Moves every phase of that name to atNs. */
  movePhase(name: string, atNs: number): void {
    for (const p of this.phases) if (p.name === name) p.atNs = wholeNs(atNs);
  }

  complete(at: number): void {
    if (this.finished) return;
    // The migration cannot end before the VM runs on the target.
    const t = Math.max(at, this.m.ctx.resumeAt);
    this.finished = true;
    this.completedAt = t;
    this.phase('completed', t);
  }

  /**
   * The VM is lost (not a limit): the migration failed. Every fault still outstanding is reported,
   * loudly, as unresolved at the failure time.
   */
  fail(reason: string): void {
    if (this.over) return;
    this.over = true;
    this.outcome = 'failed';
    this.failureReason = reason;
    this.phase('failed', this.m.ctx.now);
    this.m.routing.failOutstanding();
  }

  /** A limit stopped the run. */
  stop(reason: string): void {
    this.over = true;
    this.truncated = true;
    this.outcome = 'failed';
    this.failureReason = reason;
    this.phase('failed', this.m.ctx.now);
  }

  /** Refused before anything moved (strict poison policy). */
  refuse(reason: string): void {
    this.phase('migration_refused', 0);
    this.over = true;
    this.outcome = 'failed';
    this.failureReason = reason;
  }

  /** The event queue ran dry. */
  endOfEvents(): void {
    if (this.over) return;
    this.over = true;
    if (!this.finished) {
      this.outcome = 'failed';
      this.failureReason = `migration cannot complete: ${this.m.memory.missing()} pages never reached the target (background copy ${this.m.copier.enabled ? 'finished' : 'disabled'} and no further access faults on them)`;
      this.phase('failed', this.m.ctx.now);
    }
  }
}
