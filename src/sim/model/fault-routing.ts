import * as codes from '../kernel/codes.js';
import type { Model } from '../kernel/model.js';
import { defaultUffdMode, isKvmMechanism, mechanismForPath, uffdModeMechanism, type UffdMode } from '../mechanisms.js';
import { wholeNs } from '../stats.js';
import { FAULT_PATHS, type Mechanism } from '../vocabulary.js';

// Module-local copies: read once, not through the module binding on every use (hot path).
const { M_MINOR, M_MISSING, MECH, NO_MECH, P_ASYNC, P_NESTED, P_RESTORE, P_VCPU, P_VHOST, R_CONTINUE, R_COPY, R_EEXIST, R_EFAULT, R_ESCAPE, R_EXIT, R_JOINED, R_MCE, R_PARTIAL, R_UNRESOLVED, R_WRITE_CONTINUE, R_ZERO_FILL, M_GMEM } = codes;

/** What a zero-filled access means, by fault path (only paths a KVM mechanism leaves to userfaultfd reach it). */
const UNSERVED_DETAIL: Record<number, string> = {
  [P_VHOST]: 'a vhost/VMM userspace access to a missing page was not intercepted (no userfaultfd): the kernel mapped a zero-filled page',
  [codes.P_KVM_USER]:
    "KVM's copy_to/from_user of a paravirtual page (kvmclock, PV EOI, steal time) reached a missing page no userfaultfd intercepts (uffdMode none): the kernel populated it with zeros and KVM read or updated a zero page; its content never arrives",
  [codes.P_EMULATION]:
    "KVM's instruction emulation read a missing page no userfaultfd intercepts (uffdMode none): the kernel populated it with zeros, so KVM fetched zeros instead of the guest's instruction or page-table bytes; the page's content never arrives",
  [P_NESTED]:
    "KVM's nested walk read L1's EPT table from a missing page no userfaultfd intercepts (uffdMode none): the kernel populated it with zeros, so the walk saw non-present entries and L1's table content never arrives",
};

/**
 * A fault's life: raised by an actor, routed by its path to what serves it (poison handling, a KVM
 * exit, the uffd, or nothing), joined to the fetch that brings its page, and resolved — recorded as
 * a fault event, after which its actor runs on.
 */
export class FaultRouting {
  readonly primary: Mechanism;
  /** The uffd mode serving the paths a KVM mechanism does not cover. */
  readonly fallback: UffdMode;
  /** Mechanism code of that uffd mode: what a KVM exit's own install does. */
  readonly fallbackCode: number;
  /** MINOR: a background arrival fills the page cache without mapping. */
  readonly minorPrimary: boolean;
  /** Per fault-path code: the mechanism code that serves it (NO_MECH: nothing), and whether it is a KVM exit. */
  private readonly pathMech: Uint8Array;
  private readonly pathExit: Uint8Array;
  private readonly gmemUptodateCheck: boolean;
  /** Frames one fault fetches: a whole huge page on hugetlbfs, unless high-granularity mapping (hgm_4k) maps 4 KiB. */
  readonly fetchFrames: number;

  constructor(private readonly m: Model) {
    const spec = m.ctx.spec;
    this.primary = spec.strategy.mechanism;
    this.fallback = spec.strategy.uffdMode ?? defaultUffdMode(spec.vm.backing);
    this.fallbackCode = MECH[uffdModeMechanism(this.fallback)];
    this.minorPrimary = this.primary === 'uffd_minor';
    this.pathMech = Uint8Array.from(FAULT_PATHS, (p) => {
      const mech = mechanismForPath(this.primary, this.fallback, p);
      return mech === null ? NO_MECH : MECH[mech];
    });
    this.pathExit = Uint8Array.from(FAULT_PATHS, (p) => {
      const mech = mechanismForPath(this.primary, this.fallback, p);
      return mech !== null && isKvmMechanism(mech) ? 1 : 0;
    });
    this.gmemUptodateCheck = spec.strategy.gmemUptodateCheck;
    this.fetchFrames = spec.strategy.hugetlbMapping === 'hgm_4k' ? 1 : m.ctx.hugeFrames;
  }

  /** The mechanism that installs fetch x's page: a KVM exit's vCPU thread installs through the uffd mode. */
  installMechanism(x: number): number {
    const fetches = this.m.fetches;
    return fetches.byExit[x] === 1 ? this.fallbackCode : fetches.mechanism[x];
  }

  /** Installing x's page is a UFFDIO_CONTINUE (MINOR or write()+CONTINUE), not a UFFDIO_COPY. */
  isContinue(x: number): boolean {
    return this.installMechanism(x) !== M_MISSING;
  }

  /** MINOR: content that already arrived in the page cache only needs UFFDIO_CONTINUE. */
  servesFromPageCache(x: number): boolean {
    return this.minorPrimary || this.installMechanism(x) === M_MINOR;
  }

  /**
   * vCPU a's guest task faults in user mode on the missing page of rank `rank` at t, with async page
   * faults: KVM's async-PF worker faults it in (through the uffd, like any GUP) while the vCPU runs
   * other tasks, so the vCPU is not blocked. The caller checked that the page is not poisoned.
   */
  raiseAsync(a: number, rank: number, write: number, t: number): void {
    this.raise(a, rank, P_ASYNC, write, t, true);
  }

  /** Actor a accesses the missing page of rank `rank` at t. */
  raise(a: number, rank: number, path: number, write: number, t: number, async = false): void {
    const { memory, faults, ctx } = this.m;
    const frame = memory.placement.rankToFrame(rank);
    const mech = this.pathMech[path];
    const exit = this.pathExit[path] === 1;
    const f = faults.alloc();
    faults.actor[f] = a;
    faults.frame[f] = frame;
    faults.path[f] = path;
    faults.mechanism[f] = mech === NO_MECH ? MECH[this.primary] : mech;
    faults.write[f] = write;
    faults.viaUffd[f] = exit ? 0 : 1;
    faults.inUffdQueue[f] = 0;
    faults.resolved[f] = 0;
    faults.raisedAt[f] = Math.ceil(t); // whole ns, as stored
    faults.thread[f] = -1;
    faults.nextWaiter[f] = -1;
    faults.fetch[f] = -1;
    faults.async[f] = async ? 1 : 0;
    if (async) this.m.asyncPf.raised(f);
    else {
      this.m.streams.block(a, f);
      if (a < ctx.vcpus) this.m.stats.allVcpusBlocked.block(faults.raisedAt[f]);
    }
    const entry = path === P_VCPU || path === P_NESTED || path === P_ASYNC ? ctx.costs.ept_violation_ns : 0;
    if (this.m.poison.isPoisoned(frame)) this.m.poison.onFault(f, frame, entry, exit, t);
    else if (mech === NO_MECH) this.unserved(f, frame, path, entry, t);
    else if (exit) this.m.exits.onFault(f, frame, mech, entry, t);
    else this.m.uffds.of(frame).onFault(f, frame, mech, entry, t);
  }

  /**
   * guest_memfd write() + UFFDIO_CONTINUE (003_): while write() fills the folio it is already in
   * the page cache, so a concurrent access finds a page-cache hit and no MISSING fault fires. Unless
   * the fault path also checks that the folio is up to date, the access maps the half-written page.
   * Returns true (and records the violation) when that happens.
   */
  partialRead(x: number, f: number, frame: number, t: number): boolean {
    const { faults, fetches } = this.m;
    // Only a page-cache based check (a uffd MISSING fault) can be fooled; a KVM exit consults its own bitmap.
    if (this.gmemUptodateCheck || faults.viaUffd[f] === 0) return false;
    if (this.installMechanism(x) !== M_GMEM || fetches.contentLocal[x] === 1) return false;
    if (!(t >= fetches.fillStart[x] && t < fetches.fillEnd[x])) return false;
    // A transfer a link failure cut never fills the folio.
    if (this.m.failures.cutCount > 0 && this.m.failures.cutIn(fetches.requestedAt[x], fetches.arrivalAt[x]) >= 0) return false;
    this.mapsHalfWrittenPage(f, frame, t, 'guest_memfd write() + UFFDIO_CONTINUE: a concurrent access saw the folio in the page cache while write() was still filling it (no up-to-date check)');
    return true;
  }

  /**
   * The same race against the background copy on guest_memfd, which fills pages with write() too:
   * an access under a MISSING registration while a chunk holding its page is being written.
   */
  partialReadOfBackground(f: number, frame: number, t: number): boolean {
    if (!this.m.copier.tracksFillWindows || this.m.faults.viaUffd[f] === 0 || !this.m.copier.isWriting(frame, t)) return false;
    this.mapsHalfWrittenPage(f, frame, t, 'guest_memfd: a concurrent access saw the folio in the page cache while the background copy was still write()-filling it (no up-to-date check)');
    return true;
  }

  /** Fault f found a page-cache hit on a folio still being written: no fault fired, it read the half-written page. */
  private mapsHalfWrittenPage(f: number, frame: number, t: number, detail: string): void {
    const a = this.m.faults.actor[f];
    this.m.stats.violation({ kind: 'partial_page_read', atNs: Math.ceil(t), gfn: frame, vcpu: a < this.m.ctx.vcpus ? a : null, detail });
    this.resolve(f, t + 1, R_PARTIAL);
  }

  /**
   * A fault on a path nothing serves (a KVM mechanism with uffdMode "none": KVM userfault's bitmap is
   * consulted on the stage-2 fault path only). Every other access goes through the userspace mapping
   * of memory no userfaultfd is registered on — a vhost/VMM thread's, KVM's copy_to/from_user
   * (kvm_read_guest of the GIC/ITS restore included), emulation's fetch, a nested walk's get_user —
   * so the kernel populates the page with zeros and the access goes on, no error: the VMM, KVM or
   * the guest silently works on a zero page (zero_page_exposed), or the ITS restore "succeeds" with
   * empty tables and every LPI they held is lost (its_state_lost).
   */
  private unserved(f: number, frame: number, path: number, entry: number, t: number): void {
    const { ctx } = this.m;
    const restore = path === P_RESTORE;
    const at = t + entry + ctx.costs.gup_slow_path_ns + ctx.costs.uffdio_copy_4k_ns;
    // A page that is zero on the source (vm.zeroPageFraction) gets the right content this way.
    const zero = this.m.memory.zero;
    if (!restore && (zero === null || !zero.isZero(frame))) {
      const a = this.m.faults.actor[f];
      this.m.stats.violation({ kind: 'zero_page_exposed', atNs: Math.ceil(at), gfn: frame, vcpu: a < ctx.vcpus ? a : null, detail: UNSERVED_DETAIL[path] });
    } else if (restore) {
      this.m.stats.violation({
        kind: 'its_state_lost',
        atNs: Math.ceil(at),
        gfn: frame,
        vcpu: null,
        detail: `KVM_DEV_ARM_ITS_RESTORE_TABLES: kvm_read_guest of gfn ${frame} (${this.m.restore.currentRead()}) hit a page that had not arrived and that no userfaultfd intercepts (${this.primary} covers only the vCPU fault path, strategy.uffdMode none): the kernel filled it with zeros, so KVM restored empty entries and the interrupts they held are silently lost`,
      });
    }
    this.zeroFill(frame);
    this.resolve(f, at, R_ZERO_FILL);
    if (this.m.memory.allArrived()) this.m.run.complete(Math.ceil(at));
  }

  /** The kernel fills the missing page (a whole huge page on hugetlbfs) with zeros: its real content never arrives. */
  private zeroFill(frame: number): void {
    const { memory, poison } = this.m;
    const units = this.fetchFrames;
    const start = frame - (frame % units);
    for (let g = start; g < start + units; g++) {
      if (poison.isPoisoned(g) || memory.arrived.get(g)) continue;
      memory.arrived.set(g);
      memory.sent.set(g);
      memory.zeroFilled++;
    }
    memory.mapFrames(start, units);
  }

  /** The page of fetch x is installed at t: it is present, and its waiters are woken. */
  onInstall(x: number, t: number): void {
    const { memory, fetches, faults, stats, restore, failures } = this.m;
    if (failures.cutCount > 0) {
      const cutAt = failures.cutIn(fetches.requestedAt[x], fetches.arrivalAt[x]);
      if (cutAt >= 0) {
        this.m.transport.onCut(x, cutAt, t);
        return;
      }
    }
    const start = fetches.start[x];
    const frames = fetches.frames[x];
    if (fetches.exitInstalling[x] === 1) fetches.exitsInstalling--;
    if (fetches.superseded[x] === 1) {
      // The background copy installed it first: our UFFDIO_COPY returns -EEXIST.
      stats.eexistRaces++;
      fetches.release(x);
      return;
    }
    const fresh = memory.arrived.setRange(start, start + frames);
    if (fresh === 0 && fetches.contentLocal[x] === 0 && !this.m.ctx.sourceLocal) stats.eexistRaces++;
    memory.arrivedCount += fresh;
    stats.pagesDemand += fresh;
    if (restore.actor >= 0 && faults.actor[fetches.requester[x]] === restore.actor) restore.fetchedOnDemand += fresh;
    memory.mapFrames(start, frames);
    fetches.unlist(x);
    this.wake(x, t, false);
    fetches.release(x);
    if (memory.allArrived()) this.m.run.complete(t);
  }

  /** Wakes every waiter of fetch x at time t (early: the background copy got there first). */
  wake(x: number, t: number, early: boolean): void {
    const { faults, fetches, ctx } = this.m;
    const c = ctx.costs;
    const requester = fetches.requester[x];
    let uffdWaiting = 0;
    for (let f = fetches.firstWaiter[x]; f >= 0; f = faults.nextWaiter[f]) if (faults.viaUffd[f] === 1) uffdWaiting++;
    const uffdWakeAt = uffdWaiting > 0 ? this.m.uffds.of(fetches.start[x]).wakeWaiters(t, uffdWaiting) : t;
    let f = fetches.firstWaiter[x];
    fetches.firstWaiter[x] = -1;
    while (f >= 0) {
      const nextF = faults.nextWaiter[f];
      let at: number;
      let res: number;
      if (faults.viaUffd[f] === 1) {
        at = uffdWakeAt;
        if (early) res = R_EEXIST;
        else if (f === requester) {
          const mech = faults.mechanism[f];
          res = mech === M_MISSING ? R_COPY : mech === M_MINOR ? R_CONTINUE : R_WRITE_CONTINUE;
        } else res = R_JOINED;
      } else if (f === requester && !early) {
        at = t + c.vcpu_reentry_ns;
        res = R_EXIT;
      } else {
        at = t + c.vcpu_wakeup_ns + c.vcpu_reentry_ns;
        res = early ? R_EEXIST : R_JOINED;
      }
      this.resolve(f, at, res);
      f = nextF;
    }
  }

  /** Fault f ends at `at` with resolution `res`: a fault event, and its actor runs on. */
  resolve(f: number, at: number, res: number): void {
    const { faults, memory, stats, streams, ctx, run, restore } = this.m;
    at = Math.ceil(at); // whole ns, as stored; ceil keeps every vCPU's time monotonic
    const a = faults.actor[f];
    const raised = faults.raisedAt[f];
    const vcpu = a < ctx.vcpus ? a : -1;
    const frame = faults.frame[f];
    if ((res !== R_MCE && res !== R_EFAULT && res !== R_ESCAPE && res !== R_UNRESOLVED && res !== R_PARTIAL && !memory.arrived.get(frame)) || at < raised) {
      // Self-check of domain.md section 7: a thread never runs on a page that is not present.
      stats.violation({ kind: 'ran_on_missing_page', atNs: wholeNs(at), gfn: frame, vcpu: vcpu >= 0 ? vcpu : null, detail: 'a fault was resolved before its page was present (simulator bug)' });
    }
    const shift = this.fetchFrames === 1 ? 12 : ctx.pageShift;
    stats.recordFault(vcpu, faults.thread[f], frame, shift, faults.write[f], faults.path[f], faults.mechanism[f], res, raised, at);
    faults.resolved[f] = 1;
    if (faults.async[f] === 1) {
      // "Page ready": the parked guest task is runnable again; the vCPU itself never stopped.
      if (faults.inUffdQueue[f] === 0) faults.release(f);
      this.m.asyncPf.done(f, a, at);
      if (stats.emitted >= ctx.maxFaultEvents && !run.over) run.stop(`limit: reached limits.maxFaultEvents (${ctx.maxFaultEvents}) before the migration finished`);
      return;
    }
    streams.fault[a] = -1;
    if (faults.inUffdQueue[f] === 0) faults.release(f);
    if (stats.emitted >= ctx.maxFaultEvents && !run.over) {
      run.stop(`limit: reached limits.maxFaultEvents (${ctx.maxFaultEvents}) before the migration finished`);
      return;
    }
    if (a === restore.actor) {
      if (res !== R_UNRESOLVED) restore.onReadServed(at, at - raised);
      return;
    }
    if (!run.finished) streams.resume(a, at, ctx.now, streams.streamOf(a), at - raised);
    else streams.retire(a, at);
  }

  /**
   * The VM is lost: every fault still outstanding ends unresolved — those that block an actor, and
   * the async page faults whose vCPU ran on (KVM's async-PF worker was still waiting for the page).
   */
  failOutstanding(): void {
    const { faults, streams, ctx, asyncPf } = this.m;
    for (let a = 0; a < streams.fault.length; a++) {
      const f = streams.fault[a];
      if (f >= 0 && faults.resolved[f] === 0) this.resolve(f, Math.max(ctx.now, faults.raisedAt[f]), R_UNRESOLVED);
    }
    if (asyncPf.enabled) for (const f of asyncPf.outstandingFaults()) this.resolve(f, Math.max(ctx.now, faults.raisedAt[f]), R_UNRESOLVED);
  }
}
