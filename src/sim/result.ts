import { z } from 'zod';
import { VIOLATION_KINDS } from './vocabulary.js';

/** Latency distribution of a set of faults, in simulated nanoseconds. */
const latencySchema = z.object({
  count: z.int(),
  meanNs: z.int().describe('Mean latency (0 when count is 0).'),
  p50Ns: z.int(),
  p90Ns: z.int(),
  p99Ns: z.int(),
  maxNs: z.int(),
});

/**
 * Every violation of a run is recorded, in the order the simulator detected them, up to this many (beyond it they
 * are only counted): the list GET /v1/migrations/{id}/violations pages through.
 */
export const MAX_RECORDED_VIOLATIONS = 100_000;
/** The summary carries only the first few violations (a sample); the rest are paged from the API. */
export const VIOLATION_SAMPLE_SIZE = 20;

/** A correctness violation (domain.md sections 6 and 7); the run is then `correct: false`. */
export const violationSchema = z.object({
  kind: z
    .enum(VIOLATION_KINDS)
    .describe(
      'partial_page_read, minor_thp_bypass, zero_page_exposed, its_state_lost, poison_escape, restore_failure (docs/hazards.md); ran_on_missing_page and poison_transferred would be simulator bugs.',
    ),
  atNs: z.int().describe('When it happened (simulated ns; t = 0: source paused).'),
  gfn: z.number().nullable().describe('The guest frame involved, if any.'),
  vcpu: z.int().nullable().describe('The vCPU involved; null for the vhost/VMM thread, khugepaged and the device restore.'),
  detail: z.string().describe('What happened, in a sentence.'),
});

export type Violation = z.infer<typeof violationSchema>;

/**
 * How a simulated migration ended. Each is a result of the simulation (the migration's status is
 * then `succeeded`); only `completed` moved the VM.
 */
const MIGRATION_OUTCOMES = ['completed', 'vm_lost', 'refused', 'aborted', 'truncated', 'stalled'] as const;
export type MigrationOutcome = (typeof MIGRATION_OUTCOMES)[number];

/** The summary of a finished simulation (domain.md section 6). */
export const migrationResultSchema = z.object({
  outcome: z
    .enum(MIGRATION_OUTCOMES)
    .describe(
      'How the simulated migration ended (docs/model.md, section 8). completed: every page that is not poisoned reached the target. vm_lost: the VM was lost (a link or source failure it could not survive, an instruction emulation that read a poisoned page, a machine check it could not deliver, or the device-state restore failed). refused: nothing moved (strict poison policy). aborted: a link or source failure before the vCPUs ran on the target (pre-copy, switchover) ended the migration; the VM stays on the source. truncated: a limit (limits.maxFaultEvents / maxSimulatedSeconds) stopped the run. stalled: no event was left while pages were still missing. Every outcome is a result: the migration\'s status is succeeded whenever the simulator ran to its end.',
    ),
  correct: z.boolean().describe('True only when the migration completed and no correctness violation happened (false for every other outcome).'),
  guestImpaired: z
    .boolean()
    .describe(
      'The guest runs on but poison reached by a kernel access left part of it broken: a vCPU livelocked on a nested walk (poison.livelockedVcpus) or the vhost virtqueue broken (poison.virtqueueBrokenAtNs). Not a correctness violation (no memory content is wrong, and the same poison does the same on the source), so correct may be true; the verdict then says GUEST IMPAIRED instead of completed correctly. False for a lost or refused VM.',
    ),
  verdict: z
    .string()
    .describe(
      'One plain sentence: completed correctly, NOT CORRECT (completed with violations, counted by kind), VM LOST, REFUSED, ABORTED, TRUNCATED or STALLED (each with the reason, and the violations if any), and GUEST IMPAIRED when guestImpaired.',
    ),
  failureReason: z.string().nullable().describe('Why the outcome is not completed (null when it is).'),
  truncated: z.boolean().describe('Kept for older clients: the same as outcome = truncated (a limit stopped the run).'),
  violations: z
    .array(violationSchema)
    .describe(
      `A sample: the first ${VIOLATION_SAMPLE_SIZE} correctness violations, in the order the simulator detected them (nearly by atNs). GET /v1/migrations/{id}/violations pages through every recorded one (violationsRecorded).`,
    ),
  violationCount: z.int().min(0).describe('Number of correctness violations: the true count, whatever the lists hold.'),
  violationsRecorded: z
    .int()
    .min(0)
    .describe(
      `Violations recorded one by one, and listed by GET /v1/migrations/{id}/violations: every one up to ${MAX_RECORDED_VIOLATIONS.toLocaleString('en-US')} (beyond, they are only counted in violationCount and violationsByKind).`,
    ),
  violationsByKind: z.record(z.string(), z.int()).describe('Every violation counted by kind (the true counts).'),
  timing: z.object({
    totalNs: z.int().describe("Setup + pre-copy + downtime + post-copy (QEMU's total-time)."),
    setupNs: z
      .int()
      .describe("QEMU's setup-time: from the start of the migration to its first transfer. The model charges the connection of the migration channel (one round trip; 0 for a local source or a refused migration)."),
    downtimeNs: z.int().describe('Source paused until the vCPUs resumed on the target.'),
    postcopyNs: z.int().describe('Resume until the last page arrived.'),
    precopyNs: z.int().describe('Duration of the pre-copy rounds before the pause (0 for pure post-copy).'),
  }),
  phases: z.array(z.object({ name: z.string(), atNs: z.int() })).describe('Timestamps relative to the source pause (t = 0); pre-copy phases are negative.'),
  pages: z.object({
    total: z.number().describe('Guest memory in 4 KiB frames.'),
    background: z.number().describe('Frames that arrived by the background copy.'),
    demand: z.number().describe('Frames that arrived by a demand fetch.'),
    preTransferred: z.number().describe('Frames already on the target at switchover (pre-copy).'),
    missing: z.number().describe('Frames that never arrived (failed or truncated runs).'),
    poisoned: z.number().describe('Frames poisoned on the source (whole huge pages on hugetlbfs): never transferred.'),
    zeroFilled: z.number().describe('Frames the kernel filled with zeros because nothing intercepted the fault (zero_page_exposed): their content never arrives.'),
    frameBytes: z.number().describe('Size of the unit counted above: 4096.'),
    sentAsZero: z
      .number()
      .describe('Of the frames that travelled (pre-copy, background, demand), those that were zero on the source (vm.zeroPageFraction): sent as a 9-byte flag instead of 4 KiB.'),
  }),
  bytesOnWire: z.number().describe('Every byte sent to the target: the sum of bytes.'),
  ram: z
    .object({
      transferredBytes: z.number().describe("QEMU's ram.transferred: guest-memory bytes sent (bytesOnWire without the device state)."),
      remainingBytes: z.number().describe("QEMU's ram.remaining: guest memory still to be sent, pages.missing x 4096 (0 once completed)."),
      totalBytes: z.number().describe("QEMU's ram.total: guest memory."),
      throughputMbps: z
        .number()
        .describe("QEMU's mbps at the end of a migration: bytesOnWire x 8 / (totalNs - setupNs), in Mbit/s (rounded to 0.001; 0 when no time passed)."),
      precopyBytes: z.number().describe("QEMU's ram.precopy-bytes: sent by the pre-copy rounds, while the guest ran on the source."),
      downtimeBytes: z
        .number()
        .describe("QEMU's ram.downtime-bytes, as the source counts them: guest memory sent while the guest was paused and before the source entered post-copy: the GIC/ITS pre-transfer list (the device state is not guest memory)."),
      postcopyBytes: z
        .number()
        .describe("QEMU's ram.postcopy-bytes: sent in post-copy (background, demand, re-sent pages), including those sent while the target was still loading the device state. precopyBytes + downtimeBytes + postcopyBytes = transferredBytes."),
      postcopyRequests: z
        .int()
        .describe("QEMU's postcopy-requests: demand page requests the target sent to the source (one per fetch, whatever the page size; the requests re-sent after a recovery are not counted: outages.rerequestedPages)."),
    })
    .describe('Transfer statistics as QEMU reports them (query-migrate / info migrate: ram.*; docs/model.md, section 8).'),
  precopyRounds: z
    .array(
      z.object({
        round: z.int().describe('From 1.'),
        pages: z.int().describe('4 KiB frames sent in the round.'),
        bytes: z.number().describe('Bytes sent in the round: pages x 4096, a zero page as a flag (round 1).'),
        durationNs: z.int().describe('Duration of the round.'),
        dirtyPages: z
          .int()
          .describe('Frames the guest dirtied during the round: sent by the next round, or missing on the target at switchover after the last one.'),
      }),
    )
    .describe('Per pre-copy round (strategy.precopy.rounds; empty for pure post-copy): what QEMU reports per dirty-bitmap sync.'),
  bytes: z.object({
    background: z.number(),
    demand: z.number(),
    preTransferred: z.number().describe('Pre-copy rounds and the GIC/ITS pre-transfer list.'),
    deviceState: z.number(),
    resent: z.number().describe('Bytes of the transfers a link/source failure cut (queued on the socket or on the wire): written to the socket once more after recovery, so bytesOnWire counts them twice, as QEMU\'s ram.transferred does.'),
  }),
  faults: z.object({
    total: z.int(),
    latency: latencySchema.describe('Every fault: count, mean, percentiles (log-linear histogram, < 1.6 % error) and exact max.'),
    latencyLog2: z
      .array(z.object({ lowerNs: z.number(), upperNs: z.number(), count: z.int() }))
      .describe("Every fault's latency in power-of-2 buckets of ns, the non-empty ones in ascending order: [0, 1) holds latency 0, then [2^k, 2^(k+1)), as bpftrace's hist() prints them (QEMU 10.1's postcopy-latency-dist, in ns)."),
    meanLatency: z
      .object({
        perVcpuNs: z.array(z.int()).describe('Per vCPU: mean latency of its faults (0 when it had none).'),
        nonVcpuNs: z.int().describe('Mean latency of the faults of non-vCPU threads (vhost/VMM userspace, the device restore; 0 when none).'),
      })
      .describe("Mean fault latency per vCPU and for non-vCPU threads (QEMU 10.1's postcopy-vcpu-latency and postcopy-non-vcpu-latency; the overall mean, postcopy-latency, is latency.meanNs)."),
    byPath: z.record(z.string(), latencySchema),
    byMechanism: z.record(z.string(), latencySchema),
    byResolution: z.record(z.string(), z.int()),
    eexistRaces: z.int().describe('Installs that found the page already present (UFFDIO_COPY -EEXIST): demand vs background races.'),
    machineChecks: z.int().describe('Machine checks injected for accesses to poisoned pages.'),
    thpCollapses: z.int().describe('2 MiB ranges khugepaged collapsed and mapped without a fault (shmem THP under MINOR).'),
  }),
  blocktime: z
    .object({
      allVcpusNs: z
        .int()
        .describe("QEMU's postcopy-blocktime: time during which every vCPU was blocked on a missing page at once. At most the post-copy duration."),
      sumNs: z.int().describe('Sum over vCPUs of the time each was blocked on faults (QEMU reports it per vCPU as postcopy-vcpu-blocktime).'),
      totalNs: z.int().describe('Deprecated: the same as sumNs (named before allVcpusNs existed).').meta({ deprecated: true }),
      perVcpuNs: z.array(z.int()).describe('Per vCPU: time blocked on faults.'),
    })
    .describe('Blocktime: how long vCPUs were stalled on missing pages (QEMU postcopy-blocktime). Async page faults (workload.asyncPageFaults) stall no vCPU and are not counted.'),
  outages: z
    .object({
      outcome: z
        .enum(['none', 'not_reached', 'paused', 'recovered', 'aborted', 'lost'])
        .describe('none: no failure scheduled; not_reached: the migration ended before any; paused: the run ended while post-copy was paused; recovered: post-copy paused and resumed; aborted: a failure during pre-copy or the switchover ended the migration, the VM stays on the source; lost: a failure the migration could not survive.'),
      pauseNs: z.int().describe('Time post-copy spent paused (postcopy-paused until recovery completed), overlapping failures counted once.'),
      rerequestedPages: z.int().describe('Demand pages requested before a failure and not yet arrived: their requests are re-sent on recovery.'),
      resentPages: z.int().describe('Pages whose transfer was cut by a failure (queued on the socket, on the wire or at the source when it broke) and sent again after recovery (bytes.resent).'),
      pagesNeverArrived: z.int().nullable().describe('When the VM was lost to a failure: pages that never reached the target.'),
      events: z.array(
        z.object({
          component: z.enum(['link', 'source']),
          atNs: z.int().nullable().describe('When it failed (t = 0: source paused; negative: during pre-copy); null when it was given after resume and the vCPUs never resumed on the target.'),
          durationNs: z.int().nullable().describe('How long it was down; null: for good.'),
          recoveredAtNs: z.int().nullable().describe('When post-copy resumed (recovery done), if it did.'),
          outcome: z.enum(['not_reached', 'paused', 'recovered', 'aborted', 'lost']),
        }),
      ),
    })
    .describe('Link and source failures scheduled by network.failures (QEMU postcopy-paused / postcopy-recover).'),
  poison: z
    .object({
      policy: z.enum(['intercept', 'strict']),
      method: z.enum(['uffdio_poison', 'zap', 'punch_hole', 'none']).describe('How the target made the poisoned pages fault.'),
      refused: z.boolean().describe('strict policy and poisoned pages: the migration was refused (nothing moved).'),
      ranges: z.int().describe('Entries in vm.poisonedPages.'),
      requestedPages: z.int().describe('4 KiB frames the request lists as poisoned.'),
      unreachablePages: z.int().describe('Frames the guest can no longer use on the target: the listed ones widened to whole huge pages on hugetlbfs (= pages.poisoned).'),
      healthyBytesUnreachable: z.number().describe('Healthy memory lost to the blast radius: (unreachablePages - requestedPages) x 4096.'),
      blastRadiusBytes: z.number().describe('Memory made unreachable by one poisoned 4 KiB page: the backing page size on hugetlbfs, else 4096.'),
      setupNs: z.int().describe('Time spent before resume making them fault (one call per range; part of the downtime).'),
      mappedAtSwitchover: z.int().describe('Poisoned frames pre-copy had sent before the poison (vm.poisonedPages[].poisonedDuringPrecopy).'),
      eexist: z.int().describe('Of those, frames UFFDIO_POISON could not mark because they were mapped (-EEXIST): they escape on access.'),
      machineChecks: z.int().describe('Accesses answered with a machine check (MCE / SEA), with no fetch: a stage-2 fault on a vCPU (KVM sends SIGBUS BUS_MCEERR_AR to the vCPU thread, which the VMM injects).'),
      kvmCopyEfaults: z
        .int()
        .describe('KVM copy_to/from_user of a paravirtual page (kvmclock, steal time, PV EOI; arm64 stolen time) that is poisoned: -EFAULT, KVM skips that update and the guest runs on (no machine check).'),
      emulationFailures: z
        .int()
        .describe('Instruction emulation that read a poisoned page: the read fails (-EFAULT) and KVM_RUN ends (x86_64 KVM_EXIT_INTERNAL_ERROR, emulation failure; arm64 -EFAULT): the VMM stops the VM.'),
      vhostEfaults: z
        .int()
        .describe('Copies by the vhost worker from/to a poisoned buffer page: -EFAULT, the virtqueue is marked broken and the device stops (the guest\'s network stops; the VM runs on). At most 1: the worker stops.'),
      virtqueueBrokenAtNs: z.int().nullable().describe('When the vhost virtqueue broke on a poisoned page, or null.'),
      nestedWalkEfaults: z
        .int()
        .describe(
          "KVM walks of L1's EPT tables (vm.nested) whose get_user read a poisoned table page: -EFAULT, the walk fails as a translation fault and KVM reflects an EPT violation into L1 (no machine check, no exit to userspace); the vCPU livelocks (livelockedVcpus).",
        ),
      livelockedVcpus: z
        .array(z.object({ vcpu: z.int(), atNs: z.int() }))
        .describe('vCPUs stuck for good on a failing nested walk (L1 re-enters L2, the walk fails again), and when: they make no further progress; the VM and the migration run on.'),
      escapes: z.int().describe('Accesses that read a poisoned page as healthy memory (poison_escape violations).'),
      exposedByThpCollapse: z.int().describe('Poisoned pages a khugepaged collapse mapped without a fault (minor_thp_bypass).'),
      bytesTransferred: z.number().describe('Bytes of poisoned pages sent over the link after they were poisoned: always 0 (a self-check).'),
    })
    .describe('Hardware-poisoned pages (vm.poisonedPages; docs/model.md, section 7b).'),
  deviceRestore: z
    .object({
      outcome: z.enum(['ok', 'failed', 'none']).describe('none: no GIC to restore from guest memory (x86_64).'),
      errno: z.enum(['-EFAULT', '-EINVAL', '-EBUSY']).nullable().describe('KVM\'s error when it failed: -EINVAL inconsistent table, -EBUSY a vCPU running. (-EFAULT is no longer produced: kvm_read_guest of a page no userfaultfd intercepts reads zeros, an its_state_lost violation.)'),
      failedStep: z.string().nullable(),
      table: z.string().nullable().describe('The table whose read failed (property_table, pending_table, collection_table, device_table, device_table_l2, itt).'),
      gfn: z.number().nullable().describe('The guest frame whose read failed.'),
      timeNs: z.int().describe('Restore time: from the first register write to GITS_CTLR (or the failure); part of the downtime.'),
      stallNs: z.int().describe('Of that, time spent waiting for demand fetches of pages that had not arrived.'),
      reads: z.int().describe('kvm_read_guest calls (8-byte table entries, LPI property and pending bytes).'),
      pagesRead: z.int().describe('Distinct guest pages read.'),
      faults: z.int().describe('Reads that faulted on a page that had not arrived (fault path device_restore).'),
      pagesFetchedOnDemand: z.int().describe('4 KiB frames fetched from the source for those faults (a whole huge page per fault on hugetlbfs).'),
      preTransferred: z.object({ pages: z.int(), bytes: z.number() }).describe('GIC/ITS pages the VMM sent before resume (strategy.deviceRestore.preTransfer).'),
      steps: z
        .array(
          z.object({
            name: z.string(),
            detail: z.string(),
            startNs: z.int().nullable(),
            endNs: z.int().nullable(),
            reads: z.int(),
            pagesRead: z.int(),
            faults: z.int(),
            stallNs: z.int(),
          }),
        )
        .describe('The restore sequence in the order KVM documents; a step that never ran has null times.'),
      tables: z
        .array(
          z.object({
            kind: z.string(),
            owner: z.int().nullable().describe('vCPU (pending table), DeviceID (ITT), level-1 index (level-2 device table).'),
            address: z.number(),
            bytes: z.number(),
            firstGfn: z.number(),
            pages: z.int(),
            placed: z.boolean().describe('true: placed by the simulator from the seed; false: the request gave the address.'),
            preTransferred: z.boolean().describe('In the pre-transfer list.'),
          }),
        )
        .describe('Where the GIC/ITS tables are in guest memory.'),
    })
    .describe('ARM GIC/ITS restore on the target before resume (docs/model.md, section 7c).'),
  baseline: z
    .object({
      accessesPerVcpu: z
        .array(z.int())
        .describe('Per vCPU: the guest accesses compared. A workload that ends (demand_paging_test): all of them; otherwise those it executed from resume to the end of post-copy.'),
      perVcpuNs: z.array(z.int()).describe('Per vCPU: how long those accesses take with all memory present (accesses x 1e9 / workload.accessesPerSecond, no fault, no stall).'),
      postcopyPerVcpuNs: z
        .array(z.int())
        .describe('Per vCPU: how long they took in this run, from resume to its last access (a workload that ends) or to the end of post-copy, stalls and thinkTimeNs after faults included.'),
    })
    .describe('The no-post-copy baseline: the same guest work with all memory present (docs/model.md, section 8b).'),
  slowdown: z
    .number()
    .nullable()
    .describe(
      'Sum of baseline.postcopyPerVcpuNs / sum of baseline.perVcpuNs: how much longer the vCPUs took for their guest work than with all memory present (1: not slowed; 1 when no vCPU ran on the target; null when they ran but executed no access at all).',
    ),
  pagingRate: z.object({
    overallPagesPerSec: z
      .number()
      .describe('Demand paging rate: 4 KiB frames brought in by the vCPUs\' own faults per second, from resume to the last vCPU fault resolution (a 2 MiB page counts 512; a fault that joined another\'s fetch counts none).'),
    perVcpuPagesPerSec: z.array(z.number()).describe('Per vCPU: 4 KiB frames its own faults brought in per second, from resume to its last fault resolution.'),
  }),
});

export type MigrationResult = z.infer<typeof migrationResultSchema>;

/** A cheap snapshot of a running simulation (Simulation.progress()). */
export const simulationProgressSchema = z.object({
  simTimeNs: z.int().describe('Current simulated time in ns.'),
  phase: z.string().describe('switchover, postcopy or completing while it runs; then its outcome (completed, vm_lost, refused, aborted, truncated or stalled).'),
  pagesPresent: z.number().describe('4 KiB frames already on the target.'),
  pagesTotal: z.number().describe('Guest memory in 4 KiB frames.'),
  faults: z.number().describe('Fault events resolved so far.'),
  blocktimeNs: z.int().describe('Sum of vCPU stall time so far.'),
});

export type SimulationProgress = z.infer<typeof simulationProgressSchema>;
