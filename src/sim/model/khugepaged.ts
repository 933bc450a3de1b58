import { EV_KHUGEPAGED } from '../kernel/codes.js';
import { isKvmMechanism } from '../mechanisms.js';
import type { Model } from '../kernel/model.js';

const SPAN = 512; // a 2 MiB THP

/**
 * khugepaged collapsing shmem THPs under a MINOR registration (004_): it maps a whole 2 MiB range
 * with one PMD, without any fault. Pages already in the page cache become mapped (harmless: their
 * content is current); holes are filled with zeros, so the guest reads zeros where its data has
 * not arrived yet: a minor_thp_bypass violation, and that content is lost.
 */
export class Khugepaged {
  /** ns between collapses, or Infinity when khugepaged cannot interfere. */
  readonly period: number;
  collapses = 0;

  constructor(private readonly m: Model) {
    const spec = m.ctx.spec;
    const vm = spec.vm;
    const { primary, fallback } = m.routing;
    const minorRegistered = primary === 'uffd_minor' || (isKvmMechanism(primary) && fallback === 'minor');
    this.period = vm.thp && vm.backing === 'shmem' && minorRegistered && vm.khugepagedCollapsesPerSecond > 0 ? 1e9 / vm.khugepagedCollapsesPerSecond : Infinity;
  }

  /** The vCPUs run from t: khugepaged starts scanning. */
  start(t: number): void {
    if (this.period < Infinity) this.m.ctx.queue.push(t + this.period, EV_KHUGEPAGED, 0);
  }

  /** khugepaged collapses a random 2 MiB range of the shmem file into a THP. */
  onCollapse(t: number): void {
    const { ctx, memory, fetches, poison, stats, run } = this.m;
    ctx.queue.push(t + this.period, EV_KHUGEPAGED, 0);
    if (ctx.frames < SPAN) return;
    const start = ctx.rng.below(ctx.frames / SPAN) * SPAN;
    const end = start + SPAN;
    const cached = memory.arrived.countRange(start, end);
    if (cached === 0) return; // nothing in the page cache to collapse
    const rank = memory.placement.frameToRank(start);
    if (memory.index.countRange(rank, rank + SPAN) === 0) return; // already mapped
    if (fetches.pending.size > 0) for (let f = start; f < end; f++) if (fetches.find(f, 1) >= 0) return; // pages locked by a fetch
    let holes = 0;
    let poisoned = 0;
    let firstPoisoned = -1;
    for (let f = start; f < end; f++) {
      if (poison.isPoisoned(f)) {
        // A poisoned page the guest has not touched yet: the collapse maps it (a hole in the page
        // cache, filled with zeros) and no access will ever fault on it again.
        if (memory.index.has(memory.placement.frameToRank(f))) {
          poisoned++;
          if (firstPoisoned < 0) firstPoisoned = f;
        }
        continue;
      }
      if (!memory.arrived.get(f)) {
        memory.arrived.set(f);
        memory.sent.set(f);
        memory.zeroFilled++;
        holes++;
      }
    }
    memory.mapFrames(start, SPAN);
    this.collapses++;
    if (holes > 0) {
      stats.violation({
        kind: 'minor_thp_bypass',
        atNs: Math.ceil(t),
        gfn: start,
        vcpu: null,
        detail: `khugepaged collapsed a 2 MiB shmem range under a MINOR registration: ${holes} pages not yet migrated were mapped as zeros without a fault`,
      });
    }
    if (poisoned > 0) {
      poison.exposedByCollapse += poisoned;
      stats.violation({
        kind: 'minor_thp_bypass',
        atNs: Math.ceil(t),
        gfn: firstPoisoned,
        vcpu: null,
        detail: `khugepaged collapsed a 2 MiB shmem range under a MINOR registration: ${poisoned} poisoned page(s) were mapped without a fault, so the guest reads them with no machine check`,
      });
    }
    if (memory.allArrived()) run.complete(t);
  }
}
