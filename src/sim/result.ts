import { z } from 'zod';

/** Latency distribution of a set of faults, in simulated nanoseconds. */
export const latencySchema = z.object({
  count: z.int(),
  p50Ns: z.number(),
  p90Ns: z.number(),
  p99Ns: z.number(),
  maxNs: z.number(),
});

/** A correctness violation (domain.md sections 6 and 7); the run is then `correct: false`. */
export const violationSchema = z.object({
  kind: z.string().describe('partial_page_read, poison_escape, zero_page_exposed, minor_thp_bypass, restore_failure, ...'),
  atNs: z.number(),
  gfn: z.number().nullable(),
  vcpu: z.int().nullable(),
  detail: z.string(),
});

/** The summary of a finished simulation (domain.md section 6). */
export const migrationResultSchema = z.object({
  outcome: z.enum(['completed', 'failed']),
  correct: z.boolean().describe('False when any correctness violation happened, even if the migration completed.'),
  failureReason: z.string().nullable(),
  truncated: z.boolean().describe('True when a limit (limits.maxFaultEvents / maxSimulatedSeconds) stopped the run; then outcome is failed.'),
  violations: z.array(violationSchema).describe('Correctness violations (at most the first 1000 are listed).'),
  violationCount: z.int().describe('Number of correctness violations (the list above stops at 1000).'),
  timing: z.object({
    totalNs: z.number().describe('Pre-copy + downtime + post-copy.'),
    downtimeNs: z.number().describe('Source paused until the vCPUs resumed on the target.'),
    postcopyNs: z.number().describe('Resume until the last page arrived.'),
    precopyNs: z.number().describe('Duration of the pre-copy rounds before the pause (0 for pure post-copy).'),
  }),
  phases: z.array(z.object({ name: z.string(), atNs: z.number() })).describe('Timestamps relative to the source pause (t = 0); pre-copy phases are negative.'),
  pages: z.object({
    total: z.number().describe('Guest memory in 4 KiB frames.'),
    background: z.number().describe('Frames that arrived by the background copy.'),
    demand: z.number().describe('Frames that arrived by a demand fetch.'),
    preTransferred: z.number().describe('Frames already on the target at switchover (pre-copy).'),
    missing: z.number().describe('Frames that never arrived (failed or truncated runs).'),
    poisoned: z.number().describe('Frames poisoned on the source (whole huge pages on hugetlbfs): never transferred.'),
    zeroFilled: z.number().describe('Frames the kernel filled with zeros because nothing intercepted the fault (zero_page_exposed): their content never arrives.'),
    frameBytes: z.number().describe('Size of the unit counted above: 4096.'),
  }),
  bytesOnWire: z.number(),
  bytes: z.object({
    background: z.number(),
    demand: z.number(),
    preTransferred: z.number(),
    deviceState: z.number(),
  }),
  faults: z.object({
    total: z.int(),
    latency: latencySchema,
    byPath: z.record(z.string(), latencySchema),
    byMechanism: z.record(z.string(), latencySchema),
    byResolution: z.record(z.string(), z.int()),
    eexistRaces: z.int().describe('Installs that found the page already present (UFFDIO_COPY -EEXIST): demand vs background races.'),
    machineChecks: z.int().describe('Machine checks injected for accesses to poisoned pages.'),
    thpCollapses: z.int().describe('2 MiB ranges khugepaged collapsed and mapped without a fault (shmem THP under MINOR).'),
  }),
  blocktime: z.object({
    totalNs: z.number(),
    perVcpuNs: z.array(z.number()),
  }),
  linkFailure: z
    .object({
      outcome: z.enum(['none', 'not_reached', 'recovered', 'lost']).describe('not_reached: the migration completed before the injected failure.'),
      pausedAtNs: z.number().nullable(),
      recoveredAtNs: z.number().nullable(),
    })
    .describe('The injected link failure (network.linkFailure), if any.'),
  deviceRestore: z
    .object({
      outcome: z.enum(['ok', 'failed', 'none']).describe('none: nothing to restore from guest memory (x86_64 default).'),
      pages: z.int().describe('Guest pages the restore reads (kvm_read_guest).'),
      faults: z.int().describe('Restore reads that faulted on a missing page.'),
      stallNs: z.number().describe('Time from the start of the restore to its end (part of the downtime).'),
    })
    .describe('ARM GIC/ITS (device state) restore on the target before resume (domain.md section 4).'),
  pagingRate: z.object({
    overallPagesPerSec: z.number().describe('vCPU fault events per second from resume to the last vCPU fault resolution.'),
    perVcpuPagesPerSec: z.array(z.number()).describe('Per vCPU: its fault events per second from resume to its last fault resolution.'),
  }),
});

export type MigrationResult = z.infer<typeof migrationResultSchema>;

/** A cheap snapshot of a running simulation (Simulation.progress()). */
export const simulationProgressSchema = z.object({
  simTimeNs: z.number().describe('Current simulated time in ns.'),
  phase: z.string().describe('switchover, postcopy, completing, completed or failed.'),
  pagesPresent: z.number().describe('4 KiB frames already on the target.'),
  pagesTotal: z.number().describe('Guest memory in 4 KiB frames.'),
  faults: z.number().describe('Fault events resolved so far.'),
  blocktimeNs: z.number().describe('Sum of vCPU stall time so far.'),
});

export type SimulationProgress = z.infer<typeof simulationProgressSchema>;
