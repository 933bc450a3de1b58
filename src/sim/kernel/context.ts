import { resolveCosts, type Costs } from '../costs.js';
import { EventQueue } from '../event-queue.js';
import { Rng } from '../rng.js';
import type { MigrationSpec } from '../spec.js';
import { PAGE_SHIFT } from '../vocabulary.js';

/**
 * The simulation kernel's shared state: the spec, its resolved costs, the one seeded generator, the
 * event queue and the clock, plus the geometry every model module reads. Times are simulated ns;
 * t = 0 is the moment the source paused the VM.
 */
export class Context {
  readonly spec: MigrationSpec;
  readonly costs: Costs;
  readonly rng: Rng;
  readonly queue = new EventQueue(4096);
  /** Time of the latest event handled. */
  now = 0;
  /** When the vCPUs run on the target (the end of the downtime). */
  resumeAt = 0;

  /** Guest memory in 4 KiB frames. */
  readonly frames: number;
  /** Frames of the working set the vCPUs touch (a prefix of the rank space). */
  readonly workingSetFrames: number;
  readonly vcpus: number;
  /** The vhost/VMM userspace thread's actor number (after the vCPUs), or -1 when it does not access memory. */
  readonly vhostActor: number;
  /** Threads that access guest memory after resume: the vCPUs, then the vhost thread if any. */
  readonly actors: number;
  /** log2 of the backing page size (12, 21 or 30). */
  readonly pageShift: number;
  /** Frames per uffd unit: a whole huge page on hugetlbfs, 1 otherwise. */
  readonly hugeFrames: number;
  /** The source memory is local (no link), as in demand_paging_test. */
  readonly sourceLocal: boolean;
  /**
   * Connections the post-copy background stream is spread over: 1 (the main channel, written by
   * the migration thread) unless network.multifdInPostcopy keeps the multifd channels sending after
   * the switch to post-copy. QEMU stops its multifd threads there (docs/model.md, section 5).
   */
  readonly postcopyMultifdChannels: number;
  readonly maxFaultEvents: number;
  readonly maxSimulatedNs: number;

  constructor(spec: MigrationSpec) {
    this.spec = spec;
    this.costs = resolveCosts(spec.costs, spec.host.costScale, spec.vm.arch);
    this.rng = new Rng(spec.seed);
    const vm = spec.vm;
    this.frames = vm.memoryMiB * 256;
    this.workingSetFrames = Math.min(this.frames, (spec.workload.workingSetMiB ?? vm.memoryMiB) * 256);
    this.vcpus = vm.vcpus;
    this.vhostActor = spec.workload.faultSources.vhostAccessesPerSecond > 0 ? this.vcpus : -1;
    this.actors = this.vcpus + (this.vhostActor >= 0 ? 1 : 0);
    this.pageShift = PAGE_SHIFT[vm.pageSize];
    this.hugeFrames = vm.backing === 'hugetlbfs' ? 2 ** (this.pageShift - 12) : 1;
    this.sourceLocal = spec.network.sourceLocal;
    this.postcopyMultifdChannels = spec.network.multifdInPostcopy ? spec.network.multifdChannels : 1;
    this.maxFaultEvents = spec.limits.maxFaultEvents;
    this.maxSimulatedNs = spec.limits.maxSimulatedSeconds * 1e9;
  }
}
