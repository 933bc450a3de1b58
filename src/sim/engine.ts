/**
 * The discrete-event engine. One event queue, simulated time in ns (t = 0: source pauses the VM),
 * one seeded generator. Guest memory state lives in bitmaps (memory.ts); accesses that hit present
 * pages are skipped analytically (workload.ts), so the work is proportional to the number of
 * faults, background chunks and pre-copy rounds, not to the number of guest accesses.
 *
 * Pipelines (domain.md section 2):
 *  uffd:  fault entry -> enqueue on the uffd wait queue (spinlock) -> a handler thread read()s it
 *         -> request to the source (or local copy) -> page arrives -> install (UFFDIO_COPY /
 *         UFFDIO_CONTINUE / write()+CONTINUE) -> wake through the wait queue -> vCPU runs.
 *  exit:  EPT violation, fast GUP miss -> KVM_RUN returns -> the vCPU thread fetches and installs
 *         the 4K page itself -> re-entry. No shared wait queue.
 */
import { allocateBatch, type FaultEventBatch } from './events.js';
import { Rng } from './rng.js';
import { EventQueue } from './event-queue.js';
import { Bitmap, SelectIndex } from './memory.js';
import { Link } from './link.js';
import { IntMap } from './intmap.js';
import { Placement, PieceDist } from './workload.js';
import { bucketOf, LatencyHistogram, round } from './stats.js';
import { resolveCosts, type Costs } from './costs.js';
import { defaultUffdMode, isKvmMechanism, mechanismForPath, uffdModeMechanism, type UffdMode } from './mechanisms.js';
import { DEFAULT_GIC, describeRead, GIC_TABLES, gicLayout, restorePlan, tableFrames, type GicLayout, type RestorePlan } from './gic.js';
import { defaultPoisonMethod, entryRange, poisonRanges, type PoisonMethod } from './poison.js';
import type { MigrationSpec } from './spec.js';
import type { MigrationResult } from './result.js';
import type { Simulation, SimulationProgress } from './index.js';
import { FAULT_PATHS, MECHANISMS, PAGE_SHIFT, RESOLUTIONS, type FaultPath, type Mechanism, type Resolution } from './vocabulary.js';

const EV_START = 1;
const EV_ACCESS = 2;
const EV_READ = 3;
const EV_INSTALL = 5;
const EV_BG_SEND = 6;
const EV_BG_INSTALL = 7;
const EV_RESTORE = 8;
const EV_LINK_DOWN = 9;
const EV_LINK_UP = 10;
const EV_KHUGEPAGED = 11;
const EV_LINK_LOST = 12;
const NO_MECH = 255;

const PATH = Object.fromEntries(FAULT_PATHS.map((p, i) => [p, i])) as Record<FaultPath, number>;
const MECH = Object.fromEntries(MECHANISMS.map((m, i) => [m, i])) as Record<Mechanism, number>;
const RES = Object.fromEntries(RESOLUTIONS.map((r, i) => [r, i])) as Record<Resolution, number>;

const P_VCPU = PATH.vcpu_access;
const P_KVM_USER = PATH.kvm_user_access;
const P_EMULATION = PATH.instruction_emulation;
const P_NESTED = PATH.nested_walk;
const P_VHOST = PATH.vhost_userspace;
const P_RESTORE = PATH.device_restore;
const M_MISSING = MECH.uffd_missing;
const M_MINOR = MECH.uffd_minor;
const M_GMEM = MECH.gmem_write_continue;
const R_COPY = RES.uffdio_copy;
const R_CONTINUE = RES.uffdio_continue;
const R_WRITE_CONTINUE = RES.write_continue;
const R_EXIT = RES.exit_fetch;
const R_EEXIST = RES.eexist_wake;
const R_JOINED = RES.joined_inflight;
const R_MCE = RES.machine_check;
const R_UNRESOLVED = RES.unresolved;
const R_ZERO_FILL = RES.zero_fill;
const R_PARTIAL = RES.partial_read;
const R_ESCAPE = RES.poison_escape;

const FRAME = 4096;
const PV_PAGES = 3;
const RW_RUN_MEAN = 32; // random_walk: mean sequential run, pages
const RW_JUMP = 4096; // random_walk: max jump, pages (16 MiB)
const RW_MAX_RUNS_PER_DRAW = 4096;
const BG_CHUNK_FRAMES = 256; // 1 MiB background chunks for 4K memory

const ST_RUNNING = 0;
const ST_BLOCKED = 1;
const ST_DONE = 2;

type Stream = 0 | 1 | 2; // guest, emulation, kvm user access

/** Growable columnar buffer of resolved events waiting to be handed out. */
class Outbox {
  cap = 1024;
  len = 0;
  vcpu = new Int32Array(this.cap);
  thread = new Int32Array(this.cap);
  gfn = new Float64Array(this.cap);
  pageShift = new Uint8Array(this.cap);
  write = new Uint8Array(this.cap);
  path = new Uint8Array(this.cap);
  mechanism = new Uint8Array(this.cap);
  resolution = new Uint8Array(this.cap);
  raisedAtNs = new Float64Array(this.cap);
  resolvedAtNs = new Float64Array(this.cap);

  private grow(): void {
    const cap = this.cap * 2;
    const g = <T extends Int32Array | Float64Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(cap);
      b.set(a);
      return b;
    };
    this.vcpu = g(this.vcpu);
    this.thread = g(this.thread);
    this.gfn = g(this.gfn);
    this.pageShift = g(this.pageShift);
    this.write = g(this.write);
    this.path = g(this.path);
    this.mechanism = g(this.mechanism);
    this.resolution = g(this.resolution);
    this.raisedAtNs = g(this.raisedAtNs);
    this.resolvedAtNs = g(this.resolvedAtNs);
    this.cap = cap;
  }

  push(vcpu: number, thread: number, gfn: number, shift: number, write: number, path: number, mech: number, res: number, raised: number, resolved: number): void {
    if (this.len === this.cap) this.grow();
    const i = this.len++;
    this.vcpu[i] = vcpu;
    this.thread[i] = thread;
    this.gfn[i] = gfn;
    this.pageShift[i] = shift;
    this.write[i] = write;
    this.path[i] = path;
    this.mechanism[i] = mech;
    this.resolution[i] = res;
    this.raisedAtNs[i] = raised;
    this.resolvedAtNs[i] = resolved;
  }

  /** Moves the first n events into a batch. */
  take(n: number, firstSeq: number): FaultEventBatch {
    const b = allocateBatch(n, firstSeq);
    b.length = n;
    b.vcpu.set(this.vcpu.subarray(0, n));
    b.thread.set(this.thread.subarray(0, n));
    b.gfn.set(this.gfn.subarray(0, n));
    b.pageShift.set(this.pageShift.subarray(0, n));
    b.write.set(this.write.subarray(0, n));
    b.path.set(this.path.subarray(0, n));
    b.mechanism.set(this.mechanism.subarray(0, n));
    b.resolution.set(this.resolution.subarray(0, n));
    b.raisedAtNs.set(this.raisedAtNs.subarray(0, n));
    b.resolvedAtNs.set(this.resolvedAtNs.subarray(0, n));
    const rest = this.len - n;
    if (rest > 0) {
      this.vcpu.copyWithin(0, n, this.len);
      this.thread.copyWithin(0, n, this.len);
      this.gfn.copyWithin(0, n, this.len);
      this.pageShift.copyWithin(0, n, this.len);
      this.write.copyWithin(0, n, this.len);
      this.path.copyWithin(0, n, this.len);
      this.mechanism.copyWithin(0, n, this.len);
      this.resolution.copyWithin(0, n, this.len);
      this.raisedAtNs.copyWithin(0, n, this.len);
      this.resolvedAtNs.copyWithin(0, n, this.len);
    }
    this.len = rest;
    return b;
  }
}

/** A growable pool of integer ids with a free list. */
class Pool {
  free: number[] = [];
  next = 0;
  alloc(): number {
    return this.free.length > 0 ? (this.free.pop() as number) : this.next++;
  }
  release(id: number): void {
    this.free.push(id);
  }
}

function growF64(a: Float64Array<ArrayBuffer>, n: number): Float64Array<ArrayBuffer> {
  if (n < a.length) return a;
  const b = new Float64Array(Math.max(n + 1, a.length * 2));
  b.set(a);
  return b;
}
function growI32(a: Int32Array<ArrayBuffer>, n: number): Int32Array<ArrayBuffer> {
  if (n < a.length) return a;
  const b = new Int32Array(Math.max(n + 1, a.length * 2));
  b.set(a);
  return b;
}
function growU8(a: Uint8Array<ArrayBuffer>, n: number): Uint8Array<ArrayBuffer> {
  if (n < a.length) return a;
  const b = new Uint8Array(Math.max(n + 1, a.length * 2));
  b.set(a);
  return b;
}

export interface Phase {
  name: string;
  atNs: number;
}

export interface Violation {
  kind: string;
  atNs: number;
  gfn: number | null;
  vcpu: number | null;
  detail: string;
}

const MAX_LISTED_VIOLATIONS = 1000;

export class Engine implements Simulation {
  // ---- configuration -------------------------------------------------------------------------
  private readonly spec: MigrationSpec;
  private readonly c: Costs;
  private readonly rng: Rng;
  private readonly q = new EventQueue(4096);
  private readonly link: Link;
  private readonly frames: number;
  private readonly wsFrames: number;
  private readonly vcpus: number;
  private readonly actors: number;
  // Device-state restore before resume (ARM GIC/ITS tables read with kvm_read_guest, gic.ts).
  private readonly gic: GicLayout | null = null;
  private readonly plan: RestorePlan | null = null;
  private readonly restoreActor: number; // -1 if none
  private rsStep = 0;
  private rsRead = 0;
  private rsInStep = false;
  private rsReadDone = false; // the current read faulted and its page has been served
  private rsStepStart: Float64Array = new Float64Array(0);
  private rsStepEnd: Float64Array = new Float64Array(0);
  private rsStepReads: Float64Array = new Float64Array(0);
  private rsStepFaults: Float64Array = new Float64Array(0);
  private rsStepStall: Float64Array = new Float64Array(0);
  private rsStepPages: Set<number>[] = [];
  private readonly rsPages = new Set<number>();
  private rsReads = 0;
  private restoreStart = 0;
  private restoreEnd = -1;
  private restoreFaults = 0;
  private restoreStall = 0;
  private restoreFetched = 0;
  private restorePrePages = 0;
  private readonly restorePreTables = new Set<number>();
  private restoreOutcome: 'ok' | 'failed' | 'none' = 'none';
  private restoreErrno: '-EFAULT' | '-EINVAL' | '-EBUSY' | null = null;
  private restoreFailedStep: string | null = null;
  private restoreFailTable: string | null = null;
  private restoreFailGfn: number | null = null;
  private pagesZeroFilled = 0;
  // Link and source failures during post-copy (postcopy-paused, then recover or lose the VM).
  private readonly failDown: number[] = [];
  private readonly failUp: number[] = [];
  private readonly failState: ('not_reached' | 'paused' | 'recovered' | 'lost')[] = [];
  private paused = 0; // failures currently holding post-copy paused
  private rerequested = 0;
  private resentPages = 0;
  private bytesResent = 0;
  private pagesNeverArrived: number | null = null;
  // khugepaged collapsing shmem THPs under a MINOR registration (004_).
  private readonly khugepagedPeriod: number;
  private thpCollapses = 0;
  private readonly vhostActor: number; // -1 if none
  private readonly pageShift: number;
  private readonly hugeFrames: number; // frames per uffd unit on this backing (1 unless hugetlbfs)
  private readonly primary: Mechanism;
  private readonly fallback: UffdMode;
  private readonly minorPrimary: boolean; // background arrival fills page cache without mapping
  private readonly local: boolean;
  private readonly preempt: boolean;
  private readonly placement: Placement;
  private readonly handlerCount: number;
  private readonly pattern: MigrationSpec['workload']['pattern'];
  private readonly gPeriod: number;
  private readonly ePeriod: number;
  private readonly kPeriod: number;
  private readonly vPeriod: number;
  private readonly nestedShare: number;
  private readonly maxEvents: number;
  private readonly maxSimNs: number;
  private readonly bufferNs: number;

  // ---- memory state --------------------------------------------------------------------------
  private readonly arrived: Bitmap; // frame content is on the target
  private readonly sent: Bitmap; // source has sent (or is sending) the frame
  private readonly index: SelectIndex; // rank space: the frame still faults for the guest
  private readonly guestDist: PieceDist | null;
  private readonly uniDist: PieceDist;
  private readonly dists: PieceDist[] = [];
  private arrivedCount = 0;
  /** Frames that are hardware-poisoned on the source (expanded to whole huge pages on hugetlbfs). */
  private readonly poisoned: Bitmap | null = null;
  /** Poisoned frames the target still maps (pre-copy sent them before the poison, nothing zapped them). */
  private poisonMapped: Bitmap | null = null;
  private poisonedCount = 0;
  private poisonRequested = 0;
  private poisonRangeCount = 0;
  private poisonSentBeforePoison = 0;
  private poisonEexist = 0;
  private poisonEscapes = 0;
  private poisonCollapseExposed = 0;
  private poisonBytesSent = 0;
  private poisonSetupNs = 0;
  private machineChecks = 0;
  private readonly poisonHandling: PoisonMethod;
  private readonly refused: boolean;
  private readonly violationKinds = new Map<string, number>();

  // ---- actors (vCPUs + optional vhost thread) ------------------------------------------------
  private readonly aState: Uint8Array;
  private readonly aGen: Int32Array;
  private readonly aFault: Int32Array;
  private readonly aStream: Uint8Array;
  private readonly gT: Float64Array;
  private readonly gP0: Float64Array;
  private readonly gRank: Float64Array;
  private readonly eT: Float64Array;
  private readonly eP0: Float64Array;
  private readonly kT: Float64Array;
  private readonly kP0: Float64Array;
  private readonly cursor: Float64Array;
  private readonly regLo: Float64Array;
  private readonly regHi: Float64Array;
  private readonly runEnd: Float64Array;
  private readonly pvRanks: Float64Array;

  // ---- faults and fetches --------------------------------------------------------------------
  private readonly faultPool = new Pool();
  private fActor = new Int32Array(64);
  private fFrame = new Float64Array(64);
  private fPath = new Uint8Array(64);
  private fMech = new Uint8Array(64);
  private fWrite = new Uint8Array(64);
  private fUffd = new Uint8Array(64);
  private fInQueue = new Uint8Array(64);
  private fDone = new Uint8Array(64);
  private fRaised = new Float64Array(64);
  private fThread = new Int32Array(64);
  private fNext = new Int32Array(64); // waiter list
  private fFetch = new Int32Array(64);

  private readonly fetchPool = new Pool();
  private xStart = new Float64Array(64);
  private xFrames = new Float64Array(64);
  private xExit = new Uint8Array(64); // requested by an exiting vCPU thread (installs itself)
  private xMech = new Uint8Array(64);
  private xRequested = new Uint8Array(64);
  private xRequester = new Int32Array(64);
  private xWait = new Int32Array(64);
  private xSuper = new Uint8Array(64);
  private xLocalContent = new Uint8Array(64);
  private xFillStart = new Float64Array(64);
  private xFillEnd = new Float64Array(64);
  private xArrival = new Float64Array(64); // when the page reaches the target (remote fetches)
  private readonly pending = new IntMap(1024); // unit key -> fetch id
  private hitBuf = new Int32Array(64);

  // ---- uffd ----------------------------------------------------------------------------------
  private lockFreeAt = 0;
  private lastFillStart = 0;
  private lastFillEnd = 0;
  private readonly gmemUptodateCheck: boolean;
  private readonly writeContinueCode: number;
  private mmFreeAt = 0;
  private readonly fallbackCode: number;
  /** Per fault-path code: the mechanism code that serves it, and whether it is a KVM exit. */
  private readonly pathMech: Uint8Array;
  private readonly pathExit: Uint8Array;
  private readonly writeRatio: number;
  private uffdWaiters = 0;
  private blocked = 0;
  private readonly msgQueue: number[] = [];
  private msgHead = 0;
  // Idle handler threads (FIFO ring) and the time each becomes free.
  private readonly hFreeAt: Float64Array;
  private readonly idleQ: Int32Array;
  private idleHead = 0;
  private idleLen = 0;
  private sourceFreeAt = 0;
  private recvMainFreeAt = 0;
  private recvUrgentFreeAt = 0;

  // ---- background copier ---------------------------------------------------------------------
  private readonly bgEnabled: boolean;
  private readonly bgShare: number;
  private readonly bgNear: boolean;
  private bgCursor = 0;
  private bgPace = 0;
  private bgDone = false;
  private bgQStart: number[] = [];
  private bgQEnd: number[] = [];
  private bgQHead = 0;

  // ---- accounting ----------------------------------------------------------------------------
  private readonly out = new Outbox();
  private seq = 0;
  private emitted = 0;
  private now = 0;
  private resumeAt = 0;
  private finished = false;
  private over = false;
  private truncated = false;
  private outcome: 'completed' | 'failed' = 'completed';
  private failureReason: string | null = null;
  private completedAt = -1;
  private precopyNs = 0;
  private readonly phases: Phase[] = [];
  private readonly violations: Violation[] = [];
  private violationCount = 0;
  private pagesBackground = 0;
  private pagesDemand = 0;
  private pagesPre = 0;
  private bytesDemand = 0;
  private bytesBackground = 0;
  private bytesPre = 0;
  private bytesDevice = 0;
  private eexist = 0;
  private readonly latAll = new LatencyHistogram();
  private readonly latPath: LatencyHistogram[] = FAULT_PATHS.map(() => new LatencyHistogram());
  private readonly latMech: LatencyHistogram[] = MECHANISMS.map(() => new LatencyHistogram());
  private readonly resCount = new Float64Array(RESOLUTIONS.length);
  private readonly blockNs: Float64Array;
  private readonly vFaults: Float64Array;
  private readonly vLast: Float64Array;

  constructor(spec: MigrationSpec) {
    this.spec = spec;
    this.c = resolveCosts(spec.costs);
    this.rng = new Rng(spec.seed);
    const vm = spec.vm;
    this.frames = vm.memoryMiB * 256;
    this.wsFrames = Math.min(this.frames, (spec.workload.workingSetMiB ?? vm.memoryMiB) * 256);
    this.vcpus = vm.vcpus;
    const fs = spec.workload.faultSources;
    this.vhostActor = fs.vhostAccessesPerSecond > 0 ? this.vcpus : -1;
    this.actors = this.vcpus + (this.vhostActor >= 0 ? 1 : 0);
    this.pageShift = PAGE_SHIFT[vm.pageSize];
    this.hugeFrames = vm.backing === 'hugetlbfs' ? 2 ** (this.pageShift - 12) : 1;
    const poisonRs = poisonRanges(vm.poisonedPages, this.hugeFrames, this.frames);
    this.refused = spec.strategy.poisonPolicy === 'strict' && vm.poisonedPages.length > 0;
    if (vm.arch === 'arm64' && !this.refused) {
      const { layout } = gicLayout(vm.gic ?? DEFAULT_GIC, vm.vcpus, this.frames * FRAME, spec.seed, poisonRs);
      if (!layout) throw new Error('invalid GIC layout: the request was not validated with migrationSpecSchema');
      this.gic = layout;
      this.plan = restorePlan(layout, vm.vcpus);
      const n = this.plan.steps.length;
      this.rsStepStart = new Float64Array(n).fill(-1);
      this.rsStepEnd = new Float64Array(n).fill(-1);
      this.rsStepReads = new Float64Array(n);
      this.rsStepFaults = new Float64Array(n);
      this.rsStepStall = new Float64Array(n);
      this.rsStepPages = this.plan.steps.map(() => new Set<number>());
    }
    this.restoreActor = this.plan ? this.actors : -1;
    this.primary = spec.strategy.mechanism;
    this.fallback = spec.strategy.uffdMode ?? defaultUffdMode(vm.backing);
    this.minorPrimary = this.primary === 'uffd_minor';
    this.fallbackCode = MECH[uffdModeMechanism(this.fallback)];
    this.pathMech = Uint8Array.from(FAULT_PATHS, (p) => {
      const m = mechanismForPath(this.primary, this.fallback, p);
      return m === null ? NO_MECH : MECH[m];
    });
    this.pathExit = Uint8Array.from(FAULT_PATHS, (p) => {
      const m = mechanismForPath(this.primary, this.fallback, p);
      return m !== null && isKvmMechanism(m) ? 1 : 0;
    });
    this.writeRatio = spec.workload.writeRatio;
    this.gmemUptodateCheck = spec.strategy.gmemUptodateCheck;
    const minorRegistered = this.primary === 'uffd_minor' || (isKvmMechanism(this.primary) && this.fallback === 'minor');
    this.khugepagedPeriod =
      vm.thp && vm.backing === 'shmem' && minorRegistered && vm.khugepagedCollapsesPerSecond > 0 ? 1e9 / vm.khugepagedCollapsesPerSecond : Infinity;
    this.writeContinueCode = M_GMEM;
    this.local = spec.network.sourceLocal;
    this.preempt = spec.network.postcopyPreempt && !this.local;
    this.link = new Link(spec.network.bandwidthGbps, spec.network.rttUs);
    this.handlerCount = spec.strategy.handlerThreads;
    this.hFreeAt = new Float64Array(this.handlerCount);
    this.idleQ = new Int32Array(this.handlerCount);
    for (let h = 0; h < this.handlerCount; h++) this.pushIdle(h, 0);
    this.pattern = spec.workload.pattern;
    this.gPeriod = 1e9 / spec.workload.accessesPerSecond;
    this.ePeriod = fs.instructionEmulationPerSecond > 0 ? 1e9 / fs.instructionEmulationPerSecond : Infinity;
    this.kPeriod = fs.kvmUserAccessPerSecond > 0 ? 1e9 / fs.kvmUserAccessPerSecond : Infinity;
    this.vPeriod = fs.vhostAccessesPerSecond > 0 ? 1e9 / fs.vhostAccessesPerSecond : Infinity;
    this.nestedShare = vm.nested ? fs.nestedWalkShare : 0;
    this.maxEvents = spec.limits.maxFaultEvents;
    this.maxSimNs = spec.limits.maxSimulatedSeconds * 1e9;
    this.bufferNs = this.link.txNs(this.c.send_buffer_kib * 1024);
    const bg = spec.strategy.backgroundCopy;
    this.bgEnabled = bg.enabled && !this.local;
    this.bgShare = bg.bandwidthShare;
    this.bgNear = bg.order === 'near_recent_faults';

    // Placement blocks: at least 2 MiB (and a whole uffd unit), dividing memory.
    let blockFrames = Math.max(512, this.hugeFrames);
    while (blockFrames > this.hugeFrames && this.frames % blockFrames !== 0) blockFrames /= 2;
    if (blockFrames > this.frames) blockFrames = this.frames;
    const permute = this.pattern === 'uniform' || this.pattern === 'zipf';
    this.placement = new Placement(this.frames, blockFrames, permute, this.rng);

    this.arrived = new Bitmap(this.frames);
    this.sent = new Bitmap(this.frames);
    this.index = new SelectIndex(this.frames);
    this.poisonHandling = spec.strategy.poisonHandling ?? defaultPoisonMethod(vm.backing);
    if (vm.poisonedPages.length > 0) {
      this.poisoned = new Bitmap(this.frames);
      // HugeTLB widens the blast radius to the whole huge page (domain.md section 5).
      for (const [a, b] of poisonRs) this.poisonedCount += this.poisoned.setRange(a, b);
      this.poisonRangeCount = vm.poisonedPages.length;
      for (const p of vm.poisonedPages) {
        const [a, b] = entryRange(p);
        this.poisonRequested += b - a;
        if (typeof p !== 'number' && p.poisonedDuringPrecopy) {
          // Pre-copy sent these pages while they were healthy: the target maps a copy.
          this.poisonMapped ??= new Bitmap(this.frames);
          for (const [c, d] of poisonRanges([p], this.hugeFrames, this.frames)) this.poisonSentBeforePoison += this.poisonMapped.setRange(c, d);
        }
      }
      // A poisoned page is never read on the source, so never sent.
      this.sent.words.set(this.poisoned.words);
    }

    this.uniDist = PieceDist.uniform(0, this.wsFrames);
    this.dists.push(this.uniDist);
    if (this.pattern === 'zipf') {
      this.guestDist = PieceDist.zipf(this.wsFrames, spec.workload.zipfExponent);
      this.dists.push(this.guestDist);
    } else if (this.pattern === 'uniform') {
      this.guestDist = this.uniDist;
    } else {
      this.guestDist = null;
    }

    const A = this.actors + (this.restoreActor >= 0 ? 1 : 0);
    this.aState = new Uint8Array(A);
    this.aGen = new Int32Array(A);
    this.aFault = new Int32Array(A).fill(-1);
    this.aStream = new Uint8Array(A);
    this.gT = new Float64Array(A).fill(Infinity);
    this.gP0 = new Float64Array(A);
    this.gRank = new Float64Array(A);
    this.eT = new Float64Array(A).fill(Infinity);
    this.eP0 = new Float64Array(A);
    this.kT = new Float64Array(A).fill(Infinity);
    this.kP0 = new Float64Array(A);
    this.cursor = new Float64Array(A);
    this.regLo = new Float64Array(A);
    this.regHi = new Float64Array(A);
    this.runEnd = new Float64Array(A);
    this.pvRanks = new Float64Array(this.vcpus * PV_PAGES);
    for (let i = 0; i < this.pvRanks.length; i++) this.pvRanks[i] = this.placement.frameToRank(this.rng.below(this.frames));
    for (let v = 0; v < this.vcpus; v++) {
      if (this.pattern === 'sequential' || this.pattern === 'demand_paging_test') {
        this.regLo[v] = Math.floor((v * this.wsFrames) / this.vcpus);
        this.regHi[v] = Math.floor(((v + 1) * this.wsFrames) / this.vcpus);
      } else {
        this.regLo[v] = 0;
        this.regHi[v] = this.wsFrames;
      }
      this.cursor[v] = this.pattern === 'random_walk' ? this.rng.below(this.wsFrames) : this.regLo[v];
      this.runEnd[v] = this.cursor[v];
    }
    this.blockNs = new Float64Array(this.vcpus);
    this.vFaults = new Float64Array(this.vcpus);
    this.vLast = new Float64Array(this.vcpus);

    this.setup();
  }

  // ================================================================================================
  // Setup: pre-copy, pause, device state, resume
  // ================================================================================================

  private setup(): void {
    if (this.refused) {
      // poisonPolicy strict: QEMU's migrate_prepare() refuses a VM with hardware-poisoned memory.
      // Nothing is paused, nothing moves, the VM keeps running on the source.
      this.phases.push({ name: 'migration_refused', atNs: 0 });
      this.over = true;
      this.outcome = 'failed';
      this.failureReason = `migration refused (strategy.poisonPolicy strict): the VM has ${this.poisonRequested} hardware-poisoned page(s), and QEMU refuses to migrate it ("Can't migrate this vm with hardware poisoned memory, please reboot the vm and try again"); the VM keeps running on the source`;
      return;
    }
    const pre = this.spec.strategy.precopy;
    if (pre.rounds > 0) this.precopy(pre.rounds, pre.dirtyRateMiBps);
    if (this.poisoned) {
      // Poisoned frames never travel after the poison and stay missing on the target. A frame
      // pre-copy sent before it was poisoned is mapped on the target: zap and punch_hole drop it;
      // UFFDIO_POISON cannot replace a present page (-EEXIST) and `none` does nothing, so the
      // target keeps mapping its healthy-looking copy.
      const keepsMapping = this.poisonHandling === 'uffdio_poison' || this.poisonHandling === 'none';
      const mapped = this.poisonMapped;
      const words = this.poisoned.words;
      for (let w = 0; w < words.length; w++) {
        let x = words[w];
        while (x !== 0) {
          const f = (w << 5) + (31 - Math.clz32(x & -x));
          x &= x - 1;
          if (this.arrived.get(f)) {
            this.arrived.clear(f);
            this.arrivedCount--;
            this.pagesPre--;
          }
          this.sent.set(f);
          // Still in the fault index: accesses to it are sampled (an escape or a machine check).
          this.index.set(this.placement.frameToRank(f));
        }
      }
      if (mapped) {
        if (keepsMapping) {
          if (this.poisonHandling === 'uffdio_poison') this.poisonEexist = this.poisonSentBeforePoison;
        } else this.poisonMapped = null;
      }
    }
    for (const d of this.dists) d.init(this.index);
    this.phases.push({ name: 'source_paused', atNs: 0 });
    if (this.gic && this.spec.strategy.deviceRestore.preTransfer) this.preTransferGicPages();
    let tDevice = 0;
    const dsBytes = this.c.device_state_kib * 1024;
    if (!this.local) {
      tDevice = this.link.sendMain(0, dsBytes);
      this.bytesDevice = dsBytes;
    }
    this.phases.push({ name: 'device_state_sent', atNs: round(tDevice) });
    // Before resume the VMM makes every poisoned gfn fault on the target (zap, hole punch or
    // UFFDIO_POISON), one call per range.
    this.poisonSetupNs = this.poisonHandling === 'none' ? 0 : this.poisonRangeCount * this.c.poison_setup_per_range_ns;
    const tLoaded = tDevice + this.c.device_state_load_ns + this.poisonSetupNs;
    this.resumeAt = tLoaded;
    if (this.restoreActor >= 0) {
      this.phases.push({ name: 'device_state_loaded', atNs: round(tLoaded) });
      this.phases.push({ name: 'device_restore_started', atNs: round(tLoaded) });
      this.restoreStart = tLoaded;
      this.restoreOutcome = 'ok';
      this.q.push(tLoaded, EV_RESTORE, 0);
    } else this.resumeVcpus(tLoaded);
    if (this.bgEnabled) this.q.push(0, EV_BG_SEND, 0);
    if (this.allArrived()) this.complete(tLoaded);
  }

  /**
   * khugepaged collapses a random 2 MiB range of the shmem file into a THP and maps it with one
   * PMD, without any fault (004_: "THP collapse can break the guarantees minor fault registration
   * is trying to provide"). Pages already in the page cache become mapped (harmless: their content
   * is current); holes are filled with zeros, so the guest reads zeros where its data has not
   * arrived yet: a minor_thp_bypass violation, and that content is lost.
   */
  private onKhugepaged(t: number): void {
    this.q.push(t + this.khugepagedPeriod, EV_KHUGEPAGED, 0);
    const span = 512;
    if (this.frames < span) return;
    const start = this.rng.below(this.frames / span) * span;
    const end = start + span;
    const cached = this.arrived.countRange(start, end);
    if (cached === 0) return; // nothing in the page cache to collapse
    const rank = this.placement.frameToRank(start);
    if (this.index.countRange(rank, rank + span) === 0) return; // already mapped
    if (this.pending.size > 0) for (let f = start; f < end; f++) if (this.findFetch(f, 1) >= 0) return; // pages locked by a fetch
    let holes = 0;
    let poison = 0;
    let firstPoison = -1;
    for (let f = start; f < end; f++) {
      if (this.poisoned !== null && this.poisoned.get(f)) {
        // A poisoned page the guest has not touched yet: the collapse maps it (a hole in the page
        // cache, filled with zeros) and no access will ever fault on it again.
        if (this.index.has(this.placement.frameToRank(f))) {
          poison++;
          if (firstPoison < 0) firstPoison = f;
        }
        continue;
      }
      if (!this.arrived.get(f)) {
        this.arrived.set(f);
        this.sent.set(f);
        this.pagesZeroFilled++;
        holes++;
      }
    }
    this.mapFrames(start, span);
    this.thpCollapses++;
    if (holes > 0) {
      this.violation({
        kind: 'minor_thp_bypass',
        atNs: Math.ceil(t),
        gfn: start,
        vcpu: null,
        detail: `khugepaged collapsed a 2 MiB shmem range under a MINOR registration: ${holes} pages not yet migrated were mapped as zeros without a fault`,
      });
    }
    if (poison > 0) {
      this.poisonCollapseExposed += poison;
      this.violation({
        kind: 'minor_thp_bypass',
        atNs: Math.ceil(t),
        gfn: firstPoison,
        vcpu: null,
        detail: `khugepaged collapsed a 2 MiB shmem range under a MINOR registration: ${poison} poisoned page(s) were mapped without a fault, so the guest reads them with no machine check`,
      });
    }
    if (this.allArrived()) this.complete(t);
  }

  /** Every frame is on the target (poisoned ones never travel; zero-filled ones never will). */
  private allArrived(): boolean {
    return this.arrivedCount + this.pagesZeroFilled + this.poisonedCount === this.frames;
  }

  /** The device state is restored: the vCPUs run on the target from t. */
  private resumeVcpus(t: number): void {
    this.phases.push({ name: 'target_restored', atNs: round(t) });
    this.resumeAt = t;
    this.phases.push({ name: 'resumed', atNs: round(t) });
    if (this.finished && this.completedAt < t) {
      // Every page arrived during the restore: the migration completes when the VM runs.
      this.completedAt = t;
      for (const p of this.phases) if (p.name === 'completed') p.atNs = round(t);
    }
    this.q.push(t, EV_START, 0);
    if (this.khugepagedPeriod < Infinity) this.q.push(t + this.khugepagedPeriod, EV_KHUGEPAGED, 0);
    this.scheduleFailures(t);
  }

  /**
   * Link and source failures (network.failures), relative to resume. A temporary one pauses
   * post-copy (nothing crosses the link) until the component is back and recovery has re-established
   * the channels (postcopy_recover_ns) and the target has sent its received-pages bitmap; a
   * permanent one, or any one without postcopyRecovery, loses the VM.
   */
  private scheduleFailures(t: number): void {
    const net = this.spec.network;
    if (this.local || net.failures.length === 0) return;
    const windows: [number, number][] = [];
    net.failures.forEach((f, i) => {
      // Whole nanoseconds, like every event time.
      const down = Math.ceil(t + f.afterResumeMs * 1e6);
      const temporary = f.durationMs !== undefined && net.postcopyRecovery;
      const up = temporary ? Math.ceil(down + (f.durationMs as number) * 1e6 + this.c.postcopy_recover_ns + this.link.txNs(this.frames / 8) + 2 * this.link.oneWayNs) : -1;
      this.failDown.push(down);
      this.failUp.push(up);
      this.failState.push('not_reached');
      if (temporary) {
        windows.push([down, up]);
        this.q.push(down, EV_LINK_DOWN, i);
        this.q.push(up, EV_LINK_UP, i);
      } else this.q.push(down, EV_LINK_LOST, i);
    });
    this.link.setOutages(windows);
  }

  /**
   * The tables the VMM knows of are sent before the device state (option 3 of 001_): every page
   * of every table, minus the ITTs of the devices the list lacks (and their level-2 device table
   * when no known device shares it). Pages already on the target (pre-copy) are not sent again.
   */
  private preTransferGicPages(): void {
    if (this.local) return; // the source memory is local: nothing to send
    const gic = this.gic as GicLayout;
    const missing = new Set(this.spec.strategy.deviceRestore.preTransferMissingDevices);
    const knownL2 = new Set<number>();
    for (const d of gic.devices) if (!missing.has(d.deviceId)) knownL2.add(Math.floor(d.deviceId / 8192));
    let pre = 0;
    gic.tables.forEach((t, i) => {
      if (t.kind === 'itt' && missing.has(t.owner as number)) return;
      if (t.kind === 'device_table_l2' && !knownL2.has(t.owner as number)) return;
      this.restorePreTables.add(i);
      // On hugetlbfs only whole huge pages can be installed: the list sends the huge pages holding the tables.
      const [ta, tb] = tableFrames(t);
      const u = this.hugeFrames;
      const a = ta - (ta % u);
      const b = Math.min(this.frames, Math.ceil(tb / u) * u);
      for (let f = a; f < b; f++) {
        if (this.arrived.get(f) || (this.poisoned !== null && this.poisoned.get(f))) continue;
        this.arrived.set(f);
        this.sent.set(f);
        this.mapFrames(f, 1);
        this.arrivedCount++;
        this.pagesPre++;
        pre++;
      }
    });
    if (pre > 0) {
      this.link.sendMain(0, pre * FRAME);
      this.bytesPre += pre * FRAME;
    }
    this.restorePrePages = pre;
  }

  /**
   * The GIC/ITS restore before resume, in the order KVM documents (gic.ts): register writes
   * (KVM_SET_DEVICE_ATTR, kvm_device_attr_ns each), then KVM_DEV_ARM_ITS_RESTORE_TABLES, whose every
   * read goes through kvm_read_guest (kvm_read_guest_ns): a read of a page that has not arrived
   * faults on the device_restore path (vcpu -1) and the restore waits for it. Then GITS_CTLR, and
   * only then the vCPUs run.
   */
  private onRestore(t: number): void {
    if (this.over) return;
    const plan = this.plan as RestorePlan;
    const steps = plan.steps;
    const readNs = this.c.kvm_read_guest_ns;
    let now = t;
    while (this.rsStep < steps.length) {
      const k = this.rsStep;
      const st = steps[k];
      if (!this.rsInStep) {
        this.rsInStep = true;
        this.rsStepStart[k] = now;
        this.rsRead = st.readStart;
        if (k === plan.restoreTablesStep && this.spec.strategy.deviceRestore.vcpuStart === 'before_restore_tables') {
          this.phases.push({ name: 'vcpus_started', atNs: round(now) });
          const at = now + this.c.kvm_device_attr_ns;
          this.rsStepEnd[k] = at;
          this.now = Math.max(this.now, at);
          this.restoreFail(
            '-EBUSY',
            st.name,
            null,
            null,
            at,
            'KVM_DEV_ARM_ITS_RESTORE_TABLES returned -EBUSY: the vCPUs were started before the ITS tables were restored (strategy.deviceRestore.vcpuStart before_restore_tables), and KVM restores them only with every vCPU stopped',
          );
          return;
        }
        now += st.attrs * this.c.kvm_device_attr_ns;
      }
      while (this.rsRead < st.readEnd) {
        const i = this.rsRead;
        const f = plan.gfn[i];
        if (!this.rsReadDone) {
          const r = this.placement.frameToRank(f);
          if (this.index.has(r)) {
            this.restoreFaults++;
            this.rsStepFaults[k]++;
            this.raise(this.restoreActor, r, P_RESTORE, 0, now);
            return;
          }
        }
        this.rsReadDone = false;
        now += readNs;
        this.rsReads++;
        this.rsStepReads[k]++;
        this.rsPages.add(f);
        this.rsStepPages[k].add(f);
        if (i === plan.invalidAt) {
          this.rsStepEnd[k] = now;
          this.now = Math.max(this.now, now);
          this.restoreFail('-EINVAL', st.name, plan.table[i], f, now, `KVM_DEV_ARM_ITS_RESTORE_TABLES returned -EINVAL at gfn ${f} (${describeRead(plan.table[i], plan.owner[i])}): ${plan.invalidDetail}`);
          return;
        }
        this.rsRead++;
      }
      this.rsStepEnd[k] = now;
      this.rsInStep = false;
      this.rsStep++;
    }
    this.restoreEnd = now;
    this.resumeVcpus(now);
  }

  /** The restore failed: the migration fails, loudly, and nothing after resume runs. */
  private restoreFail(errno: '-EFAULT' | '-EINVAL' | '-EBUSY', step: string, table: number | null, gfn: number | null, at: number, what: string): void {
    this.restoreOutcome = 'failed';
    this.restoreErrno = errno;
    this.restoreFailedStep = step;
    this.restoreFailTable = table === null ? null : GIC_TABLES[table];
    this.restoreFailGfn = gfn;
    this.restoreEnd = at;
    this.violation({ kind: 'restore_failure', atNs: Math.ceil(at), gfn, vcpu: null, detail: what });
    this.fail(`device-state restore failed: ${what}; ${errno === '-EBUSY' ? 'the VMM aborts the migration' : 'the vCPUs never ran on the target'}`);
  }

  /**
   * Hybrid migration: rounds of pre-copy while the guest runs on the source and dirties its working
   * set. Round 1 sends all memory, each later round the pages dirtied during the previous one. Pages
   * dirtied during the last round are missing on the target at switchover.
   */
  private precopy(rounds: number, dirtyMiBps: number): void {
    const B = this.link.bytesPerNs;
    const W = this.wsFrames;
    const dirtyPerNs = (dirtyMiBps * 256) / 1e9; // frames per ns
    let sendFrames = this.frames - this.poisonedCount + this.poisonSentBeforePoison;
    let total = 0;
    const roundStarts: number[] = [];
    let lastDirtyProb = 0;
    for (let r = 0; r < rounds; r++) {
      roundStarts.push(total);
      const dur = (sendFrames * FRAME) / B + this.link.oneWayNs;
      this.bytesPre += sendFrames * FRAME;
      total += dur;
      lastDirtyProb = W > 0 ? 1 - Math.exp((-dirtyPerNs * dur) / W) : 0;
      sendFrames = Math.round(lastDirtyProb * W);
    }
    this.precopyNs = total;
    for (let r = 0; r < rounds; r++) this.phases.push({ name: `precopy_round_${r + 1}`, atNs: round(roundStarts[r] - total) });
    // Everything is on the target except the pages dirtied in the last round (sampled).
    this.arrived.setRange(0, this.frames);
    this.sent.setRange(0, this.frames);
    this.index.clearRange(0, this.frames);
    let dirty = 0;
    if (lastDirtyProb > 0) {
      let r = this.rng.geometric(lastDirtyProb) - 1;
      while (r < W) {
        const f = this.placement.rankToFrame(r);
        this.arrived.clear(f);
        this.sent.clear(f);
        this.index.set(r);
        dirty++;
        r += this.rng.geometric(lastDirtyProb);
      }
    }
    this.arrivedCount = this.frames - dirty;
    this.pagesPre = this.arrivedCount;
  }

  // ================================================================================================
  // Public surface
  // ================================================================================================

  next(maxEvents: number): FaultEventBatch | null {
    const want = Math.max(1, Math.floor(maxEvents));
    while (this.out.len < want && !this.over) this.step();
    if (this.out.len === 0) return null;
    const n = Math.min(want, this.out.len);
    const b = this.out.take(n, this.seq);
    this.seq += n;
    return b;
  }

  progress(): SimulationProgress {
    const phase = this.over ? (this.outcome === 'completed' ? 'completed' : 'failed') : this.now < this.resumeAt ? 'switchover' : this.finished ? 'completing' : 'postcopy';
    let block = 0;
    for (let v = 0; v < this.vcpus; v++) block += this.blockNs[v];
    return {
      simTimeNs: round(this.now),
      phase,
      pagesPresent: this.arrivedCount,
      pagesTotal: this.frames,
      faults: this.emitted,
      blocktimeNs: round(block),
    };
  }

  // ================================================================================================
  // Event loop
  // ================================================================================================

  private step(): void {
    const q = this.q;
    if (!q.pop()) {
      this.end();
      return;
    }
    const t = q.t;
    if (!this.finished && t - this.resumeAt > this.maxSimNs) {
      this.now = this.resumeAt + this.maxSimNs;
      this.stop(`limit: simulated time exceeded limits.maxSimulatedSeconds (${this.spec.limits.maxSimulatedSeconds} s) before every page arrived`);
      return;
    }
    if (t > this.now) this.now = t;
    switch (q.k) {
      case EV_START:
        this.onStart(t);
        break;
      case EV_ACCESS:
        if (q.g === this.aGen[q.a] && !this.finished) this.onAccess(q.a, t);
        break;
      case EV_READ:
        this.onRead(q.a, t);
        break;
      case EV_INSTALL:
        this.onInstall(q.a, t);
        break;
      case EV_BG_SEND:
        if (!this.finished) this.onBgSend(t);
        break;
      case EV_BG_INSTALL:
        this.onBgInstall(t);
        break;
      case EV_RESTORE:
        this.onRestore(t);
        break;
      case EV_LINK_DOWN:
        if (!this.finished) this.onFailureDown(q.a, t);
        break;
      case EV_LINK_LOST:
        if (!this.finished) this.onFailureLost(q.a, t);
        break;
      case EV_KHUGEPAGED:
        if (!this.finished) this.onKhugepaged(t);
        break;
      case EV_LINK_UP:
        if (this.failState[q.a] === 'paused') {
          this.failState[q.a] = 'recovered';
          if (--this.paused === 0) this.phases.push({ name: 'postcopy_recovered', atNs: round(t) });
        }
        break;
    }
  }

  /** A temporary failure: post-copy pauses; the requests in flight will be re-sent on recovery. */
  private onFailureDown(i: number, t: number): void {
    this.failState[i] = 'paused';
    if (this.paused++ === 0) this.phases.push({ name: 'postcopy_paused', atNs: round(t) });
    // Demand fetches requested and not yet arrived: QEMU re-sends those page requests on recovery.
    this.pending.forEach((_k, x) => {
      if (this.xRequested[x] === 1 && this.xArrival[x] > t) this.rerequested += this.xFrames[x];
    });
  }

  /** A permanent failure (or no recovery): the VM is lost with the pages that have not arrived. */
  private onFailureLost(i: number, t: number): void {
    const f = this.spec.network.failures[i];
    this.failState[i] = 'lost';
    this.phases.push({ name: 'postcopy_paused', atNs: round(t) });
    const missing = this.frames - this.poisonedCount - this.arrivedCount - this.pagesZeroFilled;
    this.pagesNeverArrived = missing;
    const after = `${f.afterResumeMs} ms after resume`;
    const what =
      f.durationMs === undefined
        ? f.component === 'source'
          ? `the source host failed for good ${after} (its memory is gone)`
          : `the link to the source failed for good ${after}`
        : `the ${f.component === 'source' ? 'source host' : 'link to the source'} failed ${after} and postcopy recovery is disabled (network.postcopyRecovery false)`;
    this.fail(`VM lost: ${what}, during post-copy; ${missing} page(s) never reached the target (the source held the rest of the memory)`);
  }

  private end(): void {
    if (this.over) return;
    this.over = true;
    if (!this.finished) {
      this.outcome = 'failed';
      const missing = this.frames - this.poisonedCount - this.arrivedCount - this.pagesZeroFilled;
      this.failureReason = `migration cannot complete: ${missing} pages never reached the target (background copy ${this.bgEnabled ? 'finished' : 'disabled'} and no further access faults on them)`;
      this.phases.push({ name: 'failed', atNs: round(this.now) });
    }
  }

  /**
   * The VM is lost (not a limit): the migration failed. Every fault still outstanding is reported,
   * loudly, as unresolved at the failure time.
   */
  private fail(reason: string): void {
    if (this.over) return;
    this.over = true;
    this.outcome = 'failed';
    this.failureReason = reason;
    this.phases.push({ name: 'failed', atNs: round(this.now) });
    for (let a = 0; a < this.aFault.length; a++) {
      const f = this.aFault[a];
      if (f >= 0 && this.fDone[f] === 0) this.resolve(f, Math.max(this.now, this.fRaised[f]), R_UNRESOLVED);
    }
  }

  private stop(reason: string): void {
    this.over = true;
    this.truncated = true;
    this.outcome = 'failed';
    this.failureReason = reason;
    this.phases.push({ name: 'failed', atNs: round(this.now) });
  }

  private complete(at: number): void {
    if (this.finished) return;
    // The migration cannot end before the VM runs on the target.
    const t = Math.max(at, this.resumeAt);
    this.finished = true;
    this.completedAt = t;
    this.phases.push({ name: 'completed', atNs: round(t) });
  }

  // ================================================================================================
  // Actors: drawing the next access
  // ================================================================================================

  private onStart(t: number): void {
    for (let a = 0; a < this.actors; a++) this.resume(a, t, t, -1, 0);
  }

  /** (Re)draws every access stream of an actor after it starts or resumes. */
  /**
   * (Re)draws the access streams of an actor when it starts (stream -1: all) or resumes after a
   * fault raised by `stream`. The other streams were paused while the actor stalled: their pending
   * candidate is shifted by the stall, which keeps its distribution (the number of accesses until
   * the next candidate is geometric, hence memoryless, and the fault probability only decreases).
   */
  private resume(a: number, tResolved: number, tNow: number, stream: number, stalled: number): void {
    if (this.aState[a] === ST_DONE) return;
    this.aState[a] = ST_RUNNING;
    const think = tResolved > this.resumeAt ? this.spec.workload.thinkTimeNs : 0;
    const base = a < this.vcpus ? tResolved + think : tResolved;
    if (stream <= 0) this.drawGuest(a, base);
    else this.gT[a] += stalled + think;
    if (a < this.vcpus) {
      if (stream === -1 || stream === 1) this.drawEmu(a, tResolved);
      else this.eT[a] += stalled + think;
      if (stream === -1 || stream === 2) this.drawKvm(a, tResolved);
      else this.kT[a] += stalled + think;
    }
    this.schedule(a, tNow);
  }

  private schedule(a: number, tNow: number): void {
    let t = this.gT[a];
    if (this.eT[a] < t) t = this.eT[a];
    if (this.kT[a] < t) t = this.kT[a];
    const g = ++this.aGen[a];
    if (t === Infinity) {
      if (this.gT[a] === Infinity && (this.pattern === 'demand_paging_test' || this.eT[a] === Infinity)) {
        // Nothing more this actor can fault on.
      }
      return;
    }
    this.q.push(t < tNow ? tNow : t, EV_ACCESS, a, g);
  }

  private drawGuest(a: number, base: number): void {
    if (a === this.vhostActor) {
      const d = this.guestDist ?? this.uniDist;
      this.gP0[a] = d.mass;
      this.gT[a] = d.mass > 0 ? base + this.rng.geometric(d.mass) * this.vPeriod : Infinity;
      return;
    }
    if (this.guestDist) {
      const p = this.guestDist.mass;
      this.gP0[a] = p;
      this.gT[a] = p > 0 ? base + this.rng.geometric(p) * this.gPeriod : Infinity;
      return;
    }
    const bits = this.index.bits;
    const lo = this.regLo[a];
    const hi = this.regHi[a];
    let cur = this.cursor[a];
    switch (this.pattern) {
      case 'demand_paging_test': {
        const r = cur < hi ? bits.nextSet(cur, hi) : -1;
        if (r < 0) {
          this.gT[a] = Infinity;
          this.aState[a] = ST_DONE;
          return;
        }
        this.gRank[a] = r;
        this.gT[a] = base + (r - cur + 1) * this.gPeriod;
        return;
      }
      case 'sequential': {
        if (cur >= hi) cur = lo;
        let r = bits.nextSet(cur, hi);
        let dist = r - cur;
        if (r < 0) {
          r = bits.nextSet(lo, cur);
          dist = hi - cur + (r - lo);
        }
        if (r < 0) {
          this.gT[a] = Infinity;
          return;
        }
        this.cursor[a] = cur;
        this.gRank[a] = r;
        this.gT[a] = base + (dist + 1) * this.gPeriod;
        return;
      }
      default: {
        // random_walk: sequential runs of geometric length, then a jump of up to RW_JUMP pages.
        if (this.index.countRange(lo, hi) === 0) {
          this.gT[a] = Infinity;
          return;
        }
        let steps = 0;
        let end = this.runEnd[a];
        const size = hi - lo;
        for (let i = 0; i < RW_MAX_RUNS_PER_DRAW; i++) {
          if (cur >= end || cur >= hi) {
            const jump = this.rng.below(2 * RW_JUMP + 1) - RW_JUMP;
            cur = lo + ((((cur - lo + jump) % size) + size) % size);
            end = Math.min(hi, cur + this.rng.geometric(1 / RW_RUN_MEAN));
          }
          const r = bits.nextSet(cur, end);
          if (r >= 0) {
            steps += r - cur + 1;
            this.cursor[a] = cur;
            this.runEnd[a] = end;
            this.gRank[a] = r;
            this.gT[a] = base + steps * this.gPeriod;
            return;
          }
          steps += end - cur;
          cur = end;
        }
        // Nothing found within the budget: continue the walk from there later (no fault).
        this.cursor[a] = cur;
        this.runEnd[a] = end;
        this.gRank[a] = -1;
        this.gT[a] = base + steps * this.gPeriod;
      }
    }
  }

  private drawEmu(a: number, base: number): void {
    const p = this.uniDist.mass;
    this.eP0[a] = p;
    this.eT[a] = p > 0 && this.ePeriod < Infinity ? base + this.rng.geometric(p) * this.ePeriod : Infinity;
  }

  private pvMissing(a: number): number {
    let m = 0;
    for (let i = 0; i < PV_PAGES; i++) if (this.index.has(this.pvRanks[a * PV_PAGES + i])) m++;
    return m;
  }

  private drawKvm(a: number, base: number): void {
    const p = this.pvMissing(a) / PV_PAGES;
    this.kP0[a] = p;
    this.kT[a] = p > 0 && this.kPeriod < Infinity ? base + this.rng.geometric(p) * this.kPeriod : Infinity;
  }

  private onAccess(a: number, t: number): void {
    if (this.aState[a] !== ST_RUNNING) return;
    const g = this.gT[a];
    const e = this.eT[a];
    const k = this.kT[a];
    let stream: Stream = 0;
    if (e < g && e <= k) stream = 1;
    else if (k < g && k < e) stream = 2;
    const rng = this.rng;
    if (stream === 0) {
      const isVhost = a === this.vhostActor;
      const dist = isVhost ? (this.guestDist ?? this.uniDist) : this.guestDist;
      if (dist) {
        const p1 = dist.mass;
        if (p1 > 0 && rng.float32() * this.gP0[a] < p1) {
          const rank = dist.pick(rng, this.index);
          const write = rng.float32() < this.writeRatio ? 1 : 0;
          let path = isVhost ? P_VHOST : P_VCPU;
          if (!isVhost && this.nestedShare > 0 && rng.float32() < this.nestedShare) path = P_NESTED;
          this.aStream[a] = 0;
          this.raise(a, rank, path, write, t);
          return;
        }
        this.drawGuest(a, t);
      } else {
        const r = this.gRank[a];
        if (r >= 0 && this.index.has(r)) {
          this.cursor[a] = r + 1;
          const write = rng.float32() < this.writeRatio ? 1 : 0;
          const path = this.nestedShare > 0 && rng.float32() < this.nestedShare ? P_NESTED : P_VCPU;
          this.aStream[a] = 0;
          this.raise(a, r, path, write, t);
          return;
        }
        if (r >= 0) this.cursor[a] = r + 1;
        this.drawGuest(a, t);
      }
    } else if (stream === 1) {
      const p1 = this.uniDist.mass;
      if (p1 > 0 && rng.float32() * this.eP0[a] < p1) {
        const rank = this.uniDist.pick(rng, this.index);
        this.aStream[a] = 1;
        this.raise(a, rank, P_EMULATION, 0, t);
        return;
      }
      this.drawEmu(a, t);
    } else {
      const m = this.pvMissing(a);
      if (m > 0 && rng.float32() * this.kP0[a] < m / PV_PAGES) {
        let pick = rng.below(m);
        for (let i = 0; i < PV_PAGES; i++) {
          const r = this.pvRanks[a * PV_PAGES + i];
          if (this.index.has(r) && pick-- === 0) {
            this.aStream[a] = 2;
            this.raise(a, r, P_KVM_USER, 1, t);
            return;
          }
        }
      }
      this.drawKvm(a, t);
    }
    this.schedule(a, t);
  }

  // ================================================================================================
  // Faults
  // ================================================================================================

  private allocFault(): number {
    const id = this.faultPool.alloc();
    if (id >= this.fActor.length) {
      this.fActor = growI32(this.fActor, id);
      this.fFrame = growF64(this.fFrame, id);
      this.fPath = growU8(this.fPath, id);
      this.fMech = growU8(this.fMech, id);
      this.fWrite = growU8(this.fWrite, id);
      this.fUffd = growU8(this.fUffd, id);
      this.fInQueue = growU8(this.fInQueue, id);
      this.fDone = growU8(this.fDone, id);
      this.fRaised = growF64(this.fRaised, id);
      this.fThread = growI32(this.fThread, id);
      this.fNext = growI32(this.fNext, id);
      this.fFetch = growI32(this.fFetch, id);
    }
    return id;
  }

  private allocFetch(start: number, frames: number, exit: boolean, mech: number): number {
    const id = this.fetchPool.alloc();
    if (id >= this.xStart.length) {
      this.xStart = growF64(this.xStart, id);
      this.xFrames = growF64(this.xFrames, id);
      this.xExit = growU8(this.xExit, id);
      this.xMech = growU8(this.xMech, id);
      this.xRequested = growU8(this.xRequested, id);
      this.xRequester = growI32(this.xRequester, id);
      this.xWait = growI32(this.xWait, id);
      this.xSuper = growU8(this.xSuper, id);
      this.xLocalContent = growU8(this.xLocalContent, id);
      this.xFillStart = growF64(this.xFillStart, id);
      this.xFillEnd = growF64(this.xFillEnd, id);
      this.xArrival = growF64(this.xArrival, id);
    }
    this.xStart[id] = start;
    this.xFrames[id] = frames;
    this.xExit[id] = exit ? 1 : 0;
    this.xMech[id] = mech;
    this.xRequested[id] = 0;
    this.xRequester[id] = -1;
    this.xWait[id] = -1;
    this.xSuper[id] = 0;
    this.xLocalContent[id] = 0;
    this.xFillStart[id] = 0;
    this.xFillEnd[id] = 0;
    this.xArrival[id] = 0;
    this.pending.set(this.key(start, frames), id);
    return id;
  }

  private key(start: number, frames: number): number {
    return start * 2 + (frames > 1 ? 1 : 0);
  }

  /** A pending fetch that will make `frame` present for a fault needing `frames` frames, or -1. */
  private findFetch(frame: number, frames: number): number {
    if (this.pending.size === 0) return -1;
    if (frames === 1) {
      const x = this.pending.get(frame * 2);
      if (x >= 0) return x;
    }
    if (this.hugeFrames > 1) {
      const hs = frame - (frame % this.hugeFrames);
      return this.pending.get(hs * 2 + 1);
    }
    return -1;
  }

  private addWaiter(x: number, f: number): void {
    this.fNext[f] = this.xWait[x];
    this.xWait[x] = f;
    this.fFetch[f] = x;
  }

  private readonly log2Table = Float64Array.from({ length: 4096 }, (_, i) => (i > 0 ? Math.log2(i) : 0));

  private log2Of(n: number): number {
    return n < 4096 ? this.log2Table[n] : Math.log2(n);
  }

  /** Contention-inflated hold of the uffd wait-queue spinlock starting no earlier than t. */
  private lock(t: number, hold: number): number {
    const start = t > this.lockFreeAt ? t : this.lockFreeAt;
    const w = this.uffdWaiters;
    const end = start + hold + (w > 1 ? this.c.lock_bounce_per_log2_contender_ns * this.log2Of(w) : 0);
    this.lockFreeAt = end;
    return end;
  }

  /**
   * Completion time of installing `frames` frames starting at t: page-cache fill if needed, the
   * serialized part of the ioctl (mmap_lock / page-cache cache lines, a FIFO resource when `queue`),
   * the ioctl itself and its contention with the other faulting threads.
   */
  private installEnd(t: number, mech: number, frames: number, contentLocal: boolean, exit: boolean, queue: boolean): number {
    const c = this.c;
    const m = exit ? this.fallbackCode : mech;
    let ioctl: number;
    let pre = 0;
    if (m === M_MISSING) {
      ioctl = frames === 1 ? c.uffdio_copy_4k_ns : frames === 512 ? c.uffdio_copy_2m_ns : frames === 262144 ? c.uffdio_copy_1g_ns : c.uffdio_copy_4k_ns * frames;
    } else {
      ioctl = frames === 1 ? c.uffdio_continue_4k_ns : frames === 512 ? c.uffdio_continue_2m_ns : frames === 262144 ? c.uffdio_continue_1g_ns : c.uffdio_continue_4k_ns * frames;
      if (!contentLocal) pre = c.page_cache_write_per_kib_ns * frames * 4;
    }
    const bounce = this.blocked > 1 ? c.mmap_lock_bounce_per_log2_vcpu_ns * this.log2Of(this.blocked) : 0;
    const hold = c.mmap_lock_hold_ns;
    // The page-cache fill window (write() before UFFDIO_CONTINUE): the folio is in the cache but
    // only partly written.
    this.lastFillStart = t;
    this.lastFillEnd = t + pre;
    let s = t + pre;
    if (queue) {
      if (this.mmFreeAt > s) s = this.mmFreeAt;
      this.mmFreeAt = s + hold;
    }
    return s + hold + ioctl + bounce;
  }

  private raise(a: number, rank: number, path: number, write: number, t: number): void {
    const frame = this.placement.rankToFrame(rank);
    const mech = this.pathMech[path];
    const exit = this.pathExit[path] === 1;
    const f = this.allocFault();
    this.fActor[f] = a;
    this.fFrame[f] = frame;
    this.fPath[f] = path;
    this.fMech[f] = mech === NO_MECH ? MECH[this.primary] : mech;
    this.fWrite[f] = write;
    this.fUffd[f] = exit ? 0 : 1;
    this.fInQueue[f] = 0;
    this.fDone[f] = 0;
    this.fRaised[f] = Math.ceil(t); // whole ns, as stored
    this.fThread[f] = -1;
    this.fNext[f] = -1;
    this.fFetch[f] = -1;
    this.aState[a] = ST_BLOCKED;
    this.aFault[a] = f;
    this.blocked++;
    const c = this.c;
    const entry = path === P_VCPU || path === P_NESTED ? c.ept_violation_ns : 0;
    if (this.poisoned !== null && this.poisoned.get(frame)) {
      this.poisonFault(f, frame, entry, exit, t);
      return;
    }
    if (mech === NO_MECH) {
      this.unservedFault(f, frame, path, t);
      return;
    }
    if (exit) {
      const tx = t + entry + c.exit_to_userspace_ns;
      const x0 = this.findFetch(frame, 1);
      if (x0 >= 0) {
        if (this.partialRead(x0, f, frame, t)) return;
        this.addWaiter(x0, f);
        return;
      }
      const x = this.allocFetch(frame, 1, true, mech);
      this.addWaiter(x, f);
      this.xRequested[x] = 1;
      this.xRequester[x] = f;
      this.request(x, tx);
      return;
    }
    // userfaultfd
    const units = this.hugeFrames;
    const start = frame - (frame % units);
    let x = this.findFetch(frame, units);
    if (x >= 0 && this.partialRead(x, f, frame, t)) return;
    const t1 = t + entry + c.gup_slow_path_ns;
    const herd = c.uffd_poll_herd_per_reader_ns * Math.max(0, this.idleLen - 1);
    const tq = this.lock(t1, c.uffd_enqueue_ns + herd);
    this.uffdWaiters++;
    if (x < 0) x = this.allocFetch(start, units, false, mech);
    this.addWaiter(x, f);
    this.fInQueue[f] = 1;
    this.msgQueue.push(f);
    if (this.idleLen > 0) {
      // The handler idle the longest takes it: at once if it is still finishing its previous
      // message, otherwise after it is woken from poll().
      const h = this.idleQ[this.idleHead];
      this.idleHead = (this.idleHead + 1) % this.handlerCount;
      this.idleLen--;
      const free = this.hFreeAt[h];
      this.q.push(free > tq ? free : tq + c.handler_wakeup_ns, EV_READ, h);
    }
  }

  private pushIdle(h: number, freeAt: number): void {
    this.hFreeAt[h] = freeAt;
    this.idleQ[(this.idleHead + this.idleLen) % this.handlerCount] = h;
    this.idleLen++;
  }

  /** Handler h is done at `free`: it reads the next message then, or goes back to poll(). */
  private handlerDone(h: number, free: number): void {
    if (this.msgHead < this.msgQueue.length) this.q.push(free, EV_READ, h);
    else this.pushIdle(h, free);
  }

  /**
   * An access to a poisoned gfn (domain.md section 5). With UFFDIO_POISON the access hits the poison
   * PTE marker: the fault returns VM_FAULT_HWPOISON and KVM has the machine check injected, with no
   * uffd round trip; after a zap or a hole punch it is an ordinary missing-page fault (uffd round
   * trip, or a KVM exit) that the VMM answers with an injected machine check (MCE on x86_64, SEA on
   * arm64). Without RAS support in the guest the machine check cannot be delivered: the VM stops.
   * With no interception (`none`) the VMM requests the page and the source, which cannot read it,
   * answers with a zero page: the guest reads healthy memory where its data was poisoned. A frame the
   * target still maps (sent by pre-copy before the poison, not zapped) is simply read: an escape,
   * with no fault at all. Either way nothing crosses the link, and the guest stops using the page.
   */
  private poisonFault(f: number, frame: number, entry: number, exit: boolean, t: number): void {
    const c = this.c;
    const a = this.fActor[f];
    const vcpu = a < this.vcpus ? a : null;
    const uffdTrip = c.gup_slow_path_ns + c.uffd_enqueue_ns + c.handler_wakeup_ns + c.uffd_read_ns + c.uffd_wake_ns + c.vcpu_wakeup_ns;
    const exitTrip = c.exit_to_userspace_ns + c.vcpu_reentry_ns;
    let at: number;
    let res: number;
    let escape = '';
    if (this.poisonMapped !== null && this.poisonMapped.get(frame)) {
      at = t;
      res = R_ESCAPE;
      escape =
        this.poisonHandling === 'uffdio_poison'
          ? 'a poisoned page was read as healthy memory: pre-copy had sent it before the poison and the target still maps that copy (UFFDIO_POISON returned -EEXIST on the mapped page; it must be zapped first)'
          : 'a poisoned page was read as healthy memory: pre-copy had sent it before the poison and the target still maps that copy (poisonHandling none)';
    } else if (this.poisonHandling === 'uffdio_poison' && !exit) {
      at = t + entry + c.gup_slow_path_ns + c.mce_inject_ns + c.vcpu_reentry_ns;
      res = R_MCE;
    } else if (this.poisonHandling !== 'none') {
      at = t + entry + (exit ? exitTrip : uffdTrip) + c.mce_inject_ns;
      res = R_MCE;
    } else {
      const rtt = this.local ? 0 : 2 * this.link.oneWayNs + c.request_send_ns + c.fetch_service_ns;
      at = t + entry + (exit ? exitTrip : uffdTrip) + rtt + c.uffdio_copy_4k_ns;
      res = R_ESCAPE;
      escape = 'a poisoned page was read as healthy memory: nothing intercepted the access (poisonHandling none) and the source answered the request with a zero page';
    }
    if (res === R_MCE) {
      if (vcpu !== null && !this.spec.vm.ras) {
        const mc = this.spec.vm.arch === 'arm64' ? 'SEA (synchronous external abort)' : 'machine check (MCE)';
        this.fail(`VM stopped: vCPU ${vcpu} accessed poisoned gfn ${frame}, and the guest has no RAS support (vm.ras false), so the ${mc} cannot be delivered`);
        return;
      }
      this.machineChecks++;
    } else {
      this.poisonEscapes++;
      this.violation({ kind: 'poison_escape', atNs: Math.ceil(at), gfn: frame, vcpu, detail: escape });
    }
    // The guest will not touch the page again (it took a machine check, or it now holds other data).
    this.mapFrames(frame, 1);
    this.resolve(f, at, res);
  }

  /**
   * guest_memfd write() + UFFDIO_CONTINUE (003_): while write() fills the folio it is already in
   * the page cache, so a concurrent access finds a page-cache hit and no MISSING fault fires. Unless
   * the fault path also checks that the folio is up to date, the access maps the half-written page.
   * Returns true (and records the violation) when that happens.
   */
  private partialRead(x: number, f: number, frame: number, t: number): boolean {
    // Only a page-cache based check (a uffd MISSING fault) can be fooled; a KVM exit consults its own bitmap.
    if (this.gmemUptodateCheck || this.fUffd[f] === 0) return false;
    const m = this.xExit[x] === 1 ? this.fallbackCode : this.xMech[x];
    if (m !== this.writeContinueCode || this.xLocalContent[x] === 1) return false;
    if (!(t >= this.xFillStart[x] && t < this.xFillEnd[x])) return false;
    const a = this.fActor[f];
    this.violation({
      kind: 'partial_page_read',
      atNs: Math.ceil(t),
      gfn: frame,
      vcpu: a < this.vcpus ? a : null,
      detail: 'guest_memfd write() + UFFDIO_CONTINUE: a concurrent access saw the folio in the page cache while write() was still filling it (no up-to-date check)',
    });
    this.resolve(f, t + 1, R_PARTIAL);
    return true;
  }

  /**
   * A fault on a path nothing serves (a KVM mechanism with uffdMode "none": only the vCPU path is
   * covered). KVM's own accesses (device restore, copy_to/from_user, emulation, nested walks) see a
   * gfn its demand-paging interface marks missing and fail with -EFAULT: the restore fails, or
   * KVM_RUN fails and the VM is lost. A userspace (vhost/VMM) access to a page nobody intercepts is
   * filled with zeros by the kernel: the VMM silently works on a zero page (zero_page_exposed).
   */
  private unservedFault(f: number, frame: number, path: number, t: number): void {
    const a = this.fActor[f];
    if (path === P_VHOST) {
      const at = t + this.c.gup_slow_path_ns + this.c.uffdio_copy_4k_ns;
      this.violation({
        kind: 'zero_page_exposed',
        atNs: Math.ceil(at),
        gfn: frame,
        vcpu: null,
        detail: 'a vhost/VMM userspace access to a missing page was not intercepted (no userfaultfd): the kernel mapped a zero-filled page',
      });
      // The zero page now occupies the gfn: the real content is never installed.
      if (this.arrived.setRange(frame, frame + 1) === 1) this.pagesZeroFilled++;
      this.sent.set(frame);
      this.mapFrames(frame, 1);
      this.resolve(f, at, R_ZERO_FILL);
      if (this.allArrived()) this.complete(Math.ceil(at));
      return;
    }
    const at = t + 1;
    this.resolve(f, at, R_UNRESOLVED);
    if (path === P_RESTORE) {
      const plan = this.plan as RestorePlan;
      const i = this.rsRead;
      this.rsStepEnd[this.rsStep] = at;
      this.now = Math.max(this.now, at);
      this.restoreFail(
        '-EFAULT',
        plan.steps[this.rsStep].name,
        plan.table[i],
        frame,
        at,
        `KVM_DEV_ARM_ITS_RESTORE_TABLES returned -EFAULT: kvm_read_guest of gfn ${frame} (${describeRead(plan.table[i], plan.owner[i])}) hit a page that has not arrived, and nothing can fetch it (${this.primary} covers only the vCPU fault path and strategy.uffdMode is none)`,
      );
    } else {
      const name = FAULT_PATHS[path];
      this.fail(`VM lost: KVM ${name} access to missing gfn ${frame} failed with -EFAULT (only the vCPU fault path is covered: ${this.primary} with uffdMode none)`);
    }
    void a;
  }

  /** Issues the fetch of `x` at time t: a local install (returns its end) or a request over the link (returns -1). */
  private request(x: number, t: number): number {
    const c = this.c;
    const exit = this.xExit[x] === 1;
    const start = this.xStart[x];
    const frames = this.xFrames[x];
    // MINOR: content already in the target page cache needs only UFFDIO_CONTINUE.
    const contentHere = this.minorOrContinue(x) && this.arrived.countRange(start, start + frames) === frames;
    if (this.local || contentHere) {
      this.xLocalContent[x] = contentHere || this.isContinueMech(x) ? 1 : 0;
      const installAt = this.installEnd(t, this.xMech[x], frames, this.xLocalContent[x] === 1, exit, true);
      this.xFillStart[x] = this.lastFillStart;
      this.xFillEnd[x] = this.lastFillEnd;
      this.q.push(installAt, EV_INSTALL, x);
      return installAt;
    }
    // The request reaches the source one way later; its service and the channel are reserved now
    // (requests leave in time order, so the FIFO order of source and channels is kept).
    this.onRequest(x, this.link.message(t + c.request_send_ns));
    return -1;
  }

  private isContinueMech(x: number): boolean {
    return (this.xExit[x] === 1 ? this.fallbackCode : this.xMech[x]) !== M_MISSING;
  }

  /** MINOR: content that already arrived in the page cache only needs UFFDIO_CONTINUE. */
  private minorOrContinue(x: number): boolean {
    return this.minorPrimary || (this.xExit[x] === 1 ? this.fallbackCode : this.xMech[x]) === M_MINOR;
  }

  private onRead(h: number, t: number): void {
    const c = this.c;
    if (this.msgHead >= this.msgQueue.length) {
      this.pushIdle(h, t);
      return;
    }
    const f = this.msgQueue[this.msgHead++];
    if (this.msgHead > 4096 && this.msgHead * 2 > this.msgQueue.length) {
      this.msgQueue.splice(0, this.msgHead);
      this.msgHead = 0;
    }
    this.fInQueue[f] = 0;
    const lockEnd = this.lock(t, c.uffd_read_lock_ns);
    const tr = Math.max(lockEnd, t + c.uffd_read_ns);
    if (this.fDone[f] === 1) {
      // Already woken (the page arrived meanwhile): the handler just drops the message.
      this.faultPool.release(f);
      this.handlerDone(h, tr);
      return;
    }
    this.fThread[f] = h;
    const x = this.fFetch[f];
    let handlerFree = tr;
    if (this.xRequested[x] === 0) {
      this.xRequested[x] = 1;
      this.xRequester[x] = f;
      const installAt = this.request(x, tr);
      // A local install (local source, or UFFDIO_CONTINUE of cached content) keeps the handler busy
      // until it has installed the page and woken the waiters; a remote fetch only until the request is sent.
      handlerFree = installAt >= 0 ? installAt + c.uffd_wake_ns : tr + c.request_send_ns;
    }
    this.handlerDone(h, handlerFree);
  }

  /** The request reaches the source: queue the page on a channel. */
  private onRequest(x: number, t: number): void {
    const c = this.c;
    const start = this.xStart[x];
    const frames = this.xFrames[x];
    const s = Math.max(t, this.sourceFreeAt) + c.fetch_service_ns;
    this.sourceFreeAt = s;
    this.sent.setRange(start, start + frames);
    const bytes = frames * FRAME;
    if (this.poisoned !== null) this.checkNoPoisonSent(start, start + frames, s, 'a demand fetch');
    this.bytesDemand += bytes;
    if (this.bgNear) this.bgCursor = start + frames;
    let installAt: number;
    const exit = this.xExit[x] === 1;
    const mech = this.xMech[x];
    if (this.preempt) {
      const arrival = this.link.sendUrgent(s, bytes);
      this.xArrival[x] = arrival;
      if (exit) installAt = this.installEnd(arrival, mech, frames, false, true, false);
      else {
        installAt = this.installEnd(Math.max(arrival, this.recvUrgentFreeAt), mech, frames, false, false, false);
        this.recvUrgentFreeAt = installAt;
      }
    } else {
      const arrival = this.link.sendMain(s, bytes);
      this.xArrival[x] = arrival;
      if (exit) installAt = this.installEnd(arrival, mech, frames, false, true, false);
      else {
        installAt = this.installEnd(Math.max(arrival, this.recvMainFreeAt), mech, frames, false, false, false);
        this.recvMainFreeAt = installAt;
      }
    }
    if (this.link.cut) this.onCut(frames);
    this.xFillStart[x] = this.lastFillStart;
    this.xFillEnd[x] = this.lastFillEnd;
    this.q.push(installAt, EV_INSTALL, x);
  }

  /** A transfer of `frames` frames was in flight when an outage began: it is sent again after recovery. */
  private onCut(frames: number): void {
    this.link.cut = false;
    this.resentPages += frames;
    this.bytesResent += frames * FRAME;
  }

  /**
   * Self-check of domain.md section 7 ("a poisoned page never travels"): nothing ever sends a
   * poisoned frame after the poison (they are marked sent at the source). A hit is a simulator bug.
   */
  private checkNoPoisonSent(a: number, b: number, t: number, by: string): void {
    const n = (this.poisoned as Bitmap).countRange(a, b);
    if (n === 0) return;
    this.poisonBytesSent += n * FRAME;
    this.violation({ kind: 'poison_transferred', atNs: Math.ceil(t), gfn: a, vcpu: null, detail: `${by} carried ${n} poisoned page(s) (simulator bug)` });
  }

  /** Frames [start, start+n) stop faulting for the guest. */
  private mapFrames(start: number, n: number): void {
    const r = this.placement.frameToRank(start);
    const removed = this.index.clearRange(r, r + n);
    if (removed > 0) for (const d of this.dists) d.onCleared(r, r + n, this.index, removed);
  }

  private onInstall(x: number, t: number): void {
    const start = this.xStart[x];
    const frames = this.xFrames[x];
    if (this.xSuper[x] === 1) {
      // The background copy installed it first: our UFFDIO_COPY returns -EEXIST.
      this.eexist++;
      this.fetchPool.release(x);
      return;
    }
    const fresh = this.arrived.setRange(start, start + frames);
    if (fresh === 0 && this.xLocalContent[x] === 0 && !this.local) this.eexist++;
    this.arrivedCount += fresh;
    this.pagesDemand += fresh;
    if (this.restoreActor >= 0 && this.fActor[this.xRequester[x]] === this.restoreActor) this.restoreFetched += fresh;
    this.mapFrames(start, frames);
    this.pending.delete(this.key(start, frames));
    this.wake(x, t, false);
    this.fetchPool.release(x);
    if (this.allArrived()) this.complete(t);
  }

  /** Wakes every waiter of fetch x at time t (early: the background copy got there first). */
  private wake(x: number, t: number, early: boolean): void {
    const c = this.c;
    const requester = this.xRequester[x];
    let uffdWaiting = 0;
    for (let f = this.xWait[x]; f >= 0; f = this.fNext[f]) if (this.fUffd[f] === 1) uffdWaiting++;
    let uffdWakeAt = t;
    if (uffdWaiting > 0) {
      uffdWakeAt = this.lock(t, c.uffd_wake_ns + c.uffd_wake_scan_per_waiter_ns * this.uffdWaiters) + c.vcpu_wakeup_ns;
      this.uffdWaiters -= uffdWaiting;
    }
    let f = this.xWait[x];
    this.xWait[x] = -1;
    while (f >= 0) {
      const nextF = this.fNext[f];
      let at: number;
      let res: number;
      if (this.fUffd[f] === 1) {
        at = uffdWakeAt;
        if (early) res = R_EEXIST;
        else if (f === requester) {
          const m = this.fMech[f];
          res = m === M_MISSING ? R_COPY : m === M_MINOR ? R_CONTINUE : R_WRITE_CONTINUE;
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

  private violation(v: Violation): void {
    this.violationCount++;
    this.violationKinds.set(v.kind, (this.violationKinds.get(v.kind) ?? 0) + 1);
    if (this.violations.length < MAX_LISTED_VIOLATIONS) this.violations.push(v);
  }

  private resolve(f: number, at: number, res: number): void {
    at = Math.ceil(at); // whole ns, as stored; ceil keeps every vCPU's time monotonic
    const a = this.fActor[f];
    const raised = this.fRaised[f];
    const lat = at - raised;
    const vcpu = a < this.vcpus ? a : -1;
    const frame = this.fFrame[f];
    if ((res !== R_MCE && res !== R_ESCAPE && res !== R_UNRESOLVED && res !== R_PARTIAL && !this.arrived.get(frame)) || at < raised) {
      // Self-check of domain.md section 7: a thread never runs on a page that is not present.
      this.violation({ kind: 'ran_on_missing_page', atNs: round(at), gfn: frame, vcpu: vcpu >= 0 ? vcpu : null, detail: 'a fault was resolved before its page was present (simulator bug)' });
    }
    const mech = this.fMech[f];
    const exit = this.fUffd[f] === 0;
    const shift = exit || this.hugeFrames === 1 ? 12 : this.pageShift;
    this.out.push(vcpu, this.fThread[f], frame, shift, this.fWrite[f], this.fPath[f], mech, res, raised, at);
    this.emitted++;
    const bucket = bucketOf(lat);
    this.latAll.addInBucket(bucket, lat);
    this.latPath[this.fPath[f]].addInBucket(bucket, lat);
    this.latMech[mech].addInBucket(bucket, lat);
    this.resCount[res]++;
    if (vcpu >= 0) {
      this.blockNs[vcpu] += lat;
      this.vFaults[vcpu]++;
      if (at > this.vLast[vcpu]) this.vLast[vcpu] = at;
    }
    this.fDone[f] = 1;
    this.blocked--;
    this.aFault[a] = -1;
    if (this.fInQueue[f] === 0) this.faultPool.release(f);
    if (this.emitted >= this.maxEvents && !this.over) {
      this.stop(`limit: reached limits.maxFaultEvents (${this.maxEvents}) before the migration finished`);
      return;
    }
    if (a === this.restoreActor) {
      if (res !== R_UNRESOLVED) {
        // The faulting read completes once its page is served (or, with a partial_read, once it
        // read whatever was there).
        this.rsReadDone = true;
        this.restoreStall += lat;
        this.rsStepStall[this.rsStep] += lat;
        this.q.push(at, EV_RESTORE, 0);
      }
      return;
    }
    if (!this.finished) this.resume(a, at, this.now, this.aStream[a], lat);
    else this.aState[a] = ST_DONE;
  }

  // ================================================================================================
  // Background copier
  // ================================================================================================

  private onBgSend(t: number): void {
    if (this.bgDone) return;
    const N = this.frames;
    let s = this.sent.nextClear(this.bgCursor, N);
    if (s < 0) s = this.sent.nextClear(0, N);
    if (s < 0) {
      this.bgDone = true;
      return;
    }
    // A chunk: a run of unsent frames inside one uffd unit (hugetlbfs) or one placement block.
    const span = this.hugeFrames > 1 ? this.hugeFrames : Math.min(BG_CHUNK_FRAMES, this.placement.blockFrames);
    const limit = s - (s % span) + span;
    let e = this.sent.nextSet(s, limit);
    if (e < 0) e = limit;
    this.sent.setRange(s, e);
    this.bgCursor = e;
    const bytes = (e - s) * FRAME;
    this.bytesBackground += bytes;
    if (this.poisoned !== null) this.checkNoPoisonSent(s, e, t, 'the background copy');
    const arrival = this.link.sendMain(t, bytes);
    const n = e - s;
    if (this.link.cut) this.onCut(n);
    let cost: number;
    if (this.minorPrimary) cost = this.c.page_cache_write_per_kib_ns * n * 4;
    else if (n === this.hugeFrames) cost = this.installEnd(0, M_MISSING, n, false, false, false);
    else cost = this.installEnd(0, M_MISSING, 1, false, false, false) * n;
    const installAt = Math.max(arrival, this.recvMainFreeAt) + cost;
    this.recvMainFreeAt = installAt;
    this.bgQStart.push(s);
    this.bgQEnd.push(e);
    this.q.push(installAt, EV_BG_INSTALL, 0);
    // The copier writes as fast as the socket takes data (it keeps send_buffer_kib queued on the
    // main channel); bandwidthShare < 1 paces it like QEMU's max-postcopy-bandwidth, with bursts of
    // at most one socket buffer.
    const tx = this.link.txNs(bytes);
    this.bgPace = Math.max(this.bgPace, t - this.bufferNs) + tx / this.bgShare;
    let next = this.bgPace - this.bufferNs;
    const sockFull = this.link.main.freeAt - this.bufferNs;
    if (sockFull > next) next = sockFull;
    if (next < t) next = t;
    const recvFull = this.recvMainFreeAt - this.bufferNs - this.link.oneWayNs;
    if (recvFull > next) next = recvFull;
    this.q.push(next, EV_BG_SEND, 0);
  }

  private onBgInstall(t: number): void {
    const s = this.bgQStart[this.bgQHead];
    const e = this.bgQEnd[this.bgQHead];
    this.bgQHead++;
    if (this.bgQHead > 4096 && this.bgQHead * 2 > this.bgQStart.length) {
      this.bgQStart.splice(0, this.bgQHead);
      this.bgQEnd.splice(0, this.bgQHead);
      this.bgQHead = 0;
    }
    const fresh = this.arrived.setRange(s, e);
    if (this.hugeFrames > 1) {
      if (fresh < e - s) this.eexist++; // one UFFDIO_COPY per huge page
    } else this.eexist += e - s - fresh;
    this.arrivedCount += fresh;
    this.pagesBackground += fresh;
    if (!this.minorPrimary) {
      this.mapFrames(s, e - s);
      this.supersede(s, e, t);
    }
    if (this.allArrived()) this.complete(t);
  }

  /** Pending fetches inside [s, e) are satisfied by the background copy: wake their waiters. */
  private supersede(s: number, e: number, t: number): void {
    if (this.pending.size === 0) return;
    let n = 0;
    const hit = this.hitBuf.length >= this.pending.size ? this.hitBuf : (this.hitBuf = new Int32Array(this.pending.size * 2));
    if (e - s > 4096) {
      // A huge chunk: look at the (few) pending fetches instead of every frame.
      this.pending.forEach((_k, x) => {
        if (this.xStart[x] >= s && this.xStart[x] + this.xFrames[x] <= e) hit[n++] = x;
      });
      hit.subarray(0, n).sort((a, b) => this.xStart[a] - this.xStart[b] || this.xFrames[a] - this.xFrames[b]);
    } else {
      for (let f = s; f < e; f++) {
        const x = this.pending.get(f * 2);
        if (x >= 0) hit[n++] = x;
        if (this.hugeFrames > 1 && f % this.hugeFrames === 0 && f + this.hugeFrames <= e) {
          const y = this.pending.get(f * 2 + 1);
          if (y >= 0) hit[n++] = y;
        }
      }
    }
    for (let i = 0; i < n; i++) {
      const x = hit[i];
      this.pending.delete(this.key(this.xStart[x], this.xFrames[x]));
      this.wake(x, t, true);
      if (this.xRequested[x] === 1) this.xSuper[x] = 1;
      else this.fetchPool.release(x);
    }
  }


  // ================================================================================================
  // Result
  // ================================================================================================

  result(): MigrationResult {
    if (!this.over) throw new Error('result() is only available after next() has returned null');
    const endAt = this.finished ? this.completedAt : this.now;
    const byPath: Record<string, ReturnType<LatencyHistogram['summary']>> = {};
    FAULT_PATHS.forEach((p, i) => {
      if (this.latPath[i].count > 0) byPath[p] = this.latPath[i].summary();
    });
    const byMechanism: Record<string, ReturnType<LatencyHistogram['summary']>> = {};
    MECHANISMS.forEach((m, i) => {
      if (this.latMech[i].count > 0) byMechanism[m] = this.latMech[i].summary();
    });
    const byResolution: Record<string, number> = {};
    RESOLUTIONS.forEach((r, i) => {
      if (this.resCount[i] > 0) byResolution[r] = this.resCount[i];
    });
    const perVcpu = Array.from(this.blockNs, (v) => round(v));
    let totalBlock = 0;
    for (const v of this.blockNs) totalBlock += v;
    const rates: number[] = [];
    let vcpuFaults = 0;
    let lastAll = this.resumeAt;
    for (let v = 0; v < this.vcpus; v++) {
      const dur = this.vLast[v] - this.resumeAt;
      rates.push(dur > 0 ? round((this.vFaults[v] * 1e9) / dur) : 0);
      vcpuFaults += this.vFaults[v];
      if (this.vLast[v] > lastAll) lastAll = this.vLast[v];
    }
    const allDur = lastAll - this.resumeAt;
    const kinds = [...this.violationKinds].map(([k, n]) => `${n} ${k}`).join(', ');
    const nv = this.violationCount;
    let verdict: string;
    if (this.refused) verdict = `REFUSED: ${this.failureReason}`;
    else if (this.outcome === 'completed') {
      verdict =
        nv === 0
          ? 'completed correctly: every page that is not poisoned reached the target, and no correctness violation occurred'
          : `NOT CORRECT: the migration completed, but ${nv} correctness violation(s) occurred (${kinds}): the guest or the VMM used memory contents it must never see`;
    } else verdict = `FAILED: ${this.failureReason}${nv > 0 ? `; and NOT CORRECT: ${nv} correctness violation(s) (${kinds})` : ''}`;
    const byKind: Record<string, number> = {};
    for (const [k, n] of [...this.violationKinds].sort((x, y) => (x[0] < y[0] ? -1 : 1))) byKind[k] = n;
    // Outages: pauses that overlap count once; a pause ends at recovery or at the end of the run.
    const failures = this.spec.network.failures;
    const spans: [number, number][] = [];
    failures.forEach((_f, i) => {
      const st = this.failState[i];
      if (st === 'paused' || st === 'recovered') spans.push([this.failDown[i], Math.min(st === 'recovered' ? this.failUp[i] : Infinity, Math.max(endAt, this.now))]);
    });
    spans.sort((x, y) => x[0] - y[0]);
    let pauseNs = 0;
    let curA = -1;
    let curB = -1;
    for (const [x, y] of spans) {
      if (x > curB) {
        if (curB > curA) pauseNs += curB - curA;
        curA = x;
        curB = y;
      } else curB = Math.max(curB, y);
    }
    if (curB > curA) pauseNs += curB - curA;
    const st = this.failState;
    const outagesOutcome = failures.length === 0 || this.local ? 'none' : st.includes('lost') ? 'lost' : st.includes('paused') ? 'paused' : st.includes('recovered') ? 'recovered' : 'not_reached';
    const plan = this.plan;
    const restoreTime = this.restoreActor < 0 ? 0 : this.restoreEnd >= 0 ? this.restoreEnd - this.restoreStart : this.over ? Math.max(0, this.now - this.restoreStart) : 0;
    // A run stopped by a limit in the middle of the restore: it did not complete.
    const restoreCut = this.restoreOutcome === 'ok' && this.restoreEnd < 0;
    return {
      outcome: this.outcome,
      correct: nv === 0,
      verdict,
      failureReason: this.failureReason,
      truncated: this.truncated,
      violations: this.violations.map((v) => ({ ...v })),
      violationCount: nv,
      violationsByKind: byKind,
      timing: {
        totalNs: round(endAt + this.precopyNs),
        downtimeNs: round(this.resumeAt),
        postcopyNs: round(Math.max(0, endAt - this.resumeAt)),
        precopyNs: round(this.precopyNs),
      },
      phases: this.phases.map((p) => ({ ...p })),
      pages: {
        total: this.frames,
        background: this.pagesBackground,
        demand: this.pagesDemand,
        preTransferred: this.pagesPre,
        missing: this.frames - this.poisonedCount - this.arrivedCount - this.pagesZeroFilled,
        poisoned: this.poisonedCount,
        zeroFilled: this.pagesZeroFilled,
        frameBytes: FRAME,
      },
      bytesOnWire: this.bytesBackground + this.bytesDemand + this.bytesPre + this.bytesDevice + this.bytesResent,
      bytes: {
        background: this.bytesBackground,
        demand: this.bytesDemand,
        preTransferred: this.bytesPre,
        deviceState: this.bytesDevice,
        resent: this.bytesResent,
      },
      faults: {
        total: this.emitted,
        latency: this.latAll.summary(),
        byPath,
        byMechanism,
        byResolution,
        eexistRaces: this.eexist,
        machineChecks: this.machineChecks,
        thpCollapses: this.thpCollapses,
      },
      blocktime: { totalNs: round(totalBlock), perVcpuNs: perVcpu },
      outages: {
        outcome: outagesOutcome,
        pauseNs: round(pauseNs),
        rerequestedPages: this.rerequested,
        resentPages: this.resentPages,
        pagesNeverArrived: this.pagesNeverArrived,
        events: this.local
          ? []
          : failures.map((f, i) => ({
              component: f.component,
              atNs: i < this.failDown.length ? round(this.failDown[i]) : null,
              durationNs: f.durationMs === undefined ? null : round(f.durationMs * 1e6),
              recoveredAtNs: st[i] === 'recovered' ? round(this.failUp[i]) : null,
              outcome: st[i] ?? 'not_reached',
            })),
      },
      poison: {
        policy: this.spec.strategy.poisonPolicy,
        method: this.poisonHandling,
        refused: this.refused,
        ranges: this.spec.vm.poisonedPages.length,
        requestedPages: this.poisonRequested,
        unreachablePages: this.poisonedCount,
        healthyBytesUnreachable: (this.poisonedCount - this.poisonRequested) * FRAME,
        blastRadiusBytes: this.hugeFrames * FRAME,
        setupNs: round(this.poisonSetupNs),
        mappedAtSwitchover: this.poisonSentBeforePoison,
        eexist: this.poisonEexist,
        machineChecks: this.machineChecks,
        escapes: this.poisonEscapes,
        exposedByThpCollapse: this.poisonCollapseExposed,
        bytesTransferred: this.poisonBytesSent,
      },
      deviceRestore: {
        outcome: restoreCut ? 'failed' : this.restoreOutcome,
        errno: this.restoreErrno,
        failedStep: restoreCut && plan ? plan.steps[Math.min(this.rsStep, plan.steps.length - 1)].name : this.restoreFailedStep,
        table: this.restoreFailTable,
        gfn: this.restoreFailGfn,
        timeNs: round(restoreTime),
        stallNs: round(this.restoreStall),
        reads: this.rsReads,
        pagesRead: this.rsPages.size,
        faults: this.restoreFaults,
        pagesFetchedOnDemand: this.restoreFetched,
        preTransferred: { pages: this.restorePrePages, bytes: this.restorePrePages * FRAME },
        steps: plan
          ? plan.steps.map((s, k) => ({
              name: s.name,
              detail: s.detail,
              startNs: this.rsStepStart[k] >= 0 ? round(this.rsStepStart[k]) : null,
              endNs: this.rsStepEnd[k] >= 0 ? round(this.rsStepEnd[k]) : null,
              reads: this.rsStepReads[k],
              pagesRead: this.rsStepPages[k].size,
              faults: this.rsStepFaults[k],
              stallNs: round(this.rsStepStall[k]),
            }))
          : [],
        tables: this.gic
          ? this.gic.tables.map((t, i) => {
              const [a, b] = tableFrames(t);
              return { kind: t.kind, owner: t.owner, address: t.address, bytes: t.bytes, firstGfn: a, pages: b - a, placed: !t.given, preTransferred: this.restorePreTables.has(i) };
            })
          : [],
      },
      pagingRate: {
        overallPagesPerSec: allDur > 0 ? round((vcpuFaults * 1e9) / allDur) : 0,
        perVcpuPagesPerSec: rates,
      },
    };
  }
}

export function createSimulation(spec: MigrationSpec): Simulation {
  return new Engine(spec);
}
