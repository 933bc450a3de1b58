/**
 * Hardware-poisoned pages (domain.md section 5, seed 004_): the ranges a request lists, their blast
 * radius on the target's backing, and which method of making them fault the kernel supports where.
 * Pure; used by the request schema (unsupported method: 400) and by the engine.
 */
import { Rng } from './rng.js';
import type { Backing } from './vocabulary.js';
import { placementFor } from './workload.js';

export const POISON_METHODS = ['uffdio_poison', 'zap', 'punch_hole', 'none'] as const;
export type PoisonMethod = (typeof POISON_METHODS)[number];

export const POISON_POLICIES = ['intercept', 'strict'] as const;

/** A gfn, or a range; `poisonedDuringPrecopy`: pre-copy had already sent the pages when the hardware poisoned them. */
export type PoisonEntry = number | { start: number; count: number; poisonedDuringPrecopy?: boolean };

export function entryRange(p: PoisonEntry): [number, number] {
  return typeof p === 'number' ? [p, p + 1] : [p.start, p.start + p.count];
}

export const POISON_PLACEMENTS = ['gfn', 'hot', 'cold'] as const;
export type PoisonPlacement = (typeof POISON_PLACEMENTS)[number];

/** What placing poisoned pages relative to the working set needs to know of the run. */
export interface PoisonGeometry {
  frames: number;
  workingSetFrames: number;
  hugeFrames: number;
  pattern: string;
  seed: number;
}

/**
 * The poisoned entries as gfns. With placement `gfn` they are gfns already. With `hot` each number
 * is a position in the working set, hottest first (rank 0 is the most-accessed page under zipf),
 * and with `cold` a position in the memory outside it; the run's placement (rebuilt from the seed)
 * turns positions into gfns, a range splitting where the placement's blocks do.
 */
export function placePoisonEntries(entries: readonly PoisonEntry[], placement: PoisonPlacement, g: PoisonGeometry): PoisonEntry[] {
  if (placement === 'gfn' || entries.length === 0) return [...entries];
  const pl = placementFor(g.frames, g.hugeFrames, g.pattern, new Rng(g.seed));
  const offset = placement === 'hot' ? 0 : g.workingSetFrames;
  const out: PoisonEntry[] = [];
  for (const p of entries) {
    const [a, b] = entryRange(p);
    const during = typeof p !== 'number' && p.poisonedDuringPrecopy === true;
    for (let r = a + offset; r < b + offset; ) {
      const blockEnd = Math.min(b + offset, (Math.floor(r / pl.blockFrames) + 1) * pl.blockFrames);
      out.push({ start: pl.rankToFrame(r), count: blockEnd - r, poisonedDuringPrecopy: during });
      r = blockEnd;
    }
  }
  return out;
}

/** How many positions `placement` offers: all of memory for gfns, the working set, or what lies outside it. */
export function poisonPositions(placement: PoisonPlacement, frames: number, workingSetFrames: number): number {
  return placement === 'gfn' ? frames : placement === 'hot' ? workingSetFrames : frames - workingSetFrames;
}

/**
 * Sorted, disjoint [start, end) gfn ranges; with `unitFrames` > 1 (hugetlbfs) each is widened to
 * whole huge pages: the source cannot split a poisoned huge page, the target cannot map part of one.
 */
export function poisonRanges(entries: readonly PoisonEntry[], unitFrames: number, frames: number): [number, number][] {
  const rs = entries.map((p) => {
    const [a, b] = entryRange(p);
    return [a - (a % unitFrames), Math.min(frames, Math.ceil(b / unitFrames) * unitFrames)] as [number, number];
  });
  rs.sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const r of rs) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/** The first pair of entries that overlap, as indexes, or null. */
export function overlappingEntries(entries: readonly PoisonEntry[]): [number, number] | null {
  const idx = entries.map((p, i) => [...entryRange(p), i] as [number, number, number]).sort((x, y) => x[0] - y[0] || x[2] - y[2]);
  // Sorted by start: a range overlaps an earlier one iff the furthest end so far passes its start.
  let far = 0;
  for (let k = 1; k < idx.length; k++) {
    if (idx[far][1] > idx[k][0]) return [Math.min(idx[far][2], idx[k][2]), Math.max(idx[far][2], idx[k][2])];
    if (idx[k][1] > idx[far][1]) far = k;
  }
  return null;
}

/** Default method per backing: UFFDIO_POISON where userfaultfd supports it, a hole punch on guest_memfd. */
export function defaultPoisonMethod(backing: Backing): PoisonMethod {
  return backing === 'guest_memfd' ? 'punch_hole' : 'uffdio_poison';
}

/** Why a method cannot make a poisoned page fault on this backing, or null when it can. */
export function poisonMethodProblem(method: PoisonMethod, backing: Backing): string | null {
  switch (method) {
    case 'uffdio_poison':
      return backing === 'guest_memfd'
        ? 'uffdio_poison installs a poison marker in the userspace page table (UFFDIO_POISON, Linux 6.6); guest_memfd is mapped into the guest from the file, not through userspace page tables, and userfaultfd on guest_memfd is not upstream (003_): use punch_hole'
        : null;
    case 'zap':
      if (backing === 'hugetlbfs') return 'zap (MADV_DONTNEED / MADV_ZAP) drops only the page-table entries; the page stays in the hugetlbfs file and the next fault maps it again without a MISSING fault: use punch_hole or uffdio_poison on hugetlbfs';
      if (backing === 'guest_memfd') return 'zap (MADV_DONTNEED) drops userspace page-table entries only; KVM maps guest_memfd pages from the file, so the guest would still read the page: use punch_hole';
      return null;
    case 'punch_hole':
      return backing === 'anonymous'
        ? 'punch_hole uses fallocate(FALLOC_FL_PUNCH_HOLE), which needs a file backing (shmem/tmpfs, hugetlbfs or guest_memfd), not anonymous memory: use zap or uffdio_poison'
        : null;
    default:
      return null;
  }
}
