import { z } from 'zod';
import { costsSchema } from './costs.js';
import { supportIssues, UFFD_MODES } from './mechanisms.js';
import { ACCESS_PATTERNS, ARCHES, BACKINGS, MECHANISMS, PAGE_SHIFT, PAGE_SIZES } from './vocabulary.js';

/**
 * The migration request: what a user submits and what the simulator consumes. It is the single
 * source of this shape: the HTTP body schema, the OpenAPI document and the simulator's input type
 * all derive from it. Limits are part of the schema so that they are validated and documented.
 *
 * Bounded work: the simulator skips over accesses that hit present pages analytically, so its cost
 * is proportional to the number of fault events (at most about one per 4 KiB frame plus joins),
 * background chunks (memory / 1 MiB), pre-copy rounds, device-restore reads and khugepaged collapses
 * (docs/model.md, "Bounds"). `limits.maxFaultEvents` and
 * `limits.maxSimulatedSeconds` cap a run; a run that reaches either ends with outcome "failed",
 * `truncated: true` and a failureReason naming the limit.
 */

export const MAX_MEMORY_MIB = 4 * 1024 * 1024; // 4 TiB
export const MAX_VCPUS = 1024;
export const MAX_POISONED_ENTRIES = 4096;
/** Hard ceiling of limits.maxFaultEvents: ~100 s of simulation at 1M events/s. */
export const MAX_FAULT_EVENTS = 100_000_000;
export const DEFAULT_MAX_FAULT_EVENTS = 10_000_000;
export const MAX_SIMULATED_SECONDS = 86_400;

const gfn = z.int().min(0).max(2 ** 40).describe('Guest frame number (4 KiB units).');

export const poisonedPageSchema = z.union([
  gfn,
  z.object({ start: gfn, count: z.int().min(1).max(2 ** 20) }).strict(),
]);

export const vmSchema = z
  .object({
    arch: z.enum(ARCHES).default('x86_64').describe('Guest architecture: x86_64 (EPT violations) or arm64 (stage-2 aborts).'),
    memoryMiB: z.int().min(1).max(MAX_MEMORY_MIB).describe('Guest memory size in MiB; a multiple of the page size.'),
    vcpus: z.int().min(1).max(MAX_VCPUS).describe('Number of vCPUs.'),
    pageSize: z.enum(PAGE_SIZES).default('4K').describe('Backing page size; 2M and 1G need hugetlbfs.'),
    backing: z.enum(BACKINGS).default('anonymous').describe('Memory backing of guest RAM on the target.'),
    thp: z.boolean().default(false).describe('Transparent huge pages enabled on the backing (anonymous/shmem only).'),
    khugepagedCollapsesPerSecond: z
      .number()
      .min(0)
      .max(100)
      .default(1)
      .describe('With thp on shmem: 2 MiB ranges khugepaged collapses per second (default scan: 4096 pages every 10 s). Under a MINOR registration a collapse maps pages without a fault (minor_thp_bypass).'),
    nested: z.boolean().default(false).describe('The guest runs nested VMs: KVM walks L1 EPT tables through __get_user.'),
    deviceRestorePages: z
      .int()
      .min(0)
      .max(1_000_000)
      .optional()
      .describe(
        'Guest pages the target reads with kvm_read_guest while restoring device state before resume (arm64 GICv3: ITS device, collection and interrupt-translation tables, LPI property and pending tables; KVM_DEV_ARM_ITS_RESTORE_TABLES). Default: 16 + 2 per vCPU on arm64, 0 on x86_64.',
      ),
    poisonedPages: z
      .array(poisonedPageSchema)
      .max(MAX_POISONED_ENTRIES)
      .default([])
      .describe('Pages the source host marked hardware-poisoned: gfns or {start, count} ranges.'),
  })
  .strict()
  .describe('The virtual machine being migrated.');

export const faultSourcesSchema = z
  .object({
    kvmUserAccessPerSecond: z
      .number()
      .min(0)
      .max(1e7)
      .default(1_000)
      .describe('Per vCPU: KVM copy_to/from_user accesses to the paravirtual pages (kvmclock, PV EOI, steal time; 3 pages per vCPU) per second.'),
    instructionEmulationPerSecond: z
      .number()
      .min(0)
      .max(1e7)
      .default(200)
      .describe('Per vCPU: instruction emulations per second; each walks guest page tables (gfn_to_pfn outside the EPT-violation path) at a working-set page.'),
    nestedWalkShare: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .describe('With vm.nested: share of guest-access faults raised by KVM walking L1 EPT tables (__get_user) instead of a stage-2 fault.'),
    vhostAccessesPerSecond: z
      .number()
      .min(0)
      .max(1e8)
      .default(0)
      .describe('Accesses by a vhost/VMM userspace thread to working-set pages per second (resolved by uffd, at huge-page size on hugetlbfs).'),
  })
  .strict()
  .describe('Fault sources other than guest accesses by the vCPUs (domain.md section 3).');

export const workloadSchema = z
  .object({
    pattern: z
      .enum(ACCESS_PATTERNS)
      .default('uniform')
      .describe(
        'uniform: any working-set page; zipf: hot pages (Zipf over page ranks); sequential: each vCPU scans its slice of the working set; random_walk: sequential runs with local jumps; demand_paging_test: like the KVM selftest, each vCPU touches each page of its own slice once.',
      ),
    workingSetMiB: z.int().min(1).max(MAX_MEMORY_MIB).optional().describe('Hot memory touched by the vCPUs; defaults to all of guest memory.'),
    writeRatio: z.number().min(0).max(1).default(0.3).describe('Fraction of accesses that are writes.'),
    accessesPerSecond: z
      .number()
      .positive()
      .max(1e9)
      .default(100_000)
      .describe('Guest accesses to distinct pages per vCPU per second of simulated time while the vCPU runs (one access every 1e9/accessesPerSecond ns).'),
    thinkTimeNs: z.int().min(0).max(1e9).default(1000).describe('Time a vCPU computes after a fault is resolved before its next access.'),
    zipfExponent: z.number().min(0).max(4).default(1.1).describe('Exponent s of the zipf pattern: page of rank r is accessed with weight (r+1)^-s.'),
    faultSources: faultSourcesSchema.default(faultSourcesSchema.parse({})),
  })
  .strict()
  .describe('What the vCPUs do after resume.');

export const backgroundCopySchema = z
  .object({
    enabled: z.boolean().default(true).describe('Push pages that were not requested in the background.'),
    bandwidthShare: z
      .number()
      .min(0.01)
      .max(1)
      .default(1)
      .describe('Share of link bandwidth the background copier may use (QEMU max-postcopy-bandwidth; 1 = unlimited, its default). Below 1 the copier is paced and the socket is mostly empty, so demand pages queue behind less data.'),
    order: z
      .enum(['sequential', 'near_recent_faults'])
      .default('sequential')
      .describe('sequential: ascending gfn; near_recent_faults: continue right after the most recent demand fault (QEMU-style locality).'),
  })
  .strict()
  .describe('The background (population) copier that pushes pages nobody asked for.');

export const precopySchema = z
  .object({
    rounds: z.int().min(0).max(30).default(0).describe('Pre-copy rounds before switchover (hybrid migration); 0 = pure post-copy.'),
    dirtyRateMiBps: z.number().min(0).max(1_000_000).default(256).describe('Rate at which the running guest dirties working-set memory during pre-copy, MiB/s.'),
  })
  .strict()
  .describe('Optional pre-copy rounds before switchover (hybrid migration).');

export const strategySchema = z
  .object({
    mechanism: z.enum(MECHANISMS).default('uffd_missing').describe('How a missing page reaches the VMM (domain.md section 2).'),
    uffdMode: z
      .enum(UFFD_MODES)
      .optional()
      .describe(
        'With kvm_exit_on_missing / kvm_userfault: the userfaultfd mode serving the other fault paths (missing = UFFDIO_COPY, minor = UFFDIO_CONTINUE, write_continue = guest_memfd write() + UFFDIO_CONTINUE). Default: minor on guest_memfd, missing otherwise.',
      ),
    handlerThreads: z.int().min(1).max(256).default(1).describe('userfaultfd handler threads reading the shared uffd.'),
    gmemUptodateCheck: z
      .boolean()
      .default(true)
      .describe(
        'guest_memfd write() + UFFDIO_CONTINUE: the fault path also checks that the folio is up to date, as Peter Xu asked of the RFC (003_). false reproduces the RFC as posted: a concurrent fault during write() maps a partially written page (partial_page_read violation).',
      ),
    poisonHandling: z
      .enum(['uffdio_poison', 'zap', 'punch_hole', 'none'])
      .default('uffdio_poison')
      .describe(
        'How the target keeps the guest from reading a page poisoned on the source: UFFDIO_POISON (Linux 6.6, the fault returns -EHWPOISON), zap (MADV_DONTNEED/MADV_ZAP) or punch_hole (fallocate) then inject a machine check on the fault, or none (the guest reads healthy memory: a poison_escape violation).',
      ),
    backgroundCopy: backgroundCopySchema.default(backgroundCopySchema.parse({})),
    precopy: precopySchema.default(precopySchema.parse({})),
    deviceRestore: z
      .object({
        preTransfer: z
          .boolean()
          .default(false)
          .describe('Userspace sends the pages it knows to hold GIC/ITS tables before resume (option 3 of the 001_ thread) instead of letting the restore fault on them.'),
        preTransferCoverage: z
          .number()
          .min(0)
          .max(1)
          .default(1)
          .describe('Share of the restore pages the VMM knows about and pre-transfers; a table it does not know (a new device) is missed and faults.'),
      })
      .strict()
      .default({ preTransfer: false, preTransferCoverage: 1 })
      .describe('How the target makes the device-state restore (ARM GIC/ITS) see guest memory.'),
  })
  .strict()
  .describe('How the target resolves missing pages.');

export const networkSchema = z
  .object({
    bandwidthGbps: z.number().min(0.01).max(800).default(25).describe('Link bandwidth between source and target, Gbit/s.'),
    rttUs: z.number().min(1).max(1_000_000).default(100).describe('Round-trip time between source and target in microseconds.'),
    postcopyPreempt: z
      .boolean()
      .default(false)
      .describe("Separate channel for urgent page requests (QEMU's postcopy-preempt): demand pages do not queue behind the background stream."),
    sourceLocal: z
      .boolean()
      .default(false)
      .describe('The source memory is local (as in demand_paging_test): a fetch is a memory copy, no link is involved.'),
    linkFailure: z
      .object({
        afterResumeMs: z.number().min(0).max(3_600_000).describe('When the link fails, in ms after the vCPUs resumed on the target.'),
        outageMs: z.number().min(0).max(3_600_000).default(1000).describe('How long the link stays down.'),
        recover: z
          .boolean()
          .default(true)
          .describe('QEMU postcopy-paused / migrate-recover: resume the migration when the link is back; false: the VM is lost.'),
      })
      .strict()
      .optional()
      .describe('Inject a link failure during post-copy (faults on missing pages stall until recovery).'),
  })
  .strict()
  .describe('The link between source and target.');

export const limitsSchema = z
  .object({
    maxFaultEvents: z
      .int()
      .min(1)
      .max(MAX_FAULT_EVENTS)
      .default(DEFAULT_MAX_FAULT_EVENTS)
      .describe(`Stop (outcome failed, truncated) after this many fault events. Hard maximum ${MAX_FAULT_EVENTS}.`),
    maxSimulatedSeconds: z
      .number()
      .positive()
      .max(MAX_SIMULATED_SECONDS)
      .default(3_600)
      .describe('Stop (outcome failed, truncated) when simulated post-copy time exceeds this.'),
  })
  .strict()
  .describe('Bounds on the work a single simulation may do.');

export const migrationSpecSchema = z
  .object({
    seed: z.int().min(0).max(2 ** 31 - 1).default(1).describe('Seed of the simulator random generator: the same spec and seed give identical results.'),
    vm: vmSchema,
    workload: workloadSchema.default(workloadSchema.parse({})),
    strategy: strategySchema.default(strategySchema.parse({})),
    network: networkSchema.default(networkSchema.parse({})),
    costs: costsSchema.optional(),
    limits: limitsSchema.default(limitsSchema.parse({})),
  })
  .strict()
  .superRefine((spec, ctx) => {
    const add = (path: (string | number)[], message: string): void => {
      ctx.addIssue({ code: 'custom', path, message });
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
    if (spec.network.sourceLocal && spec.network.linkFailure) {
      add(['network', 'linkFailure'], 'a link failure needs a link; with sourceLocal there is none');
    }
    if (spec.network.sourceLocal && spec.strategy.precopy.rounds > 0) {
      add(['strategy', 'precopy', 'rounds'], 'pre-copy rounds transfer memory over the link; with sourceLocal there is no link');
    }
    const ph = spec.strategy.poisonHandling;
    if (ph === 'punch_hole' && spec.vm.backing !== 'shmem' && spec.vm.backing !== 'hugetlbfs' && spec.vm.backing !== 'guest_memfd') {
      add(['strategy', 'poisonHandling'], 'punch_hole uses fallocate(FALLOC_FL_PUNCH_HOLE), which needs a file backing (shmem/tmpfs, hugetlbfs or guest_memfd), not anonymous memory');
    }
    if (ph === 'zap' && spec.vm.backing === 'hugetlbfs') {
      add(['strategy', 'poisonHandling'], 'zap (MADV_DONTNEED) does not drop hugetlbfs pages from the file: use punch_hole or uffdio_poison on hugetlbfs');
    }
    for (let i = 0; i < spec.vm.poisonedPages.length; i++) {
      const p = spec.vm.poisonedPages[i];
      const end = typeof p === 'number' ? p + 1 : p.start + p.count;
      if (end > frames) add(['vm', 'poisonedPages', i], `poisoned range ends at gfn ${end - 1}, beyond guest memory (${frames} frames)`);
    }
  })
  .meta({
    examples: [
      {
        seed: 42,
        vm: { arch: 'x86_64', memoryMiB: 256, vcpus: 4 },
        workload: { pattern: 'zipf' },
        strategy: { mechanism: 'uffd_missing' },
        network: { bandwidthGbps: 25, rttUs: 50 },
      },
    ],
  });

export type MigrationSpecInput = z.input<typeof migrationSpecSchema>;
export type MigrationSpec = z.output<typeof migrationSpecSchema>;
