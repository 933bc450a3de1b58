import { wholeNs } from '../stats.js';
import type { MigrationOutcome, MigrationResult } from '../result.js';
import type { Model } from './model.js';

export type Phase = MigrationResult['phases'][number];

/**
 * How the run stands: its phases, whether it is over, and how it ends (MigrationOutcome). A
 * migration completes when every page is on the target; the VM is lost (vm_lost) to a failure it
 * cannot survive or a failed device restore; a strict poison policy refuses it (refused); a failure
 * before resume aborts it (aborted); a limit
 * stops it (truncated); or the events run out with pages missing (stalled). The last phase of a run
 * that did not complete is named after its outcome.
 */
export class Run {
  readonly phases: Phase[] = [];
  /** No event will be handled any more. */
  over = false;
  /** Every page is on the target (events may still be pending). */
  finished = false;
  outcome: MigrationOutcome = 'completed';
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

  /** A limit stopped the run. */
  get truncated(): boolean {
    return this.outcome === 'truncated';
  }

  /**
   * The VM is lost (not a limit): a failure it cannot survive, or the device restore failed. Every
   * fault still outstanding is reported, loudly, as unresolved at the failure time.
   */
  fail(reason: string): void {
    if (this.over) return;
    this.end('vm_lost', reason);
    this.phase('vm_lost', this.m.ctx.now);
    this.m.routing.failOutstanding();
  }

  /** A limit stopped the run. */
  stop(reason: string): void {
    this.end('truncated', reason);
    this.phase('truncated', this.m.ctx.now);
  }

  /** Refused before anything moved (strict poison policy). */
  refuse(reason: string): void {
    this.phase('migration_refused', 0);
    this.end('refused', reason);
  }

  /**
   * A link or source failure before the vCPUs ran on the target ended the migration at t: the VM
   * stays on the source. Faults still outstanding (the device restore's reads) end unresolved.
   */
  abort(reason: string, t: number): void {
    if (this.over) return;
    this.end('aborted', reason);
    this.phase('migration_aborted', t);
    this.m.routing.failOutstanding();
  }

  /** The event queue ran dry. */
  endOfEvents(): void {
    if (this.over) return;
    this.over = true;
    if (!this.finished) {
      this.end(
        'stalled',
        `migration cannot complete: ${this.m.memory.missing()} pages never reached the target (background copy ${this.m.copier.enabled ? 'finished' : 'disabled'} and no further access faults on them)`,
      );
      this.phase('stalled', this.m.ctx.now);
    }
  }

  private end(outcome: Exclude<MigrationOutcome, 'completed'>, reason: string): void {
    this.over = true;
    this.outcome = outcome;
    this.failureReason = reason;
  }
}
