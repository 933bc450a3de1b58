import { z } from 'zod';
import { costsSchema } from './costs.js';
import { DEVICE_ID_BITS } from './gic.js';
import { UFFD_MODES } from './mechanisms.js';
import { POISON_METHODS, POISON_PLACEMENTS, POISON_POLICIES } from './poison.js';
import { crossFieldIssues } from './spec-checks.js';
import { gicSchema } from './spec-gic.js';
import { DEFAULT_MAX_FAULT_EVENTS, MAX_FAULT_EVENTS, MAX_ITS_DEVICES, MAX_LINK_FAILURES, MAX_MEMORY_MIB, MAX_POISONED_ENTRIES, MAX_POISONED_FRAMES, MAX_SIMULATED_SECONDS, MAX_VCPUS } from './spec-limits.js';
import { ACCESS_PATTERNS, ARCHES, BACKINGS, MECHANISMS, PAGE_SIZES } from './vocabulary.js';

/**
 * The migration request: what a user submits and what the simulator consumes. It is the single
 * source of this shape: the HTTP body schema, the OpenAPI document and the simulator's input type
 * all derive from it. Limits are part of the schema so that they are validated and documented.
 *
 * Bounded work: the simulator skips over accesses that hit present pages analytically, so its cost
 * is proportional to the number of fault events (at most about one per 4 KiB frame plus joins),
 * background chunks (memory / 1 MiB), pre-copy rounds, device-restore reads and khugepaged collapses
 * (docs/model.md, "Bounds"). `limits.maxFaultEvents` and
 * `limits.maxSimulatedSeconds` cap a run; a run that reaches either ends with outcome "truncated"
 * (a result: the migration still succeeds) and a failureReason naming the limit.
 */

export * from './spec-limits.js';

const gfn = z.int().min(0).max(2 ** 40).describe('Guest frame number (4 KiB units).');

const poisonedPageSchema = z.union([
  gfn,
  z
    .object({
      start: gfn,
      count: z.int().min(1).max(2 ** 20).describe('Number of consecutive 4 KiB frames.'),
      poisonedDuringPrecopy: z
        .boolean()
        .default(false)
        .describe(
          'The hardware poisoned these pages after pre-copy had sent them (needs strategy.precopy.rounds >= 1): the target holds a mapped, healthy-looking copy that must be zapped before resume (UFFDIO_POISON fails with -EEXIST on a mapped page).',
        ),
    })
    .strict(),
]);

const vmSchema = z
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
    zeroPageFraction: z
      .number()
      .min(0)
      .max(1)
      .default(0)
      .describe(
        'Fraction of guest pages that hold only zeros on the source (never written, or freed and cleared), scattered over memory by a hash of the seed; whole backing pages (a huge page is zero as a whole). A zero page travels as a flag (9 bytes: QEMU RAM_SAVE_FLAG_ZERO) instead of 4 KiB and is installed with UFFDIO_ZEROPAGE (no copy). Default 0: every page has data (docs/model.md, section 5b).',
      ),
    ras: z
      .boolean()
      .default(true)
      .describe('The guest handles machine checks (RAS: MCA on x86_64, SEA via APEI/GHES on arm64). Without it a machine check for a poisoned page cannot be delivered and the VM stops.'),
    gic: gicSchema.optional(),
    poisonedPages: z
      .array(poisonedPageSchema)
      .max(MAX_POISONED_ENTRIES)
      .default([])
      .describe(
        `Pages the source host marked hardware-poisoned: gfns or {start, count} ranges, inside guest memory, not overlapping, at most ${MAX_POISONED_FRAMES} frames and at most half of guest memory. They are never transferred.`,
      ),
    poisonPlacement: z
      .enum(POISON_PLACEMENTS)
      .default('gfn')
      .describe(
        'What the numbers in vm.poisonedPages are. gfn (default): guest frame numbers, wherever the workload\'s seeded placement puts its hot pages. hot: positions in the working set, hottest first (0 = the most-accessed page under zipf; any working-set page under uniform), so the guest touches its poisoned pages; cold: positions in the memory outside the working set (needs workload.workingSetMiB below memoryMiB), which the vCPUs never touch. The run\'s placement turns positions into gfns (docs/model.md, section 7b).',
      ),
  })
  .strict()
  .describe('The virtual machine being migrated.');

const faultSourcesSchema = z
  .object({
    kvmUserAccessPerSecond: z
      .number()
      .min(0)
      .max(1e7)
      .default(1_000)
      .describe('Per vCPU: KVM copy_to/from_user accesses to the paravirtual pages per second (x86_64: kvmclock, PV EOI, steal time, 3 pages per vCPU; arm64: the stolen-time page only).'),
    instructionEmulationPerSecond: z
      .number()
      .min(0)
      .max(1e7)
      .default(200)
      .describe('Per vCPU: instruction emulations per second; each reads the instruction bytes and walks the guest page tables of the code the vCPU runs (kvm_read_guest outside the EPT-violation path): a page within 64 KiB of its latest guest fault.'),
    nestedWalkShare: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .describe(
        'With vm.nested: walks of L1\'s EPT tables by KVM (FNAME(walk_addr_generic) reading each entry with get_user) per guest access, so each vCPU walks nestedWalkShare x accessesPerSecond times per second; a walk reads a page of nestedTablePages and faults (path nested_walk) when that page is missing. Default 0.5 (docs/model.md, section 3).',
      ),
    nestedTablePages: z
      .int()
      .min(1)
      .max(MAX_MEMORY_MIB * 256)
      .optional()
      .describe(
        'With vm.nested: the 4 KiB pages holding L1\'s EPT tables for its L2 guests, the only pages nested walks read: a region of the working set at a position drawn from the seed (capped at the working set). Default: one page per 2 MiB of the working set (a table of 512 8-byte entries, L2 memory mapped at 4 KiB), e.g. 512 pages for 1 GiB.',
      ),
    vhostAccessesPerSecond: z
      .number()
      .min(0)
      .max(1e8)
      .default(0)
      .describe('Accesses by a vhost/VMM userspace thread to its buffer pages per second (resolved by uffd, at huge-page size on hugetlbfs).'),
    vhostBufferMiB: z
      .int()
      .min(1)
      .max(MAX_MEMORY_MIB)
      .default(8)
      .describe(
        'Guest memory the vhost/VMM thread touches: the virtqueue rings and the packet buffers the guest posted, a region of the working set at a position drawn from the seed (capped at the working set). 8 MiB: virtio-net with 4 queue pairs, 256 descriptors per queue and a page-sized buffer per descriptor (mergeable RX buffers), rings included.',
      ),
  })
  .strict()
  .describe('Fault sources other than guest accesses by the vCPUs (docs/model.md, section 3).');

const workloadSchema = z
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
    asyncPageFaults: z
      .boolean()
      .default(false)
      .describe(
        'KVM async page faults (KVM_ASYNC_PF, x86_64 only; a 400 on arm64, which has none upstream, and with KVM exit mechanisms, whose vCPU thread resolves the fault itself): a vCPU whose guest task faults in user mode on a missing page is not stalled; KVM injects "page not present", the guest runs another task (its other accesses go on) and KVM\'s async-PF worker faults the page in (path async_page_fault), at most 64 outstanding per vCPU (ASYNC_PF_PER_VCPU). Kernel-mode faults, KVM\'s own accesses and nested walks still block. Default false (docs/model.md, section 3).',
      ),
    userModeShare: z
      .number()
      .min(0)
      .max(1)
      .default(1)
      .describe('With asyncPageFaults: the share of guest accesses made in guest user mode (only those can be asynchronous; a fault in kernel mode blocks the vCPU). Default 1.'),
    zipfExponent: z.number().min(0).max(4).default(1.1).describe('Exponent s of the zipf pattern: page of rank r is accessed with weight (r+1)^-s.'),
    faultSources: faultSourcesSchema.default(faultSourcesSchema.parse({})),
  })
  .strict()
  .describe('What the vCPUs do after resume.');

const backgroundCopySchema = z
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

const precopySchema = z
  .object({
    rounds: z.int().min(0).max(30).default(0).describe('Pre-copy rounds before switchover (hybrid migration); 0 = pure post-copy.'),
    dirtyRateMiBps: z.number().min(0).max(1_000_000).default(256).describe('Rate at which the running guest dirties working-set memory during pre-copy, MiB/s.'),
  })
  .strict()
  .describe('Optional pre-copy rounds before switchover (hybrid migration).');

const strategySchema = z
  .object({
    mechanism: z.enum(MECHANISMS).default('uffd_missing').describe('How a missing page reaches the VMM (docs/model.md, section 4).'),
    uffdMode: z
      .enum(UFFD_MODES)
      .optional()
      .describe(
        'With kvm_exit_on_missing / kvm_userfault: the userfaultfd mode serving the other fault paths (missing = UFFDIO_COPY, minor = UFFDIO_CONTINUE, write_continue = guest_memfd write() + UFFDIO_CONTINUE). Default: minor on guest_memfd, missing otherwise.',
      ),
    handlerThreads: z.int().min(1).max(256).default(1).describe('userfaultfd handler threads reading each uffd.'),
    uffdCount: z
      .int()
      .min(1)
      .max(MAX_VCPUS)
      .default(1)
      .describe(
        'userfaultfds, each registered on an equal range of guest memory, with its own wait queue, lock and handlerThreads readers: a fault goes to the one registered on its page. 1: one shared by all memory (QEMU); vm.vcpus with pattern demand_paging_test: one per vCPU slice, as the selftest does.',
      ),
    uffdWake: z
      .enum(['poll', 'epoll_exclusive'])
      .default('poll')
      .describe('How parked readers wait for a message: poll() wakes every one of them (a thundering herd, uffd_poll_herd_per_reader_ns each); EPOLLEXCLUSIVE wakes one.'),
    hugetlbMapping: z
      .enum(['huge_page', 'hgm_4k'])
      .default('huge_page')
      .describe(
        'hugetlbfs with 2M/1G pages: how a missing page is filled, by every mechanism. huge_page: the whole huge page (what the kernel can map today, so a KVM exit fetches 2 MiB or 1 GiB too); hgm_4k: 4 KiB at a time through HugeTLB high-granularity mapping, as the 002_ thread assumes (proposed, not merged).',
      ),
    gmemUptodateCheck: z
      .boolean()
      .default(true)
      .describe(
        'guest_memfd write() + UFFDIO_CONTINUE: the fault path also checks that the folio is up to date, as Peter Xu asked of the RFC (003_). false reproduces the RFC as posted: a concurrent fault during write() maps a partially written page (partial_page_read violation).',
      ),
    poisonHandling: z
      .enum(POISON_METHODS)
      .optional()
      .describe(
        'How the target makes poisoned pages fault before resume: uffdio_poison (UFFDIO_POISON, Linux 6.6: a poison PTE marker, the access faults with VM_FAULT_HWPOISON and KVM injects the machine check; -EEXIST on a page that is already mapped; anonymous, shmem, hugetlbfs), zap (MADV_DONTNEED / the proposed MADV_ZAP, then a missing-page fault answered with a machine check; anonymous, shmem), punch_hole (fallocate(FALLOC_FL_PUNCH_HOLE); shmem, hugetlbfs, guest_memfd), or none (no interception: the guest reads a healthy page where its data was poisoned, a poison_escape violation). Default: uffdio_poison, punch_hole on guest_memfd.',
      ),
    poisonPolicy: z
      .enum(POISON_POLICIES)
      .default('intercept')
      .describe(
        'intercept: migrate and keep the poisoned pages poisoned on the target (poisonHandling); strict: refuse to migrate a VM that has poisoned pages, as QEMU does today (migrate_prepare: "Can\'t migrate this vm with hardware poisoned memory").',
      ),
    backgroundCopy: backgroundCopySchema.default(backgroundCopySchema.parse({})),
    precopy: precopySchema.default(precopySchema.parse({})),
    deviceRestore: z
      .object({
        preTransfer: z
          .boolean()
          .default(false)
          .describe(
            'The VMM sends every page holding a GIC/ITS table it knows of before resume (option 3 of the 001_ thread) instead of letting the restore fault on them. Pages it misses fault on the device_restore path: uffd serves them (strategy.uffdMode), or, with a KVM mechanism and uffdMode none, the restore fails with -EFAULT.',
          ),
        preTransferMissingDevices: z
          .array(z.int().min(0).max(2 ** DEVICE_ID_BITS - 1))
          .max(MAX_ITS_DEVICES)
          .default([])
          .describe('Declares the pre-transfer list incomplete: DeviceIDs added after the list was made, whose interrupt translation table (and level-2 device table, if no known device shares it) the list lacks.'),
        vcpuStart: z
          .enum(['after_restore', 'before_restore_tables'])
          .default('after_restore')
          .describe(
            'after_restore: the vCPUs start after GITS_CTLR, as KVM documents; before_restore_tables: the VMM starts them before KVM_DEV_ARM_ITS_RESTORE_TABLES to shorten the downtime, and the ioctl fails with -EBUSY (KVM must lock every vCPU).',
          ),
      })
      .strict()
      .default({ preTransfer: false, preTransferMissingDevices: [], vcpuStart: 'after_restore' })
      .describe('How the target makes the ARM GIC/ITS restore (KVM_DEV_ARM_ITS_RESTORE_TABLES) see guest memory that has not arrived (arm64).'),
  })
  .strict()
  .describe('How the target resolves missing pages.');

const networkSchema = z
  .object({
    bandwidthGbps: z.number().min(0.01).max(800).default(25).describe('Link bandwidth between source and target, Gbit/s.'),
    rttUs: z.number().min(1).max(1_000_000).default(100).describe('Round-trip time between source and target in microseconds.'),
    postcopyPreempt: z
      .boolean()
      .default(false)
      .describe("Separate channel for urgent page requests (QEMU's postcopy-preempt): demand pages do not queue behind the background stream."),
    preemptSender: z
      .enum(['return_path', 'migration_thread'])
      .default('return_path')
      .describe(
        'With postcopyPreempt: which source thread sends an urgent page. return_path (default; Peter Xu\'s "Postcopy Preempt-Full", QEMU since late 2022): the return-path thread that read the request sends it at once. migration_thread (the original postcopy-preempt, as [PX] measured it): the migration thread sends it, and when its background write finds the main socket full that thread sleeps in sendmsg() until a third of the send buffer (costs.send_buffer_kib) has drained, as a TCP sender does, so an urgent page may wait that long (3.6 ms at 10 Gbit/s with the default buffer; docs/model.md, section 5).',
      ),
    demandChannel: z
      .enum(['migration_stream', 'separate_connection'])
      .default('migration_stream')
      .describe(
        'Where a page fetched for a KVM exit travels. migration_stream: in the migration stream like every demand page (the preempt channel with postcopyPreempt), usable once the receive side has consumed what is queued ahead of it; separate_connection: a VMM design that fetches exit pages over a connection of their own, installed by the vCPU thread on arrival.',
      ),
    multifdChannels: z
      .int()
      .min(1)
      .max(16)
      .default(1)
      .describe(
        'Multifd connections (QEMU multifd-channels), each with its own receive thread on the target. As in QEMU (10.1+, which allows multifd with postcopy-ram) they carry the pre-copy rounds and stop at the switch to post-copy, where the background stream goes on the main channel (urgent pages on the preempt channel with postcopyPreempt); the model\'s pre-copy is bound by the wire, so they change nothing there. With multifdInPostcopy they also carry the post-copy background copy. Default 1 (docs/model.md, section 5).',
      ),
    multifdInPostcopy: z
      .boolean()
      .default(false)
      .describe(
        'With multifdChannels > 1: a VMM that keeps streaming the post-copy background copy over the multifd connections (they share the link bandwidth but install their chunks in parallel, lifting the one-receive-thread cap of ~14.7 Gbit/s; the migration thread then writes no background data, so preemptSender migration_thread does not wait). Default false: QEMU, whose multifd threads stop sending once post-copy starts (docs/model.md, section 5).',
      ),
    sourceLocal: z
      .boolean()
      .default(false)
      .describe('The source memory is local (as in demand_paging_test): a fetch is a memory copy, no link is involved.'),
    failures: z
      .array(
        z
          .object({
            component: z
              .enum(['link', 'source'])
              .default('link')
              .describe('link: the migration channels break; source: the source host stops serving (hangs for durationMs, or crashes for good and its memory is gone).'),
            afterResumeMs: z.number().min(0).max(3_600_000).optional().describe('When it fails, in ms after the vCPUs resumed on the target (during post-copy). Give this or atMs.'),
            atMs: z
              .number()
              .min(-3_600_000)
              .max(3_600_000)
              .optional()
              .describe(
                'When it fails, in ms from the moment the source paused the VM (t = 0 of every timestamp; give this or afterResumeMs): negative during pre-copy (needs strategy.precopy.rounds >= 1; before the first round: at its start), from 0 until the vCPUs resume during the switchover (device state sent and loaded, GIC/ITS restore), later during post-copy. A failure before resume aborts the migration: the VM stays on the source (docs/model.md, section 7d).',
              ),
            durationMs: z
              .number()
              .positive()
              .max(3_600_000)
              .optional()
              .describe('How long until it is back; omitted: for good (the VM is lost if post-copy has not finished).'),
          })
          .strict(),
      )
      .max(MAX_LINK_FAILURES)
      .default([])
      .describe(
        'Failures of the link or the source. During post-copy a broken link or an unresponsive source pauses the migration (QEMU postcopy-paused): faulting vCPUs stay blocked; when it is back, recovery (postcopy-recover) re-sends what the failure cut. If it never comes back the VM is lost. During pre-copy or the switchover (atMs before resume) the migration is aborted and the VM stays on the source, or is lost with a source that fails for good.',
      ),
    postcopyRecovery: z
      .boolean()
      .default(true)
      .describe('The management layer issues migrate-recover when a failed component is back; false: a paused post-copy never resumes and the VM is lost.'),
  })
  .strict()
  .describe('The link between source and target.');

const limitsSchema = z
  .object({
    maxFaultEvents: z
      .int()
      .min(1)
      .max(MAX_FAULT_EVENTS)
      .default(DEFAULT_MAX_FAULT_EVENTS)
      .describe(`Stop (outcome truncated) after this many fault events. Hard maximum ${MAX_FAULT_EVENTS}.`),
    maxSimulatedSeconds: z
      .number()
      .positive()
      .max(MAX_SIMULATED_SECONDS)
      .default(3_600)
      .describe('Stop (outcome truncated) when simulated post-copy time exceeds this.'),
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
    host: z
      .object({
        costScale: z
          .number()
          .min(0.1)
          .max(20)
          .default(1)
          .describe(
            'Multiplies every per-operation CPU cost (the ns and ns/KiB cost parameters, on both hosts; not sizes, not the management layer\'s recovery time) for hosts slower (> 1) or faster (< 1) than the calibration host (docs/validation.md). Explicit costs overrides are taken as they are.',
          ),
      })
      .strict()
      .default({ costScale: 1 })
      .describe('The hosts the migration runs on, relative to the calibration host.'),
    limits: limitsSchema.default(limitsSchema.parse({})),
  })
  .strict()
  // Cross-field rules run only on values that passed their own limits: a vcpus count of 2^31 must
  // not reach the GIC layout (issue: one small request exhausted the API's heap).
  .superRefine(
    (spec, ctx) => {
      for (const { path, message } of crossFieldIssues(spec)) ctx.addIssue({ code: 'custom', path, message });
    },
    { when: (payload) => payload.issues.length === 0 },
  )
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
