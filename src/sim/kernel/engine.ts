/**
 * The discrete-event engine: builds the model modules around one kernel context (event queue,
 * clock, seeded generator, costs) and dispatches each event to the module that owns it. Guest
 * memory state lives in bitmaps; accesses that hit present pages are skipped analytically (access
 * streams), so the work is proportional to the number of faults, background chunks, pre-copy
 * rounds and restore reads, not to the number of guest accesses.
 *
 * Pipelines (domain.md section 2):
 *  uffd:  fault entry -> enqueue on the uffd wait queue (spinlock) -> a handler thread read()s it
 *         -> request to the source (or local copy) -> page arrives -> install (UFFDIO_COPY /
 *         UFFDIO_CONTINUE / write()+CONTINUE) -> wake through the wait queue -> vCPU runs.
 *  exit:  EPT violation, fast GUP miss -> KVM_RUN returns -> the vCPU thread fetches and installs
 *         the 4K page itself -> re-entry. No shared wait queue.
 */
import type { FaultEventBatch } from '../events.js';
import type { Simulation, SimulationProgress } from '../index.js';
import type { MigrationOutcome, MigrationResult, Violation } from '../result.js';
import type { MigrationSpec } from '../spec.js';
import { round, wholeNs } from '../stats.js';
import { AccessStreams } from '../model/access-streams.js';
import { AsyncPageFaults } from '../model/async-page-faults.js';
import { baselineSection } from '../model/baseline.js';
import { BackgroundCopier } from '../model/background-copier.js';
import { DeviceRestore } from '../model/device-restore.js';
import { Failures } from '../model/failures.js';
import { FaultRouting } from '../model/fault-routing.js';
import { FaultTable, FetchTable } from '../model/fault-tables.js';
import { GuestMemory } from '../model/guest-memory.js';
import { InstallCost } from '../model/install-cost.js';
import { Khugepaged } from '../model/khugepaged.js';
import { KvmExit } from '../model/kvm-exit.js';
import { Poisoning } from '../model/poisoning.js';
import { Precopy } from '../model/precopy.js';
import { RunStats } from '../model/run-stats.js';
import { Switchover } from '../model/switchover.js';
import { Transport } from '../model/transport.js';
import { Uffds } from '../model/uffd.js';
import * as codes from './codes.js';
import { Context } from './context.js';
import { Model } from './model.js';
import { Run } from './run.js';

// Module-local copies: read once, not through the module binding on every use (hot path).
const { EV_ACCESS, EV_BG_INSTALL, EV_BG_SEND, EV_INSTALL, EV_KHUGEPAGED, EV_LINK_DOWN, EV_LINK_LOST, EV_LINK_UP, EV_READ, EV_RESTORE, EV_START, FRAME } = codes;

/** How the verdict of a migration that did not complete opens (its failureReason follows). */
const VERDICT_OPENING: Record<Exclude<MigrationOutcome, 'completed'>, string> = {
  vm_lost: 'VM LOST, the migration did not complete',
  refused: 'REFUSED, nothing was migrated',
  aborted: 'ABORTED, the VM stays on the source',
  truncated: 'TRUNCATED, a limit stopped the run before the migration completed',
  stalled: 'STALLED, the migration could not complete',
};

class Engine implements Simulation {
  private readonly m = new Model();
  /** Seq of the next fault event handed out. */
  private seq = 0;

  constructor(spec: MigrationSpec) {
    const m = this.m;
    // Construction order matters: the seeded generator is drawn from by the placement (memory),
    // then by the access streams, in this order.
    m.ctx = new Context(spec);
    m.run = new Run(m);
    m.stats = new RunStats(m);
    m.memory = new GuestMemory(m.ctx);
    m.poison = new Poisoning(m);
    m.restore = new DeviceRestore(m);
    m.streams = new AccessStreams(m);
    m.asyncPf = new AsyncPageFaults(m);
    m.faults = new FaultTable();
    m.fetches = new FetchTable(m.ctx.hugeFrames, m.ctx.frames);
    m.routing = new FaultRouting(m);
    m.uffds = new Uffds(m);
    m.exits = new KvmExit(m);
    m.install = new InstallCost(m);
    m.transport = new Transport(m);
    m.copier = new BackgroundCopier(m);
    m.failures = new Failures(m);
    m.khugepaged = new Khugepaged(m);
    m.precopy = new Precopy(m);
    m.switchover = new Switchover(m);
    m.switchover.begin();
  }

  next(maxEvents: number, pauseAtPagesPresent = Infinity): FaultEventBatch | null {
    const want = Math.max(1, Math.floor(maxEvents));
    const out = this.m.stats.outbox;
    const { run, memory } = this.m;
    while (out.len < want && !run.over && memory.arrivedCount < pauseAtPagesPresent) this.step();
    if (out.len === 0) return run.over ? null : out.take(0, this.seq);
    const n = Math.min(want, out.len);
    const b = out.take(n, this.seq);
    this.seq += n;
    return b;
  }

  progress(): SimulationProgress {
    const { ctx, run, memory, stats } = this.m;
    const phase = run.over ? run.outcome : ctx.now < ctx.resumeAt ? 'switchover' : run.finished ? 'completing' : 'postcopy';
    return {
      // Once every page is on the target the migration has completed, whatever internal events are
      // still drained (a link emptying itself of copies no one needs): its time stops there, with
      // the summary's `completed` phase, instead of running on to the last of those events.
      simTimeNs: wholeNs(run.finished ? run.completedAt : ctx.now),
      phase,
      pagesPresent: memory.arrivedCount,
      pagesTotal: ctx.frames,
      faults: stats.emitted,
      blocktimeNs: wholeNs(stats.blocktimeSum()),
    };
  }

  /** Handles the earliest event: the dispatch of the whole model. */
  private step(): void {
    const m = this.m;
    const { ctx, run } = m;
    const q = ctx.queue;
    if (!q.pop()) {
      run.endOfEvents();
      return;
    }
    const t = q.t;
    if (!run.finished && t - ctx.resumeAt > ctx.maxSimulatedNs) {
      ctx.now = ctx.resumeAt + ctx.maxSimulatedNs;
      run.stop(`limit: simulated time exceeded limits.maxSimulatedSeconds (${ctx.spec.limits.maxSimulatedSeconds} s) before every page arrived`);
      return;
    }
    if (t > ctx.now) ctx.now = t;
    switch (q.k) {
      case EV_START:
        m.streams.start(t);
        break;
      case EV_ACCESS:
        if (m.streams.isCurrent(q.a, q.g) && !run.finished) m.streams.onAccess(q.a, t);
        break;
      case EV_READ:
        m.uffds.onRead(q.a, t);
        break;
      case EV_INSTALL:
        m.routing.onInstall(q.a, t);
        break;
      case EV_BG_SEND:
        if (!run.finished) m.copier.onSend(t);
        break;
      case EV_BG_INSTALL:
        m.copier.onInstall(q.a, t);
        break;
      case EV_RESTORE:
        m.restore.onRestore(t);
        break;
      case EV_LINK_DOWN:
        if (!run.finished) m.failures.onDown(q.a, t);
        break;
      case EV_LINK_LOST:
        if (!run.finished) m.failures.onLost(q.a, t);
        break;
      case EV_KHUGEPAGED:
        if (!run.finished) m.khugepaged.onCollapse(t);
        break;
      case EV_LINK_UP:
        m.failures.onUp(q.a, t);
        break;
    }
  }

  violations(): readonly Violation[] {
    if (!this.m.run.over) throw new Error('violations() is only available after next() has returned null');
    return this.m.stats.violations;
  }

  result(): MigrationResult {
    const m = this.m;
    const { ctx, run, stats, memory, poison, restore, failures, khugepaged, precopy } = m;
    if (!run.over) throw new Error('result() is only available after next() has returned null');
    const endAt = run.finished ? run.completedAt : ctx.now;
    const violations = stats.violationsSection();
    const nv = violations.violationCount;
    const kinds = stats.violationKindList();
    const notCorrect = nv > 0 ? `; and NOT CORRECT: ${nv} correctness violation(s) (${kinds})` : '';
    let verdict: string;
    if (run.outcome === 'completed') {
      verdict =
        nv === 0
          ? 'completed correctly: every page that is not poisoned reached the target, and no correctness violation occurred'
          : `NOT CORRECT: the migration completed, but ${nv} correctness violation(s) occurred (${kinds}): the guest or the VMM used memory contents it must never see`;
    } else verdict = `${VERDICT_OPENING[run.outcome]}: ${run.failureReason}${notCorrect}`;
    // A guest left running with livelocked vCPUs or a dead virtqueue is not "completed correctly",
    // though no memory content is wrong (correct stays as the violations make it).
    const impairment = run.outcome === 'vm_lost' || run.outcome === 'refused' ? null : poison.impairment();
    if (impairment !== null) {
      verdict =
        run.outcome === 'completed' && nv === 0
          ? `completed with no correctness violation, but GUEST IMPAIRED: ${impairment}; the same poison does this on the source`
          : `${verdict}; and GUEST IMPAIRED: ${impairment}`;
    }
    const bytes = stats.bytesSection(failures.bytesResent);
    const bytesOnWire = bytes.background + bytes.demand + bytes.preTransferred + bytes.deviceState + bytes.resent;
    // QEMU's setup-time: connecting the migration channel (the preempt channel connects alongside). A
    // refused migration never gets there.
    const setupNs = run.outcome === 'refused' || ctx.sourceLocal ? 0 : wholeNs(2 * m.transport.link.oneWayNs);
    const totalNs = wholeNs(setupNs + precopy.durationNs + endAt);
    const transferNs = totalNs - setupNs;
    const precopyRounds = precopy.section();
    const precopyBytes = precopyRounds.reduce((n, r) => n + r.bytes, 0);
    // The rest of bytes.preTransferred is the GIC/ITS pre-transfer list, sent while paused.
    // Guest-memory bytes as QEMU's source counts them (ram_transferred_add): paused and not yet in
    // post-copy are the pages of the GIC/ITS pre-transfer list (the rest of bytes.preTransferred);
    // from then on the source is in post-copy, even while the target still loads the device state.
    const downtimeBytes = bytes.preTransferred - precopyBytes;
    return {
      outcome: run.outcome,
      // Only a completed migration can be correct: a refused, lost, stopped or stalled one did not move the VM.
      correct: run.outcome === 'completed' && nv === 0,
      guestImpaired: impairment !== null,
      verdict,
      failureReason: run.failureReason,
      truncated: run.truncated,
      ...violations,
      timing: {
        totalNs,
        setupNs,
        downtimeNs: wholeNs(ctx.resumeAt),
        postcopyNs: wholeNs(Math.max(0, endAt - ctx.resumeAt)),
        precopyNs: wholeNs(precopy.durationNs),
      },
      phases: run.phases.map((p) => ({ ...p })),
      pages: {
        total: ctx.frames,
        background: stats.pagesBackground,
        demand: stats.pagesDemand,
        preTransferred: stats.pagesPreTransferred,
        missing: memory.missing(),
        poisoned: memory.unreachable,
        zeroFilled: memory.zeroFilled,
        frameBytes: FRAME,
        sentAsZero: stats.pagesSentAsZero,
      },
      bytesOnWire,
      bytes,
      ram: {
        transferredBytes: bytesOnWire - bytes.deviceState,
        remainingBytes: memory.missing() * FRAME,
        totalBytes: ctx.frames * FRAME,
        throughputMbps: transferNs > 0 ? round((bytesOnWire * 8 * 1000) / transferNs) : 0,
        precopyBytes,
        downtimeBytes,
        postcopyBytes: bytes.background + bytes.demand + bytes.resent,
        postcopyRequests: stats.postcopyRequests,
      },
      precopyRounds,
      faults: stats.faultsSection(poison.machineChecks, khugepaged.collapses),
      blocktime: stats.blocktimeSection(endAt),
      outages: failures.section(endAt),
      poison: poison.section(),
      deviceRestore: restore.section(),
      pagingRate: stats.pagingRateSection(),
      ...baselineSection(this.m, endAt),
    };
  }
}

export function createSimulation(spec: MigrationSpec): Simulation {
  return new Engine(spec);
}
