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

  /** One of vCPU a's async faults is resolved: "page ready" at `at`. */
  done(a: number, at: number): void {
    this.unresolved[a]--;
    if (at > this.m.ctx.now) this.readyAt[a].push(at);
  }
}
