import * as codes from '../kernel/codes.js';
import { Outbox } from '../kernel/outbox.js';
import { AllVcpuBlocktime } from './blocktime.js';
import type { Model } from '../kernel/model.js';
import { MAX_RECORDED_VIOLATIONS, VIOLATION_SAMPLE_SIZE, type MigrationResult, type Violation } from '../result.js';
import * as stats from '../stats.js';
import { LatencyHistogram, meanNs, round, wholeNs } from '../stats.js';
import { FAULT_PATHS, MECHANISMS, RESOLUTIONS } from '../vocabulary.js';

// Module-local copy: read once, not through the module binding on every fault (hot path).
const { bucketOf } = stats;
const { P_ASYNC } = codes;

/** Resolutions whose fault installed its page (UFFDIO_COPY/CONTINUE, write()+CONTINUE, a KVM exit's own fetch). */
const MOVES_PAGE = Uint8Array.from(RESOLUTIONS, (r) => (r === 'uffdio_copy' || r === 'uffdio_continue' || r === 'write_continue' || r === 'exit_fetch' ? 1 : 0));


/**
 * What the run measured: every resolved fault (the outbox of fault events, latency histograms,
 * per-vCPU blocktime), pages and bytes by how they travelled, -EEXIST races and the correctness
 * violations. Totals here equal the sums over the emitted events (domain.md section 7).
 */
export class RunStats {
  readonly outbox = new Outbox();
  emitted = 0;
  private readonly latAll = new LatencyHistogram();
  private readonly latByPath: LatencyHistogram[] = FAULT_PATHS.map(() => new LatencyHistogram());
  private readonly latByMechanism: LatencyHistogram[] = MECHANISMS.map(() => new LatencyHistogram());
  private readonly byResolution = new Float64Array(RESOLUTIONS.length);
  /** Per vCPU: time stalled on faults, its fault count, 4 KiB frames its own faults brought in, and when its last fault was resolved. */
  readonly blockNs: Float64Array;
  private readonly vcpuFaults: Float64Array;
  /** Per vCPU: the latency of its faults, blocking or not (blockNs leaves out async page faults). */
  private readonly vcpuLatNs: Float64Array;
  private readonly vcpuFrames: Float64Array;
  private readonly vcpuLastResolved: Float64Array;
  /** Time with every vCPU blocked at once. */
  readonly allVcpusBlocked: AllVcpuBlocktime;

  pagesBackground = 0;
  pagesDemand = 0;
  /** Frames sent as zero-page flags (pre-copy, background or demand). */
  pagesSentAsZero = 0;
  pagesPreTransferred = 0;
  bytesDemand = 0;
  bytesBackground = 0;
  bytesPreTransferred = 0;
  bytesDeviceState = 0;
  eexistRaces = 0;
  /** Demand page requests sent to the source (QEMU's postcopy-requests). */
  postcopyRequests = 0;
  /** Faults of non-vCPU threads: their latency sum and count. */
  private nonVcpuLatency = 0;
  private nonVcpuFaults = 0;

  /** Every violation up to MAX_RECORDED_VIOLATIONS, in the order the simulator detected them. */
  readonly violations: Violation[] = [];
  violationCount = 0;
  readonly violationKinds = new Map<string, number>();

  constructor(private readonly m: Model) {
    const n = m.ctx.vcpus;
    this.blockNs = new Float64Array(n);
    this.vcpuFaults = new Float64Array(n);
    this.vcpuLatNs = new Float64Array(n);
    this.vcpuFrames = new Float64Array(n);
    this.vcpuLastResolved = new Float64Array(n);
    this.allVcpusBlocked = new AllVcpuBlocktime(n);
  }

  /** A fault event: emitted, and counted in every distribution. */
  recordFault(vcpu: number, thread: number, frame: number, shift: number, write: number, path: number, mech: number, res: number, raised: number, at: number): void {
    this.outbox.push(vcpu, thread, frame, shift, write, path, mech, res, raised, at);
    this.emitted++;
    const lat = at - raised;
    const bucket = bucketOf(lat);
    this.latAll.addInBucket(bucket, lat);
    this.latByPath[path].addInBucket(bucket, lat);
    this.latByMechanism[mech].addInBucket(bucket, lat);
    this.byResolution[res]++;
    if (vcpu >= 0) {
      // An async page fault did not block its vCPU (it ran other tasks meanwhile): no blocktime.
      if (path !== P_ASYNC) {
        this.blockNs[vcpu] += lat;
        this.allVcpusBlocked.unblock(at);
      }
      this.vcpuLatNs[vcpu] += lat;
      this.vcpuFaults[vcpu]++;
      // Demand paging rate by 4 KiB frame: only a fault that installed its page moved memory (a
      // joined or -EEXIST fault did not), and a huge page counts all its frames.
      if (MOVES_PAGE[res] === 1) this.vcpuFrames[vcpu] += 2 ** (shift - 12);
      if (at > this.vcpuLastResolved[vcpu]) this.vcpuLastResolved[vcpu] = at;
    } else {
      this.nonVcpuLatency += lat;
      this.nonVcpuFaults++;
    }
  }

  violation(v: Violation): void {
    this.violationCount++;
    this.violationKinds.set(v.kind, (this.violationKinds.get(v.kind) ?? 0) + 1);
    if (this.violations.length < MAX_RECORDED_VIOLATIONS) this.violations.push(v);
  }

  blocktimeSum(): number {
    let block = 0;
    for (let v = 0; v < this.blockNs.length; v++) block += this.blockNs[v];
    return block;
  }

  /** "12 partial_page_read, 3 poison_escape", in order of first occurrence. */
  violationKindList(): string {
    return [...this.violationKinds].map(([k, n]) => `${n} ${k}`).join(', ');
  }

  violationsSection(): Pick<MigrationResult, 'violations' | 'violationCount' | 'violationsRecorded' | 'violationsByKind'> {
    const byKind: Record<string, number> = {};
    for (const [k, n] of [...this.violationKinds].sort((x, y) => (x[0] < y[0] ? -1 : 1))) byKind[k] = n;
    return {
      violations: this.violations.slice(0, VIOLATION_SAMPLE_SIZE).map((v) => ({ ...v })),
      violationCount: this.violationCount,
      violationsRecorded: this.violations.length,
      violationsByKind: byKind,
    };
  }

  bytesSection(resent: number): MigrationResult['bytes'] {
    return {
      background: this.bytesBackground,
      demand: this.bytesDemand,
      preTransferred: this.bytesPreTransferred,
      deviceState: this.bytesDeviceState,
      resent,
    };
  }

  faultsSection(machineChecks: number, thpCollapses: number): MigrationResult['faults'] {
    const byPath: Record<string, ReturnType<LatencyHistogram['summary']>> = {};
    FAULT_PATHS.forEach((p, i) => {
      if (this.latByPath[i].count > 0) byPath[p] = this.latByPath[i].summary();
    });
    const byMechanism: Record<string, ReturnType<LatencyHistogram['summary']>> = {};
    MECHANISMS.forEach((m, i) => {
      if (this.latByMechanism[i].count > 0) byMechanism[m] = this.latByMechanism[i].summary();
    });
    const byResolution: Record<string, number> = {};
    RESOLUTIONS.forEach((r, i) => {
      if (this.byResolution[i] > 0) byResolution[r] = this.byResolution[i];
    });
    return {
      total: this.emitted,
      latency: this.latAll.summary(),
      latencyLog2: this.latAll.log2Buckets(),
      meanLatency: {
        perVcpuNs: Array.from(this.vcpuLatNs, (sum, v) => meanNs(sum, this.vcpuFaults[v])),
        nonVcpuNs: meanNs(this.nonVcpuLatency, this.nonVcpuFaults),
      },
      byPath,
      byMechanism,
      byResolution,
      eexistRaces: this.eexistRaces,
      machineChecks,
      thpCollapses,
    };
  }

  /** `endAt`: the end of the run; vCPUs still blocked then count as blocked until it. */
  blocktimeSection(endAt: number): MigrationResult['blocktime'] {
    const sum = wholeNs(this.blocktimeSum());
    return { allVcpusNs: wholeNs(this.allVcpusBlocked.upTo(endAt)), sumNs: sum, totalNs: sum, perVcpuNs: Array.from(this.blockNs, (v) => wholeNs(v)) };
  }

  /** vCPU fault events per second, from resume to the last resolution (overall and per vCPU). */
  pagingRateSection(): MigrationResult['pagingRate'] {
    const resumeAt = this.m.ctx.resumeAt;
    const rates: number[] = [];
    let frames = 0;
    let lastAll = resumeAt;
    for (let v = 0; v < this.blockNs.length; v++) {
      const dur = this.vcpuLastResolved[v] - resumeAt;
      rates.push(dur > 0 ? round((this.vcpuFrames[v] * 1e9) / dur) : 0);
      frames += this.vcpuFrames[v];
      if (this.vcpuLastResolved[v] > lastAll) lastAll = this.vcpuLastResolved[v];
    }
    const allDur = lastAll - resumeAt;
    return { overallPagesPerSec: allDur > 0 ? round((frames * 1e9) / allDur) : 0, perVcpuPagesPerSec: rates };
  }
}
