/**
 * The rules of a migration request that span several fields (kernel support of a mechanism on a
 * backing, sizes that must divide, poisoned ranges inside memory, a GIC layout that fits). They run
 * only after every field passed its own limits, so each check works on bounded values.
 */
import { DEFAULT_GIC, gicLayout } from './gic.js';
import { supportIssues } from './mechanisms.js';
import { entryRange, overlappingEntries, placePoisonEntries, poisonMethodProblem, poisonPositions, poisonRanges } from './poison.js';
import { MAX_POISONED_FRAMES } from './spec-limits.js';
import type { MigrationSpec } from './spec.js';
import { PAGE_SHIFT } from './vocabulary.js';

export interface SpecIssue {
  path: (string | number)[];
  message: string;
}

export function crossFieldIssues(spec: MigrationSpec): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const add = (path: (string | number)[], message: string): void => {
    issues.push({ path, message });
  };
  for (const issue of supportIssues({
    pageSize: spec.vm.pageSize,
    backing: spec.vm.backing,
    thp: spec.vm.thp,
    mechanism: spec.strategy.mechanism,
    uffdMode: spec.strategy.uffdMode,
  })) {
    add(issue.path, issue.message);
  }
  const pageMiB = 2 ** (PAGE_SHIFT[spec.vm.pageSize] - 20);
  if (pageMiB > 1 && spec.vm.memoryMiB % pageMiB !== 0) {
    add(['vm', 'memoryMiB'], `memoryMiB must be a multiple of the page size (${spec.vm.pageSize} = ${pageMiB} MiB)`);
  }
  if (spec.strategy.hugetlbMapping === 'hgm_4k' && (spec.vm.backing !== 'hugetlbfs' || spec.vm.pageSize === '4K')) {
    add(['strategy', 'hugetlbMapping'], 'hgm_4k maps huge pages at 4 KiB granularity: it needs hugetlbfs with 2M or 1G pages');
  }
  if (spec.workload.workingSetMiB !== undefined && spec.workload.workingSetMiB > spec.vm.memoryMiB) {
    add(['workload', 'workingSetMiB'], 'workingSetMiB cannot exceed memoryMiB');
  }
  const frames = spec.vm.memoryMiB * 256;
  if ((spec.workload.pattern === 'demand_paging_test' || spec.workload.pattern === 'sequential') && spec.vm.vcpus > frames) {
    add(['vm', 'vcpus'], `pattern ${spec.workload.pattern} gives each vCPU its own slice of memory: more vCPUs than 4 KiB pages`);
  }
  if (spec.network.sourceLocal && spec.network.postcopyPreempt) {
    add(['network', 'postcopyPreempt'], 'postcopyPreempt is a second network channel; with sourceLocal there is no link');
  }
  if (spec.network.sourceLocal && spec.network.failures.length > 0) {
    add(['network', 'failures'], 'link and source failures need a link; with sourceLocal there is none');
  }
  if (spec.workload.asyncPageFaults) {
    if (spec.vm.arch === 'arm64') add(['workload', 'asyncPageFaults'], 'arm64 has no async page faults upstream (KVM_ASYNC_PF is x86 only)');
    else if (spec.strategy.mechanism === 'kvm_exit_on_missing' || spec.strategy.mechanism === 'kvm_userfault') {
      add(['workload', 'asyncPageFaults'], `with ${spec.strategy.mechanism} a vCPU fault exits to userspace and the vCPU thread resolves it itself: KVM's async page faults need the fault resolved in the kernel (a uffd mechanism)`);
    } else if (spec.network.sourceLocal) add(['workload', 'asyncPageFaults'], 'with sourceLocal a fault is a memory copy: nothing to overlap');
  }
  spec.network.failures.forEach((f, i) => {
    if ((f.afterResumeMs === undefined) === (f.atMs === undefined)) {
      add(['network', 'failures', i, f.atMs === undefined ? 'afterResumeMs' : 'atMs'], 'give exactly one of afterResumeMs (after resume) and atMs (from the pause, t = 0)');
    } else if (f.atMs !== undefined && f.atMs < 0 && spec.strategy.precopy.rounds === 0) {
      add(['network', 'failures', i, 'atMs'], 'a negative atMs is a failure during pre-copy: it needs strategy.precopy.rounds >= 1 (without pre-copy the migration starts at the pause, t = 0)');
    }
  });
  if (spec.network.sourceLocal && spec.strategy.precopy.rounds > 0) {
    add(['strategy', 'precopy', 'rounds'], 'pre-copy rounds transfer memory over the link; with sourceLocal there is no link');
  }
  // Poisoned pages: inside memory, no duplicates, a sane total, a method this backing supports.
  const ph = spec.strategy.poisonHandling;
  if (ph !== undefined) {
    const problem = poisonMethodProblem(ph, spec.vm.backing);
    if (problem) add(['strategy', 'poisonHandling'], problem);
  }
  const poisoned = spec.vm.poisonedPages;
  const placement = spec.vm.poisonPlacement;
  const workingSetFrames = Math.min(frames, (spec.workload.workingSetMiB ?? spec.vm.memoryMiB) * 256);
  const positions = poisonPositions(placement, frames, workingSetFrames);
  let poisonOk = true;
  let listed = 0;
  if (placement === 'cold' && poisoned.length > 0 && positions === 0) {
    add(['vm', 'poisonPlacement'], 'cold places poisoned pages outside the working set, and the working set is all of guest memory: set workload.workingSetMiB below memoryMiB');
    poisonOk = false;
  }
  for (let i = 0; i < poisoned.length; i++) {
    const p = poisoned[i];
    const [a, b] = entryRange(p);
    listed += b - a;
    if (b > positions && positions > 0) {
      const where = placement === 'gfn' ? `gfn ${b - 1}, beyond guest memory (${frames} frames)` : `position ${b - 1}, beyond the ${positions} frames ${placement === 'hot' ? 'of the working set' : 'outside the working set'} (vm.poisonPlacement ${placement})`;
      add(['vm', 'poisonedPages', i], `poisoned range ends at ${where}`);
      poisonOk = false;
    }
    if (typeof p !== 'number' && p.poisonedDuringPrecopy && spec.strategy.precopy.rounds === 0) {
      add(['vm', 'poisonedPages', i, 'poisonedDuringPrecopy'], 'pages poisoned during pre-copy need pre-copy rounds (strategy.precopy.rounds >= 1)');
    }
  }
  const dup = overlappingEntries(poisoned);
  if (dup) {
    const [i, j] = dup;
    const [a, b] = entryRange(poisoned[j]);
    add(['vm', 'poisonedPages', j], `poisoned entry ${j} (${placement === 'gfn' ? 'gfns' : 'positions'} ${a}-${b - 1}) duplicates or overlaps entry ${i}: list each poisoned page once`);
    poisonOk = false;
  }
  if (listed > MAX_POISONED_FRAMES || listed > frames / 2) {
    add(['vm', 'poisonedPages'], `${listed} poisoned frames listed: at most ${MAX_POISONED_FRAMES} and at most half of guest memory (${Math.floor(frames / 2)} frames)`);
    poisonOk = false;
  }
  // Where the poisoned pages are in guest memory (positions of hot/cold placed by the run's placement).
  const unitFrames = spec.vm.backing === 'hugetlbfs' ? 2 ** (PAGE_SHIFT[spec.vm.pageSize] - 12) : 1;
  const poisonedGfns = poisonOk ? placePoisonEntries(poisoned, placement, { frames, workingSetFrames, hugeFrames: unitFrames, pattern: spec.workload.pattern, seed: spec.seed }) : [];
  if (poisonOk && spec.vm.backing === 'hugetlbfs' && spec.vm.pageSize !== '4K') {
    // The half-of-memory cap holds after the blast radius: on hugetlbfs a poisoned 4 KiB frame takes its whole huge page.
    const unit = 2 ** (PAGE_SHIFT[spec.vm.pageSize] - 12);
    const widened = poisonRanges(poisonedGfns, unit, frames).reduce((n, [a, b]) => n + b - a, 0);
    if (widened > frames / 2) {
      add(['vm', 'poisonedPages'], `${listed} poisoned frames listed make ${widened} frames unreachable on ${spec.vm.pageSize} hugetlbfs (each takes its whole huge page): at most half of guest memory (${Math.floor(frames / 2)} frames)`);
      poisonOk = false;
    }
  }
  // The GIC/ITS (arm64 only): tables inside guest memory, aligned, clear of each other and of poison.
  const gic = spec.vm.gic;
  if (gic !== undefined && spec.vm.arch !== 'arm64') {
    add(['vm', 'gic'], `${spec.vm.arch} has no GIC: vm.gic describes the ARM GICv3 redistributors and ITS, only valid with arch arm64`);
  } else if (spec.vm.arch === 'arm64' && poisonOk) {
    const unit = spec.vm.backing === 'hugetlbfs' ? 2 ** (PAGE_SHIFT[spec.vm.pageSize] - 12) : 1;
    const input = gic ?? DEFAULT_GIC;
    const { layout, issues } = gicLayout(input, spec.vm.vcpus, frames * 4096, spec.seed, poisonRanges(poisonedGfns, unit, frames));
    for (const issue of issues) add(issue.path, issue.message);
    const known = new Set((layout?.devices ?? []).map((d) => d.deviceId));
    spec.strategy.deviceRestore.preTransferMissingDevices.forEach((id, i) => {
      if (layout && !known.has(id)) add(['strategy', 'deviceRestore', 'preTransferMissingDevices', i], `DeviceID ${id} is not one of the ITS devices (vm.gic.its.devices)`);
    });
  }
  if (spec.strategy.deviceRestore.preTransferMissingDevices.length > 0 && !spec.strategy.deviceRestore.preTransfer) {
    add(['strategy', 'deviceRestore', 'preTransferMissingDevices'], 'preTransferMissingDevices declares the pre-transfer list incomplete: it needs strategy.deviceRestore.preTransfer');
  }
  return issues;
}
