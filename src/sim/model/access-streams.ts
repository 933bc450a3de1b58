import * as codes from '../kernel/codes.js';
import type { Model } from '../kernel/model.js';
import type { MigrationSpec } from '../spec.js';
import { ScanCursors } from './scan-cursors.js';

// Module-local copies: read once, not through the module binding on every use (hot path).
const { EV_ACCESS, P_EMULATION, P_KVM_USER, P_NESTED, P_VCPU, P_VHOST } = codes;

/**
 * Instruction emulation reads the instruction bytes and walks the page tables of code the vCPU is
 * running: ranks within this window (64 KiB) around the vCPU's latest guest fault.
 */
const EMULATION_WINDOW = 16;

const RUNNING = 0;
const BLOCKED = 1;
const DONE = 2;

/** Which stream raised an actor's fault. */
const GUEST = 0;
const EMULATION = 1;
const KVM_USER = 2;
const NESTED = 3;

/**
 * The guest's accesses, per actor (each vCPU, and the vhost/VMM thread). A vCPU has up to four
 * streams, each over its own set of pages: its own guest accesses (the workload's pattern),
 * instruction emulations (pages near its latest guest fault: the code it runs), KVM's
 * copy_to/from_user of its paravirtual pages and, with vm.nested, KVM's walks of L1's EPT tables
 * (the table pages only). The vhost/VMM thread accesses its buffer region only (vhostBufferMiB). Accesses that hit present pages are skipped
 * analytically: each stream draws the time of its next *candidate* fault (geometric in the number
 * of accesses, from the missing mass at draw time) and, when that time comes, accepts it with the
 * ratio of the missing mass now to then (thinning: the mass only decreases). So the work is
 * proportional to faults, not to accesses.
 */
export class AccessStreams {
  private readonly pattern: MigrationSpec['workload']['pattern'];
  private readonly guestPeriod: number;
  private readonly emulationPeriod: number;
  private readonly kvmUserPeriod: number;
  private readonly vhostPeriod: number;
  /** One walk of L1's EPT tables every this many ns while a vCPU runs (vm.nested), else Infinity. */
  private readonly nestedPeriod: number;
  private readonly writeRatio: number;
  private readonly thinkTimeNs: number;
  /** workload.asyncPageFaults. */
  private readonly asyncPf: boolean;

  private readonly state: Uint8Array;
  /** Bumped at every reschedule: a queued access event of an older generation is stale. */
  private readonly generation: Int32Array;
  /** The actor's outstanding fault, or -1. */
  readonly fault: Int32Array;
  private readonly faultStream: Uint8Array;
  private readonly guestNextAt: Float64Array;
  private readonly guestMassAtDraw: Float64Array;
  private readonly emulationNextAt: Float64Array;
  private readonly emulationMassAtDraw: Float64Array;
  /** Per vCPU: the rank its latest guest fault was on, the centre of its emulation window. */
  private readonly recentRank: Float64Array;
  private readonly kvmUserNextAt: Float64Array;
  private readonly kvmUserMassAtDraw: Float64Array;
  private readonly nestedNextAt: Float64Array;
  private readonly nestedMassAtDraw: Float64Array;
  /** Per vCPU: when a walk of L1's tables that can never succeed (a poisoned table page) livelocked it, or -1. */
  readonly livelockedAt: Float64Array;
  /** The scanning patterns' positions (demand_paging_test, sequential, random_walk). */
  private readonly scan: ScanCursors;
  /** Ranks of each vCPU's paravirtual pages. */
  private readonly pvPageRanks: Float64Array;
  /**
   * Paravirtual pages KVM writes with copy_to_user, per vCPU: kvmclock, PV EOI and steal time on
   * x86_64; only the stolen-time page (SMCCC PV time) on arm64, which has neither of the others.
   */
  private readonly pvPages: number;
  /** Per vCPU: guest compute after its resolved faults (thinkTimeNs each), for the baseline. */
  readonly thinkNs: Float64Array;
  /** When the vCPUs started running on the target, or -1. */
  startedAt = -1;

  constructor(private readonly m: Model) {
    const { ctx, memory } = m;
    const spec = ctx.spec;
    const fs = spec.workload.faultSources;
    this.pattern = spec.workload.pattern;
    this.guestPeriod = 1e9 / spec.workload.accessesPerSecond;
    this.emulationPeriod = fs.instructionEmulationPerSecond > 0 ? 1e9 / fs.instructionEmulationPerSecond : Infinity;
    this.kvmUserPeriod = fs.kvmUserAccessPerSecond > 0 ? 1e9 / fs.kvmUserAccessPerSecond : Infinity;
    this.vhostPeriod = fs.vhostAccessesPerSecond > 0 ? 1e9 / fs.vhostAccessesPerSecond : Infinity;
    const walksPerSecond = spec.vm.nested ? fs.nestedWalkShare * spec.workload.accessesPerSecond : 0;
    this.nestedPeriod = walksPerSecond > 0 ? 1e9 / walksPerSecond : Infinity;
    this.writeRatio = spec.workload.writeRatio;
    this.thinkTimeNs = spec.workload.thinkTimeNs;
    this.asyncPf = spec.workload.asyncPageFaults;

    // One slot per actor, plus the device restore's when there is one.
    const A = ctx.actors + (m.restore.actor >= 0 ? 1 : 0);
    this.state = new Uint8Array(A);
    this.generation = new Int32Array(A);
    this.fault = new Int32Array(A).fill(-1);
    this.faultStream = new Uint8Array(A);
    this.guestNextAt = new Float64Array(A).fill(Infinity);
    this.guestMassAtDraw = new Float64Array(A);
    this.emulationNextAt = new Float64Array(A).fill(Infinity);
    this.emulationMassAtDraw = new Float64Array(A);
    this.recentRank = new Float64Array(A);
    this.kvmUserNextAt = new Float64Array(A).fill(Infinity);
    this.kvmUserMassAtDraw = new Float64Array(A);
    this.nestedNextAt = new Float64Array(A).fill(Infinity);
    this.nestedMassAtDraw = new Float64Array(A);
    const vcpus = ctx.vcpus;
    this.livelockedAt = new Float64Array(vcpus).fill(-1);
    this.thinkNs = new Float64Array(vcpus);
    const ws = ctx.workingSetFrames;
    this.pvPages = spec.vm.arch === 'arm64' ? 1 : 3;
    this.pvPageRanks = new Float64Array(vcpus * this.pvPages);
    for (let i = 0; i < this.pvPageRanks.length; i++) this.pvPageRanks[i] = memory.placement.frameToRank(ctx.rng.below(ctx.frames));
    // After the paravirtual pages: the random walk's starting points come next from the generator.
    this.scan = new ScanCursors(this.pattern, A, vcpus, ws, ctx.rng);
    for (let v = 0; v < vcpus; v++) this.recentRank[v] = this.scan.cursor[v];
  }

  /** The vCPUs (and the vhost thread) start running on the target. */
  start(t: number): void {
    this.startedAt = t;
    for (let a = 0; a < this.m.ctx.actors; a++) this.resume(a, t, t, -1, 0);
  }

  /** The actor raised fault f and stalls until it is resolved. */
  block(a: number, f: number): void {
    this.state[a] = BLOCKED;
    this.fault[a] = f;
  }

  /** The migration has finished: the actor, whose fault was resolved at `at`, faults no more. */
  retire(a: number, at: number): void {
    this.state[a] = DONE;
    if (a < this.m.ctx.vcpus && this.pattern === 'demand_paging_test') {
      // Its remaining accesses all hit: it runs to the end of its slice without a stall.
      const think = at > this.m.ctx.resumeAt ? this.thinkTimeNs : 0;
      this.thinkNs[a] += think;
      this.scan.finishAt[a] = at + think + (this.scan.regionEnd[a] - this.scan.cursor[a]) * this.guestPeriod;
    }
  }

  /**
   * vCPU a is livelocked from `at`: KVM's walk of L1's tables fails on a poisoned table page, KVM
   * reflects the fault into L1, which finds its tables intact and re-enters L2, and the walk fails
   * again, without end. Its streams stop (it never finishes a workload that ends).
   */
  livelock(a: number, at: number): void {
    this.state[a] = DONE;
    this.generation[a]++;
    this.livelockedAt[a] = at;
    this.scan.finishAt[a] = Infinity;
  }

  /** Guest accesses in a vCPU's slice of a workload that ends (demand_paging_test), else null. */
  finiteAccesses(v: number): number | null {
    return this.pattern === 'demand_paging_test' ? this.scan.regionEnd[v] - this.scan.regionStart[v] : null;
  }

  /**
   * demand_paging_test: when each vCPU's last access happens if no further fault stalls it
   * (redrawn at every resume); Infinity for the patterns that never end.
   */
  get finishAt(): Float64Array {
    return this.scan.finishAt;
  }

  /** One guest access every this many ns while a vCPU runs. */
  get accessPeriodNs(): number {
    return this.guestPeriod;
  }

  isCurrent(a: number, gen: number): boolean {
    return gen === this.generation[a];
  }

  /**
   * (Re)draws the access streams of an actor when it starts (stream -1: all) or resumes after a
   * fault raised by its current stream. The other streams were paused while the actor stalled:
   * their pending candidate is shifted by the stall, which keeps its distribution (the number of
   * accesses until the next candidate is geometric, hence memoryless, and the fault probability
   * only decreases).
   */
  resume(a: number, tResolved: number, tNow: number, stream: number, stalled: number): void {
    if (this.state[a] === DONE) return;
    this.state[a] = RUNNING;
    const vcpus = this.m.ctx.vcpus;
    // Think time follows a resolved fault, not the start (stream -1).
    const think = stream !== -1 && tResolved > this.m.ctx.resumeAt ? this.thinkTimeNs : 0;
    const base = a < vcpus ? tResolved + think : tResolved;
    if (a < vcpus) this.thinkNs[a] += think;
    if (stream <= 0) this.drawGuest(a, base);
    else this.guestNextAt[a] += stalled + think;
    if (a < vcpus) {
      if (stream === -1 || stream === EMULATION) this.drawEmulation(a, tResolved);
      else this.shiftEmulation(a, tResolved, stalled + think);
      if (stream === -1 || stream === KVM_USER) this.drawKvmUser(a, tResolved);
      else this.kvmUserNextAt[a] += stalled + think;
      if (stream === -1 || stream === NESTED) this.drawNested(a, tResolved);
      else this.nestedNextAt[a] += stalled + think;
    }
    this.schedule(a, tNow);
  }

  /**
   * vCPU a's guest access at t found rank `rank` missing: with async page faults (model/async-page-
   * faults.ts decides which may be) KVM's async-PF worker fetches it and the vCPU runs on (another
   * guest task) after the injection. Returns false when the fault must block instead.
   */
  private tryAsync(a: number, rank: number, write: number, t: number): boolean {
    const { ctx, routing, asyncPf } = this.m;
    if (!asyncPf.admit(a, rank, t)) return false;
    this.faultStream[a] = GUEST;
    routing.raiseAsync(a, rank, write, t);
    if (this.state[a] !== RUNNING) return true; // the run ended meanwhile (a limit)
    // The exit, the "page not present" injection and the guest's task switch: no guest access runs
    // meanwhile (counted with the compute after faults, so the baseline compares the same accesses).
    const cost = ctx.costs.ept_violation_ns + ctx.costs.async_pf_inject_ns;
    this.thinkNs[a] += cost;
    this.drawGuest(a, t + cost);
    this.shiftEmulation(a, t + cost, cost);
    this.kvmUserNextAt[a] += cost;
    this.nestedNextAt[a] += cost;
    this.schedule(a, t);
    return true;
  }

  /**
   * The pending emulation candidate moves by `shift` (the vCPU was stalled) — unless a guest fault
   * moved the emulation window to ranks with more missing pages than the candidate was drawn with:
   * thinning needs the mass at draw to bound the mass now, so it is drawn again from `base`.
   */
  private shiftEmulation(a: number, base: number, shift: number): void {
    if (this.emulationMissing(a) > this.emulationMassAtDraw[a] * this.emulationWindowSize) this.drawEmulation(a, base);
    else this.emulationNextAt[a] += shift;
  }

  /** The stream that raised the actor's outstanding fault. */
  streamOf(a: number): number {
    return this.faultStream[a];
  }

  private schedule(a: number, tNow: number): void {
    let t = this.guestNextAt[a];
    if (this.emulationNextAt[a] < t) t = this.emulationNextAt[a];
    if (this.kvmUserNextAt[a] < t) t = this.kvmUserNextAt[a];
    if (this.nestedNextAt[a] < t) t = this.nestedNextAt[a];
    const g = ++this.generation[a];
    if (t === Infinity) return; // nothing more this actor can fault on
    this.m.ctx.queue.push(t < tNow ? tNow : t, EV_ACCESS, a, g);
  }

  private drawGuest(a: number, base: number): void {
    const { memory, ctx } = this.m;
    const rng = ctx.rng;
    if (a === ctx.vhostActor) {
      const d = memory.vhostDist!;
      this.guestMassAtDraw[a] = d.mass;
      this.guestNextAt[a] = d.mass > 0 ? base + rng.geometric(d.mass) * this.vhostPeriod : Infinity;
      return;
    }
    if (memory.guestDist) {
      const p = memory.guestDist.mass;
      this.guestMassAtDraw[a] = p;
      this.guestNextAt[a] = p > 0 ? base + rng.geometric(p) * this.guestPeriod : Infinity;
      return;
    }
    const at = this.scan.draw(a, base, this.guestPeriod, memory.index, rng);
    this.guestNextAt[a] = at;
    // demand_paging_test: a vCPU past the end of its slice is done.
    if (at === Infinity && this.pattern === 'demand_paging_test') this.state[a] = DONE;
  }

  /**
   * The vCPU's emulation window follows its guest faults, except one on a poisoned page: the guest
   * takes a machine check there and runs its handler, not code next to the page.
   */
  private noteGuestFault(a: number, rank: number): void {
    const { memory, poison } = this.m;
    if (!poison.isPoisoned(memory.placement.rankToFrame(rank))) this.recentRank[a] = rank;
  }

  private get emulationWindowSize(): number {
    return Math.min(EMULATION_WINDOW, this.m.ctx.workingSetFrames);
  }

  /** The vCPU's emulation window [lo, hi) of ranks, inside the working set. */
  private emulationWindow(a: number): [number, number] {
    const ws = this.m.ctx.workingSetFrames;
    const w = this.emulationWindowSize;
    let lo = this.recentRank[a] - (w >> 1);
    if (lo < 0) lo = 0;
    if (lo + w > ws) lo = ws - w;
    return [lo, lo + w];
  }

  private emulationMissing(a: number): number {
    const [lo, hi] = this.emulationWindow(a);
    return this.m.memory.index.countRange(lo, hi);
  }

  private drawEmulation(a: number, base: number): void {
    if (this.emulationPeriod === Infinity) {
      this.emulationNextAt[a] = Infinity;
      return;
    }
    const p = this.emulationMissing(a) / this.emulationWindowSize;
    this.emulationMassAtDraw[a] = p;
    this.emulationNextAt[a] = p > 0 && this.emulationPeriod < Infinity ? base + this.m.ctx.rng.geometric(p) * this.emulationPeriod : Infinity;
  }

  private pvMissing(a: number): number {
    const index = this.m.memory.index;
    let n = 0;
    for (let i = 0; i < this.pvPages; i++) if (index.has(this.pvPageRanks[a * this.pvPages + i])) n++;
    return n;
  }

  private drawKvmUser(a: number, base: number): void {
    const p = this.pvMissing(a) / this.pvPages;
    this.kvmUserMassAtDraw[a] = p;
    this.kvmUserNextAt[a] = p > 0 && this.kvmUserPeriod < Infinity ? base + this.m.ctx.rng.geometric(p) * this.kvmUserPeriod : Infinity;
  }

  private drawNested(a: number, base: number): void {
    const d = this.m.memory.nestedTableDist;
    if (d === null || this.nestedPeriod === Infinity) {
      this.nestedNextAt[a] = Infinity;
      return;
    }
    this.nestedMassAtDraw[a] = d.mass;
    this.nestedNextAt[a] = d.mass > 0 ? base + this.m.ctx.rng.geometric(d.mass) * this.nestedPeriod : Infinity;
  }

  /** The actor's earliest candidate access is due: accept it as a fault (thinning) or draw again. */
  onAccess(a: number, t: number): void {
    if (this.state[a] !== RUNNING) return;
    const { memory, ctx, routing } = this.m;
    const rng = ctx.rng;
    const index = memory.index;
    const g = this.guestNextAt[a];
    const e = this.emulationNextAt[a];
    const k = this.kvmUserNextAt[a];
    const w = this.nestedNextAt[a];
    let stream = GUEST;
    if (e < g && e <= k) stream = EMULATION;
    else if (k < g && k < e) stream = KVM_USER;
    if (w < g && w < e && w < k) stream = NESTED;
    if (stream === NESTED) {
      const d = memory.nestedTableDist!;
      const p1 = d.mass;
      if (p1 > 0 && rng.float32() * this.nestedMassAtDraw[a] < p1) {
        // A walk reads one entry of one level; the table page holding it is missing.
        this.faultStream[a] = NESTED;
        routing.raise(a, d.pick(rng, index), P_NESTED, 0, t);
        return;
      }
      this.drawNested(a, t);
    } else if (stream === GUEST) {
      const isVhost = a === ctx.vhostActor;
      const dist = isVhost ? memory.vhostDist : memory.guestDist;
      if (dist) {
        const p1 = dist.mass;
        if (p1 > 0 && rng.float32() * this.guestMassAtDraw[a] < p1) {
          const rank = dist.pick(rng, index);
          const write = rng.float32() < this.writeRatio ? 1 : 0;
          const path = isVhost ? P_VHOST : P_VCPU;
          if (!isVhost) this.noteGuestFault(a, rank);
          if (path === P_VCPU && this.asyncPf && this.tryAsync(a, rank, write, t)) return;
          this.faultStream[a] = GUEST;
          routing.raise(a, rank, path, write, t);
          return;
        }
        this.drawGuest(a, t);
      } else {
        const r = this.scan.nextRank[a];
        if (r >= 0 && index.has(r)) {
          this.scan.cursor[a] = r + 1;
          const write = rng.float32() < this.writeRatio ? 1 : 0;
          this.noteGuestFault(a, r);
          if (this.asyncPf && this.tryAsync(a, r, write, t)) return;
          this.faultStream[a] = GUEST;
          routing.raise(a, r, P_VCPU, write, t);
          return;
        }
        if (r >= 0) this.scan.cursor[a] = r + 1;
        this.drawGuest(a, t);
      }
    } else if (stream === EMULATION) {
      const missing = this.emulationMissing(a);
      const p1 = missing / this.emulationWindowSize;
      if (p1 > 0 && rng.float32() * this.emulationMassAtDraw[a] < p1) {
        const lo = this.emulationWindow(a)[0];
        const rank = index.select(index.prefix(lo) + rng.below(missing));
        this.faultStream[a] = EMULATION;
        routing.raise(a, rank, P_EMULATION, 0, t);
        return;
      }
      this.drawEmulation(a, t);
    } else {
      const missing = this.pvMissing(a);
      if (missing > 0 && rng.float32() * this.kvmUserMassAtDraw[a] < missing / this.pvPages) {
        let pick = rng.below(missing);
        for (let i = 0; i < this.pvPages; i++) {
          const r = this.pvPageRanks[a * this.pvPages + i];
          if (index.has(r) && pick-- === 0) {
            this.faultStream[a] = KVM_USER;
            routing.raise(a, r, P_KVM_USER, 1, t);
            return;
          }
        }
      }
      this.drawKvmUser(a, t);
    }
    this.schedule(a, t);
  }
}
