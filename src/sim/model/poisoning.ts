import * as codes from '../kernel/codes.js';
import type { Model } from '../kernel/model.js';
import { Bitmap } from '../memory.js';
import { defaultPoisonMethod, entryRange, placePoisonEntries, poisonRanges, type PoisonMethod } from '../poison.js';
import type { MigrationResult } from '../result.js';
import { wholeNs } from '../stats.js';

// Module-local copies: read once, not through the module binding on every use (hot path).
const { FRAME, R_EFAULT, R_ESCAPE, R_MCE, M_MISSING, P_EMULATION, P_KVM_USER, P_NESTED, P_VHOST } = codes;

/**
 * Hardware-poisoned pages at run time (domain.md section 5, 004_): they never travel, they are made
 * to fault on the target before resume, and an access to one is answered with an injected machine
 * check — or, where nothing intercepts it, reads healthy memory (a poison escape).
 */
export class Poisoning {
  readonly method: PoisonMethod;
  /** poisonPolicy strict with poisoned pages: QEMU refuses to migrate. */
  readonly refused: boolean;
  /** Poisoned gfn ranges, widened to whole huge pages on hugetlbfs. */
  readonly ranges: [number, number][];
  /** Frames that are hardware-poisoned on the source, or null when none are. */
  private readonly poisoned: Bitmap | null = null;
  /** Poisoned frames the target still maps (pre-copy sent them before the poison, nothing zapped them). */
  private mappedOnTarget: Bitmap | null = null;
  /**
   * Poisoned frames whose pre-copied content stays in the shmem page cache: a zap drops the page
   * table entries, not the page cache (QEMU punches a hole to discard shmem).
   */
  private cachedOnTarget: Bitmap | null = null;
  /** Frames made unreachable (= memory.unreachable). */
  readonly unreachable: number = 0;
  readonly requested: number = 0;
  /** Poisoned frames pre-copy had sent before the poison. */
  readonly sentBeforePoison: number = 0;
  private eexist = 0;
  private escapes = 0;
  exposedByCollapse = 0;
  private bytesSent = 0;
  private setupNs = 0;
  machineChecks = 0;
  private kvmCopyEfaults = 0;
  private emulationFailures = 0;
  private vhostEfaults = 0;
  private virtqueueBrokenAt: number | null = null;
  private nestedWalkEfaults = 0;
  private readonly livelocked: { vcpu: number; atNs: number }[] = [];
  /** One zap / hole punch / UFFDIO_POISON per range of gfns (a placed range may split in several). */
  private readonly setupCalls: number = 0;

  constructor(private readonly m: Model) {
    const { ctx, memory } = m;
    const vm = ctx.spec.vm;
    this.method = ctx.spec.strategy.poisonHandling ?? defaultPoisonMethod(vm.backing);
    this.refused = ctx.spec.strategy.poisonPolicy === 'strict' && vm.poisonedPages.length > 0;
    const entries = placePoisonEntries(vm.poisonedPages, vm.poisonPlacement, {
      frames: ctx.frames,
      workingSetFrames: ctx.workingSetFrames,
      hugeFrames: ctx.hugeFrames,
      pattern: ctx.spec.workload.pattern,
      seed: ctx.spec.seed,
    });
    this.setupCalls = entries.length;
    this.ranges = poisonRanges(entries, ctx.hugeFrames, ctx.frames);
    if (entries.length === 0) return;
    const poisoned = new Bitmap(ctx.frames);
    // HugeTLB widens the blast radius to the whole huge page (domain.md section 5).
    for (const [a, b] of this.ranges) this.unreachable += poisoned.setRange(a, b);
    for (const p of entries) {
      const [a, b] = entryRange(p);
      this.requested += b - a;
      if (typeof p !== 'number' && p.poisonedDuringPrecopy) {
        // Pre-copy sent these pages while they were healthy: the target maps a copy.
        this.mappedOnTarget ??= new Bitmap(ctx.frames);
        for (const [c, d] of poisonRanges([p], ctx.hugeFrames, ctx.frames)) this.sentBeforePoison += this.mappedOnTarget.setRange(c, d);
      }
    }
    // A poisoned page is never read on the source, so never sent.
    memory.sent.words.set(poisoned.words);
    memory.unreachable = this.unreachable;
    this.poisoned = poisoned;
  }

  isPoisoned(frame: number): boolean {
    return this.poisoned !== null && this.poisoned.get(frame);
  }

  /**
   * At switchover poisoned frames stay missing on the target. A frame pre-copy sent before it was
   * poisoned is mapped on the target: punch_hole drops it; zap drops the mapping, but on shmem the
   * page cache keeps the copy; UFFDIO_POISON cannot replace a present page (-EEXIST) and `none`
   * does nothing, so the target keeps mapping its healthy-looking copy.
   */
  atSwitchover(): void {
    if (this.poisoned === null) return;
    const { memory, stats } = this.m;
    const words = this.poisoned.words;
    for (let w = 0; w < words.length; w++) {
      let x = words[w];
      while (x !== 0) {
        const f = (w << 5) + (31 - Math.clz32(x & -x));
        x &= x - 1;
        if (memory.arrived.get(f)) {
          memory.arrived.clear(f);
          memory.arrivedCount--;
          stats.pagesPreTransferred--;
        }
        memory.sent.set(f);
        // Still in the fault index: accesses to it are sampled (an escape or a machine check).
        memory.index.set(memory.placement.frameToRank(f));
      }
    }
    if (this.mappedOnTarget) {
      if (this.method === 'uffdio_poison') this.eexist = this.sentBeforePoison;
      else if (this.method !== 'none') {
        if (this.method === 'zap' && this.m.ctx.spec.vm.backing === 'shmem') this.cachedOnTarget = this.mappedOnTarget;
        this.mappedOnTarget = null;
      }
    }
  }

  /** Before resume the VMM makes every poisoned gfn fault (zap, hole punch or UFFDIO_POISON), one call per range. */
  setupTime(): number {
    this.setupNs = this.method === 'none' ? 0 : this.setupCalls * this.m.ctx.costs.poison_setup_per_range_ns;
    return this.setupNs;
  }

  /**
   * An access to a poisoned gfn. With UFFDIO_POISON the access hits the poison PTE marker: the fault
   * returns VM_FAULT_HWPOISON and KVM has the machine check injected, with no uffd round trip; after
   * a zap or a hole punch it is an ordinary missing-page fault (uffd round trip, or a KVM exit) that
   * the VMM answers with an injected machine check (MCE on x86_64, SEA on arm64). Without RAS support
   * in the guest the machine check cannot be delivered: the VM stops. With no interception (`none`)
   * the VMM requests the page and the source, which cannot read it, answers with a zero page: the
   * guest reads healthy memory where its data was poisoned. A frame the target still maps (sent by
   * pre-copy before the poison, not zapped) is simply read: an escape, with no fault at all; so is a
   * zapped shmem frame whose copy is still in the page cache when the access goes through a MISSING
   * registration (a page-cache hit raises no MISSING fault: the kernel maps the stale copy). A MINOR
   * registration or a KVM exit (fast GUP finds no PTE) still reaches the VMM. Either way nothing
   * crosses the link, and the guest stops using the page.
   */
  onFault(f: number, frame: number, entry: number, exit: boolean, t: number): void {
    const { ctx, faults, run, stats, memory, routing, transport } = this.m;
    const c = ctx.costs;
    const a = faults.actor[f];
    const vcpu = a < ctx.vcpus ? a : null;
    const uffdTrip = c.gup_slow_path_ns + c.uffd_enqueue_ns + c.handler_wakeup_ns + c.uffd_read_ns + c.uffd_wake_ns + c.vcpu_wakeup_ns;
    const exitTrip = c.exit_to_userspace_ns + c.vcpu_reentry_ns;
    let at: number;
    let res: number;
    let escape = '';
    if (this.mappedOnTarget !== null && this.mappedOnTarget.get(frame)) {
      at = t;
      res = R_ESCAPE;
      escape =
        this.method === 'uffdio_poison'
          ? 'a poisoned page was read as healthy memory: pre-copy had sent it before the poison and the target still maps that copy (UFFDIO_POISON returned -EEXIST on the mapped page; it must be zapped first)'
          : 'a poisoned page was read as healthy memory: pre-copy had sent it before the poison and the target still maps that copy (poisonHandling none)';
    } else if (this.cachedOnTarget !== null && this.cachedOnTarget.get(frame) && !exit && faults.mechanism[f] === M_MISSING) {
      at = t + entry + c.gup_slow_path_ns;
      res = R_ESCAPE;
      escape =
        'a poisoned page was read as healthy memory: the zap (MADV_DONTNEED) dropped its mapping but shmem kept the copy pre-copy had sent in the page cache, and under a MISSING registration a page-cache hit raises no fault, so the kernel mapped the stale copy (discard shmem with punch_hole)';
    } else if (this.method !== 'none' && this.kernelCopy(faults.path[f])) {
      // A poison PTE marker (UFFDIO_POISON) makes the fault return VM_FAULT_HWPOISON at once; after
      // a zap or a hole punch the VMM answers the uffd fault with UFFDIO_POISON. Either way the
      // kernel's uaccess fixup ends the copy with -EFAULT: no signal, no machine check.
      this.kernelCopyFailed(f, frame, t + entry + (this.method === 'uffdio_poison' && !exit ? c.gup_slow_path_ns : exit ? exitTrip : uffdTrip));
      return;
    } else if (this.method === 'uffdio_poison' && !exit) {
      at = t + entry + c.gup_slow_path_ns + c.mce_inject_ns + c.vcpu_reentry_ns;
      res = R_MCE;
    } else if (this.method !== 'none') {
      at = t + entry + (exit ? exitTrip : uffdTrip) + c.mce_inject_ns;
      res = R_MCE;
    } else {
      const rtt = ctx.sourceLocal ? 0 : 2 * transport.link.oneWayNs + c.request_send_ns + c.fetch_service_ns;
      at = t + entry + (exit ? exitTrip : uffdTrip) + rtt + c.uffdio_copy_4k_ns;
      res = R_ESCAPE;
      escape = 'a poisoned page was read as healthy memory: nothing intercepted the access (poisonHandling none) and the source answered the request with a zero page';
    }
    if (res === R_MCE) {
      if (vcpu !== null && !ctx.spec.vm.ras) {
        const mc = ctx.spec.vm.arch === 'arm64' ? 'SEA (synchronous external abort)' : 'machine check (MCE)';
        run.fail(`VM stopped: vCPU ${vcpu} accessed poisoned gfn ${frame}, and the guest has no RAS support (vm.ras false), so the ${mc} cannot be delivered`);
        return;
      }
      this.machineChecks++;
    } else {
      this.escapes++;
      stats.violation({ kind: 'poison_escape', atNs: Math.ceil(at), gfn: frame, vcpu, detail: escape });
    }
    // The guest will not touch the page again (it took a machine check, or it now holds other data).
    memory.mapFrames(frame, 1);
    routing.resolve(f, at, res);
  }

  /** KVM's own copy_to/from_user (paravirtual pages, instruction emulation, the get_user of a nested walk) or the vhost worker's copy. */
  private kernelCopy(path: number): boolean {
    return path === P_KVM_USER || path === P_EMULATION || path === P_NESTED || path === P_VHOST;
  }

  /**
   * A kernel access to a poisoned page got -EFAULT (docs/model.md, section 7b). What follows is the
   * caller's: KVM skips a paravirtual update it cannot make (x86 kvm_setup_guest_pvclock,
   * record_steal_time and the PV EOI helpers return on a failed access; arm64
   * kvm_update_stolen_time skips when kvm_get_guest fails) and the vCPU runs on; a failed
   * instruction fetch for emulation ends KVM_RUN (x86 kvm_fetch_guest_virt returns
   * X86EMUL_IO_NEEDED, an emulation failure that exits with KVM_EXIT_INTERNAL_ERROR, on which QEMU
   * stops the VM); the vhost worker's failed copy marks the virtqueue broken (vq_err) and stops
   * serving it: the device is dead, the VM runs on. A nested walk's get_user of an L1 EPT entry
   * fails: FNAME(walk_addr_generic) treats it as a translation fault (goto error) and
   * FNAME(page_fault) reflects it into L1 as an EPT violation (kvm_inject_emulated_page_fault,
   * RET_PF_RETRY); L1's tables are intact to L1, so it re-enters L2, which faults again, and the walk
   * fails again: the vCPU livelocks (no exit to userspace, no machine check; the VM runs on). No
   * SIGBUS: only a stage-2 fault on the vCPU (kvm_handle_error_pfn / user_mem_abort:
   * kvm_send_hwpoison_signal) sends one.
   */
  private kernelCopyFailed(f: number, frame: number, at: number): void {
    const { ctx, faults, run, memory, routing, streams } = this.m;
    const a = faults.actor[f];
    const path = faults.path[f];
    if (path === P_EMULATION) {
      this.emulationFailures++;
      const how =
        ctx.spec.vm.arch === 'arm64'
          ? 'the read failed with -EFAULT and KVM_RUN returned it'
          : 'kvm_fetch_guest_virt failed (-EFAULT, X86EMUL_IO_NEEDED): emulation failure, KVM_RUN exited with KVM_EXIT_INTERNAL_ERROR';
      run.fail(`VM stopped: instruction emulation on vCPU ${a} read poisoned gfn ${frame}: ${how}, and the VMM stops the VM (a kernel access gets an error, not a machine check)`);
      return;
    }
    if (path === P_NESTED) {
      this.nestedWalkEfaults++;
      this.livelocked.push({ vcpu: a, atNs: Math.ceil(at) });
      // Before the resolution, so that the vCPU does not run on; the page stays in the fault index:
      // another vCPU whose walk reads it livelocks the same way.
      streams.livelock(a, at);
      routing.resolve(f, at, R_EFAULT);
      return;
    }
    if (path === P_VHOST) {
      this.vhostEfaults++;
      this.virtqueueBrokenAt = Math.ceil(at);
      // The worker stops serving the queue: no more accesses from it.
      streams.retire(a, at);
      routing.resolve(f, at, R_EFAULT);
      return;
    }
    this.kvmCopyEfaults++;
    // Every later update of this page fails the same way; the model records the first.
    memory.mapFrames(frame, 1);
    routing.resolve(f, at, R_EFAULT);
  }

  /**
   * Self-check of domain.md section 7 ("a poisoned page never travels"): nothing ever sends a
   * poisoned frame after the poison (they are marked sent at the source). A hit is a simulator bug.
   */
  checkNotSent(a: number, b: number, t: number, by: string): void {
    if (this.poisoned === null) return;
    const n = this.poisoned.countRange(a, b);
    if (n === 0) return;
    this.bytesSent += n * FRAME;
    this.m.stats.violation({ kind: 'poison_transferred', atNs: Math.ceil(t), gfn: a, vcpu: null, detail: `${by} carried ${n} poisoned page(s) (simulator bug)` });
  }

  /**
   * What the poison left broken in a guest that runs on, as a clause of the verdict, or null: vCPUs
   * livelocked on a nested walk, the vhost virtqueue broken. Neither is a correctness violation (no
   * memory content is wrong, and the same poison does the same on the source), but a run that ends
   * so is not a healthy guest either: result.guestImpaired.
   */
  impairment(): string | null {
    const parts: string[] = [];
    if (this.livelocked.length > 0) {
      parts.push(`${this.livelocked.length} vCPU(s) livelocked (a nested walk read a poisoned L1 EPT table page: -EFAULT reflected into L1, which retries forever)`);
    }
    if (this.virtqueueBrokenAt !== null) parts.push(`the vhost virtqueue broke at ${(this.virtqueueBrokenAt / 1e6).toFixed(3)} ms (its copy of a poisoned buffer failed with -EFAULT) and its device is dead until reset`);
    return parts.length === 0 ? null : parts.join('; ');
  }

  section(): MigrationResult['poison'] {
    const spec = this.m.ctx.spec;
    return {
      policy: spec.strategy.poisonPolicy,
      method: this.method,
      refused: this.refused,
      ranges: spec.vm.poisonedPages.length,
      requestedPages: this.requested,
      unreachablePages: this.unreachable,
      healthyBytesUnreachable: (this.unreachable - this.requested) * FRAME,
      blastRadiusBytes: this.m.ctx.hugeFrames * FRAME,
      setupNs: wholeNs(this.setupNs),
      mappedAtSwitchover: this.sentBeforePoison,
      eexist: this.eexist,
      machineChecks: this.machineChecks,
      kvmCopyEfaults: this.kvmCopyEfaults,
      emulationFailures: this.emulationFailures,
      vhostEfaults: this.vhostEfaults,
      virtqueueBrokenAtNs: this.virtqueueBrokenAt,
      nestedWalkEfaults: this.nestedWalkEfaults,
      livelockedVcpus: this.livelocked.map((l) => ({ ...l })),
      escapes: this.escapes,
      exposedByThpCollapse: this.exposedByCollapse,
      bytesTransferred: this.bytesSent,
    };
  }
}
