import { growI32 } from '../kernel/columns.js';
import type { Model } from '../kernel/model.js';

/** KVM's ASYNC_PF_PER_VCPU: async page faults a vCPU may have outstanding; beyond, a fault blocks. */
const ASYNC_PF_PER_VCPU = 64;

/**
 * KVM async page faults (workload.asyncPageFaults, KVM_ASYNC_PF): which vCPU faults may go to KVM's
 * async-PF worker instead of stalling the vCPU — a guest access in user mode (a share userModeShare
 * of them) on a page that is not poisoned, while fewer than ASYNC_PF_PER_VCPU are outstanding, each
 * counted until its "page ready" is delivered. The access streams run the vCPU on meanwhile.
 */
export class AsyncPageFaults {
  readonly enabled: boolean;
  private readonly userModeShare: number;
  /** Per vCPU: async faults not yet resolved. */
  private readonly unresolved: Int32Array;
  /** Per vCPU: when the resolved ones deliver "page ready" (those still ahead count as outstanding). */
  private readonly readyAt: number[][];
  /**
   * The fault ids of the async faults not yet resolved, densely (swap-remove), and each one's slot
   * by fault id: a VM loss must report them, and nothing else in the model holds them (the vCPU ran
   * on, so no stream points at them).
   */
  private outstanding = new Int32Array(64);
  private outstandingCount = 0;
  private slotOf = new Int32Array(64);

  constructor(private readonly m: Model) {
    const w = m.ctx.spec.workload;
    this.enabled = w.asyncPageFaults;
    this.userModeShare = w.userModeShare;
    const vcpus = this.enabled ? m.ctx.vcpus : 0;
    this.unresolved = new Int32Array(vcpus);
    this.readyAt = Array.from({ length: vcpus }, () => []);
  }

  /** vCPU a's guest access at t found the page of rank `rank` missing: may it fault asynchronously? */
  admit(a: number, rank: number, t: number): boolean {
    const { ctx, memory, poison } = this.m;
    const ready = this.readyAt[a];
    if (ready.length > 0) {
      let k = 0;
      for (const at of ready) if (at > t) ready[k++] = at;
      ready.length = k;
    }
    if (this.unresolved[a] + ready.length >= ASYNC_PF_PER_VCPU) return false;
    // A fault in guest kernel mode blocks; the draw is made only when some accesses are in kernel mode.
    if (this.userModeShare < 1 && (this.userModeShare === 0 || ctx.rng.float32() >= this.userModeShare)) return false;
    if (poison.isPoisoned(memory.placement.rankToFrame(rank))) return false;
    this.unresolved[a]++;
    return true;
  }

  /** An admitted async fault, f, is raised. */
  raised(f: number): void {
    this.outstanding = growI32(this.outstanding, this.outstandingCount);
    this.slotOf = growI32(this.slotOf, f);
    this.outstanding[this.outstandingCount] = f;
    this.slotOf[f] = this.outstandingCount++;
  }

  /** Async fault f of vCPU a is resolved: "page ready" at `at`. */
  done(f: number, a: number, at: number): void {
    const slot = this.slotOf[f];
    const last = this.outstanding[--this.outstandingCount];
    this.outstanding[slot] = last;
    this.slotOf[last] = slot;
    this.unresolved[a]--;
    if (at > this.m.ctx.now) this.readyAt[a].push(at);
  }

  /** The async faults still outstanding, oldest first (then by vCPU): those a VM loss leaves unresolved. */
  outstandingFaults(): number[] {
    const faults = this.m.faults;
    const ids = Array.from(this.outstanding.subarray(0, this.outstandingCount));
    return ids.sort((x, y) => faults.raisedAt[x] - faults.raisedAt[y] || faults.actor[x] - faults.actor[y] || x - y);
  }
}
