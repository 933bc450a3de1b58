import { EV_RESTORE, FRAME, P_RESTORE } from '../kernel/codes.js';
import type { Model } from '../kernel/model.js';
import { DEFAULT_GIC, GIC_TABLES, gicLayout, tableFrames, type GicLayout } from '../gic.js';
import { describeRead, restorePlan, type RestorePlan } from '../gic-restore.js';
import type { MigrationResult } from '../result.js';
import { wholeNs } from '../stats.js';

type Errno = '-EINVAL' | '-EBUSY';

/**
 * The ARM GICv3/ITS restore on the target before resume (domain.md section 4, 001_): register
 * writes, then KVM_DEV_ARM_ITS_RESTORE_TABLES, whose every read goes through kvm_read_guest. A read
 * of a page that has not arrived faults on the device_restore path (as an actor of its own, vcpu
 * -1) and the restore waits for it; an inconsistent table gives -EINVAL, vCPUs started too early
 * -EBUSY; a page nothing intercepts reads as zeros (its_state_lost, fault-routing.ts). Optionally
 * the VMM sends the tables' pages first.
 */
export class DeviceRestore {
  readonly gic: GicLayout | null = null;
  private readonly plan: RestorePlan | null = null;
  /** The restore's actor number (after the vCPUs and the vhost thread), or -1 without a restore. */
  readonly actor: number;
  private step = 0;
  private read = 0;
  private inStep = false;
  /** The current read faulted and its page has been served. */
  private readServed = false;
  private readonly stepStart: Float64Array = new Float64Array(0);
  private readonly stepEnd: Float64Array = new Float64Array(0);
  private readonly stepReads: Float64Array = new Float64Array(0);
  private readonly stepFaults: Float64Array = new Float64Array(0);
  private readonly stepStall: Float64Array = new Float64Array(0);
  private readonly stepPages: Set<number>[] = [];
  private readonly pagesRead = new Set<number>();
  private reads = 0;
  private startedAt = 0;
  private endedAt = -1;
  private faults = 0;
  private stall = 0;
  fetchedOnDemand = 0;
  private preTransferredPages = 0;
  private readonly preTransferredTables = new Set<number>();
  private outcome: 'ok' | 'failed' | 'none' = 'none';
  private errno: Errno | null = null;
  private failedStep: string | null = null;
  private failedTable: string | null = null;
  private failedGfn: number | null = null;

  constructor(private readonly m: Model) {
    const { ctx, poison } = m;
    const vm = ctx.spec.vm;
    if (vm.arch === 'arm64' && !poison.refused) {
      const { layout } = gicLayout(vm.gic ?? DEFAULT_GIC, vm.vcpus, ctx.frames * FRAME, ctx.spec.seed, poison.ranges);
      if (!layout) throw new Error('invalid GIC layout: the request was not validated with migrationSpecSchema');
      this.gic = layout;
      this.plan = restorePlan(layout, vm.vcpus);
      const n = this.plan.steps.length;
      this.stepStart = new Float64Array(n).fill(-1);
      this.stepEnd = new Float64Array(n).fill(-1);
      this.stepReads = new Float64Array(n);
      this.stepFaults = new Float64Array(n);
      this.stepStall = new Float64Array(n);
      this.stepPages = this.plan.steps.map(() => new Set<number>());
    }
    this.actor = this.plan ? ctx.actors : -1;
  }

  /** The device state is loaded at t: the restore starts (the vCPUs wait for it). */
  begin(t: number): void {
    this.startedAt = t;
    this.outcome = 'ok';
    this.m.ctx.queue.push(t, EV_RESTORE, 0);
  }

  /**
   * The tables the VMM knows of are sent before the device state (option 3 of 001_): every page
   * of every table, minus the ITTs of the devices the list lacks (and their level-2 device table
   * when no known device shares it). Pages already on the target (pre-copy) are not sent again.
   */
  preTransfer(): void {
    const { ctx, memory, poison, stats, transport } = this.m;
    if (ctx.sourceLocal) return; // the source memory is local: nothing to send
    const gic = this.gic as GicLayout;
    const missing = new Set(ctx.spec.strategy.deviceRestore.preTransferMissingDevices);
    const knownL2 = new Set<number>();
    for (const d of gic.devices) if (!missing.has(d.deviceId)) knownL2.add(Math.floor(d.deviceId / 8192));
    let pre = 0;
    gic.tables.forEach((t, i) => {
      if (t.kind === 'itt' && missing.has(t.owner as number)) return;
      if (t.kind === 'device_table_l2' && !knownL2.has(t.owner as number)) return;
      this.preTransferredTables.add(i);
      // On hugetlbfs only whole huge pages can be installed: the list sends the huge pages holding the tables.
      const [ta, tb] = tableFrames(t);
      const u = ctx.hugeFrames;
      const a = ta - (ta % u);
      const b = Math.min(ctx.frames, Math.ceil(tb / u) * u);
      for (let f = a; f < b; f++) {
        if (memory.arrived.get(f) || poison.isPoisoned(f)) continue;
        memory.arrived.set(f);
        memory.sent.set(f);
        memory.mapFrames(f, 1);
        memory.arrivedCount++;
        stats.pagesPreTransferred++;
        pre++;
      }
    });
    if (pre > 0) {
      transport.link.sendMain(0, pre * FRAME);
      stats.bytesPreTransferred += pre * FRAME;
    }
    this.preTransferredPages = pre;
  }

  /**
   * The restore runs from t, in the order KVM documents (gic.ts): register writes
   * (KVM_SET_DEVICE_ATTR, kvm_device_attr_ns each), then KVM_DEV_ARM_ITS_RESTORE_TABLES, whose every
   * read costs kvm_read_guest_ns: a read of a page that has not arrived faults and the restore
   * continues when it is served. Then GITS_CTLR, and only then the vCPUs run.
   */
  onRestore(t: number): void {
    const { ctx, run, memory } = this.m;
    if (run.over) return;
    const plan = this.plan as RestorePlan;
    const steps = plan.steps;
    const c = ctx.costs;
    let now = t;
    while (this.step < steps.length) {
      const k = this.step;
      const st = steps[k];
      if (!this.inStep) {
        this.inStep = true;
        this.stepStart[k] = now;
        this.read = st.readStart;
        if (k === plan.restoreTablesStep && ctx.spec.strategy.deviceRestore.vcpuStart === 'before_restore_tables') {
          run.phase('vcpus_started', now);
          const at = now + c.kvm_device_attr_ns;
          this.stepEnd[k] = at;
          ctx.now = Math.max(ctx.now, at);
          this.fail(
            '-EBUSY',
            st.name,
            null,
            null,
            at,
            'KVM_DEV_ARM_ITS_RESTORE_TABLES returned -EBUSY: the vCPUs were started before the ITS tables were restored (strategy.deviceRestore.vcpuStart before_restore_tables), and KVM restores them only with every vCPU stopped',
          );
          return;
        }
        now += st.attrs * c.kvm_device_attr_ns;
      }
      while (this.read < st.readEnd) {
        const i = this.read;
        const f = plan.gfn[i];
        if (!this.readServed) {
          const r = memory.placement.frameToRank(f);
          if (memory.index.has(r)) {
            this.faults++;
            this.stepFaults[k]++;
            this.m.routing.raise(this.actor, r, P_RESTORE, 0, now);
            return;
          }
        }
        this.readServed = false;
        now += c.kvm_read_guest_ns;
        this.reads++;
        this.stepReads[k]++;
        this.pagesRead.add(f);
        this.stepPages[k].add(f);
        if (i === plan.invalidAt) {
          this.stepEnd[k] = now;
          ctx.now = Math.max(ctx.now, now);
          this.fail('-EINVAL', st.name, plan.table[i], f, now, `KVM_DEV_ARM_ITS_RESTORE_TABLES returned -EINVAL at gfn ${f} (${describeRead(plan.table[i], plan.owner[i])}): ${plan.invalidDetail}`);
          return;
        }
        this.read++;
      }
      this.stepEnd[k] = now;
      this.inStep = false;
      this.step++;
    }
    this.endedAt = now;
    this.m.switchover.resumeVcpus(now);
  }

  /** The faulting read's page was served at `at` after a stall of `stall` ns: the restore goes on. */
  onReadServed(at: number, stall: number): void {
    this.readServed = true;
    this.stall += stall;
    this.stepStall[this.step] += stall;
    this.m.ctx.queue.push(at, EV_RESTORE, 0);
  }

  /** What the current read reads, for a violation's detail: "the ITT of device 16". */
  currentRead(): string {
    const plan = this.plan as RestorePlan;
    return describeRead(plan.table[this.read], plan.owner[this.read]);
  }

  /** The restore failed: the migration fails, loudly, and nothing after resume runs. */
  private fail(errno: Errno, step: string, table: number | null, gfn: number | null, at: number, what: string): void {
    this.outcome = 'failed';
    this.errno = errno;
    this.failedStep = step;
    this.failedTable = table === null ? null : GIC_TABLES[table];
    this.failedGfn = gfn;
    this.endedAt = at;
    this.m.stats.violation({ kind: 'restore_failure', atNs: Math.ceil(at), gfn, vcpu: null, detail: what });
    this.m.run.fail(`device-state restore failed: ${what}; ${errno === '-EBUSY' ? 'the VMM aborts the migration' : 'the vCPUs never ran on the target'}`);
  }

  section(): MigrationResult['deviceRestore'] {
    const { ctx, run } = this.m;
    const plan = this.plan;
    const time = this.actor < 0 ? 0 : this.endedAt >= 0 ? this.endedAt - this.startedAt : run.over ? Math.max(0, ctx.now - this.startedAt) : 0;
    // A run stopped by a limit in the middle of the restore: it did not complete.
    const cut = this.outcome === 'ok' && this.endedAt < 0;
    return {
      outcome: cut ? 'failed' : this.outcome,
      errno: this.errno,
      failedStep: cut && plan ? plan.steps[Math.min(this.step, plan.steps.length - 1)].name : this.failedStep,
      table: this.failedTable,
      gfn: this.failedGfn,
      timeNs: wholeNs(time),
      stallNs: wholeNs(this.stall),
      reads: this.reads,
      pagesRead: this.pagesRead.size,
      faults: this.faults,
      pagesFetchedOnDemand: this.fetchedOnDemand,
      preTransferred: { pages: this.preTransferredPages, bytes: this.preTransferredPages * FRAME },
      steps: plan
        ? plan.steps.map((s, k) => ({
            name: s.name,
            detail: s.detail,
            startNs: this.stepStart[k] >= 0 ? wholeNs(this.stepStart[k]) : null,
            endNs: this.stepEnd[k] >= 0 ? wholeNs(this.stepEnd[k]) : null,
            reads: this.stepReads[k],
            pagesRead: this.stepPages[k].size,
            faults: this.stepFaults[k],
            stallNs: wholeNs(this.stepStall[k]),
          }))
        : [],
      tables: this.gic
        ? this.gic.tables.map((t, i) => {
            const [a, b] = tableFrames(t);
            return { kind: t.kind, owner: t.owner, address: t.address, bytes: t.bytes, firstGfn: a, pages: b - a, placed: !t.given, preTransferred: this.preTransferredTables.has(i) };
          })
        : [],
    };
  }
}
