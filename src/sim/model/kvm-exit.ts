import type { Model } from '../kernel/model.js';

/**
 * KVM exit-on-missing / KVM userfault (domain.md section 2): the stage-2 fault path uses fast GUP
 * only, so a missing page makes KVM_RUN return to userspace with the faulting gfn, and the vCPU
 * thread itself fetches and installs the 4 KiB page, then re-enters the guest. No shared wait
 * queue is involved: this is why the mechanism scales with vCPUs. On hugetlbfs the thread fills the
 * whole huge page (the host cannot map part of one) unless high-granularity mapping is chosen.
 */
export class KvmExit {
  constructor(private readonly m: Model) {}

  onFault(f: number, frame: number, mech: number, entry: number, t: number): void {
    const { fetches, faults, routing, ctx } = this.m;
    const exitedAt = t + entry + ctx.costs.exit_to_userspace_ns;
    const units = routing.fetchFrames;
    const inFlight = fetches.find(frame, units);
    if (inFlight >= 0) {
      // Another thread is already fetching the page: wait for it (or, racing a guest_memfd write(), read it half written).
      if (routing.partialRead(inFlight, f, frame, t)) return;
      fetches.addWaiter(inFlight, f, faults);
      return;
    }
    const x = fetches.alloc(frame - (frame % units), units, true, mech);
    fetches.addWaiter(x, f, faults);
    fetches.requested[x] = 1;
    fetches.requester[x] = f;
    this.m.transport.request(x, exitedAt);
  }
}
