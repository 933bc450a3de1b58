/**
 * The trend checks: qualitative claims of the mailing-list threads and of published kernel work
 * that the simulator must reproduce (domain.md; seeds 000, 002, 003). One definition each, used by
 * the unit test (test/sim/trends.unit.test.ts, which fails when one does not hold) and by
 * `npm run calibrate`, which lists every condition with its measured figure in docs/validation.md.
 */
import { RESOLUTIONS, type MigrationSpecInput } from '../sim/index.js';
import { simulate } from './simulate.js';

/** One measured quantity and the bound it must respect. */
export interface TrendCondition {
  quantity: string;
  value: number;
  op: '<' | '>';
  bound: number;
  unit: string;
}

export interface TrendCheck {
  id: string;
  /** What must hold, in words. */
  claim: string;
  /** Where the expectation comes from. */
  source: string;
  measure(): TrendCondition[];
}

export function conditionHolds(c: TrendCondition): boolean {
  return c.op === '<' ? c.value < c.bound : c.value > c.bound;
}

const QUIET = { kvmUserAccessPerSecond: 0, instructionEmulationPerSecond: 0, vhostAccessesPerSecond: 0 };

const lt = (quantity: string, value: number, bound: number, unit = ''): TrendCondition => ({ quantity, value, op: '<', bound, unit });
const gt = (quantity: string, value: number, bound: number, unit = ''): TrendCondition => ({ quantity, value, op: '>', bound, unit });

/** demand_paging_test on anonymous memory, 4 MiB per vCPU, one handler thread by default. */
function selftest(vcpus: number, mechanism: 'uffd_missing' | 'kvm_exit_on_missing', handlers = 1): MigrationSpecInput {
  return {
    seed: 3,
    vm: { memoryMiB: 4 * vcpus, vcpus, backing: 'anonymous' },
    workload: { pattern: 'demand_paging_test', accessesPerSecond: 1e9, thinkTimeNs: 0, faultSources: QUIET },
    strategy: { mechanism, handlerThreads: handlers, backgroundCopy: { enabled: false } },
    network: { sourceLocal: true },
  };
}

function meanPerVcpuRate(spec: MigrationSpecInput): number {
  const r = simulate(spec).pagingRate.perVcpuPagesPerSec;
  return r.reduce((a, b) => a + b, 0) / r.length;
}

const overallRate = (spec: MigrationSpecInput) => simulate(spec).pagingRate.overallPagesPerSec;

/** demand_paging_test on shmem, 8 MiB per vCPU, MINOR faults, with the uffd layout under test. */
function sharedShmemSelftest(vcpus: number, strategy: MigrationSpecInput['strategy']): MigrationSpecInput {
  return {
    seed: 1,
    vm: { memoryMiB: 8 * vcpus, vcpus, backing: 'shmem' },
    workload: { pattern: 'demand_paging_test', accessesPerSecond: 1e9, thinkTimeNs: 0, faultSources: QUIET },
    strategy: { backgroundCopy: { enabled: false }, ...strategy },
    network: { sourceLocal: true },
  };
}

const SCALING_VCPUS = [1, 4, 16, 64];

/** Per-vCPU rates of the scaling pair, computed once for the two checks that read them. */
let scalingRates: { uffd: number[]; exit: number[] } | null = null;
function scaling(): { uffd: number[]; exit: number[] } {
  scalingRates ??= {
    uffd: SCALING_VCPUS.map((n) => meanPerVcpuRate(selftest(n, 'uffd_missing', 1))),
    exit: SCALING_VCPUS.map((n) => meanPerVcpuRate(selftest(n, 'kvm_exit_on_missing'))),
  };
  return scalingRates;
}

/** Eight vCPUs over 2 GiB, uniform accesses, background copy at `share` of a 10 Gbps link. */
const backgroundSpec = (share: number, preempt: boolean, seed: number): MigrationSpecInput => ({
  seed,
  vm: { memoryMiB: 2048, vcpus: 8 },
  workload: { pattern: 'uniform', accessesPerSecond: 50_000, faultSources: QUIET },
  strategy: { mechanism: 'uffd_missing', backgroundCopy: { enabled: true, bandwidthShare: share } },
  network: { bandwidthGbps: 10, rttUs: 50, postcopyPreempt: preempt },
});

export const TRENDS: TrendCheck[] = [
  {
    id: 'uffd-per-vcpu-rate-falls',
    claim: 'Under one shared uffd with one reader, the per-vCPU paging rate falls as vCPUs grow (roughly like 1/N)',
    source: '000_ (the scalability problem); [AM] uffd column',
    measure() {
      const { uffd } = scaling();
      const steps = SCALING_VCPUS.slice(1).map((n, i) => lt(`per-vCPU rate ${n} / ${SCALING_VCPUS[i]} vCPUs`, uffd[i + 1] / uffd[i], 0.8, 'x'));
      return [...steps, lt('per-vCPU rate 64 / 1 vCPUs', uffd[3] / uffd[0], 0.05, 'x')];
    },
  },
  {
    id: 'exit-per-vcpu-rate-near-flat',
    claim: 'KVM exit-on-missing keeps the per-vCPU rate near flat by comparison with one shared uffd',
    source: '000_; [AM] exit column (340k -> 1595k pages/s overall from 1 to 16 vCPUs)',
    measure() {
      const { uffd, exit } = scaling();
      const steps = SCALING_VCPUS.slice(1).map((n, i) =>
        gt(`exit step ${SCALING_VCPUS[i]} -> ${n} vCPUs / uffd step`, exit[i + 1] / exit[i] / (uffd[i + 1] / uffd[i]), 1.5, 'x'),
      );
      return [
        ...steps,
        gt('exit 64/1 vCPUs retention / uffd retention', exit[3] / exit[0] / (uffd[3] / uffd[0]), 10, 'x'),
        gt('exit per-vCPU rate 16 / 1 vCPUs', exit[2] / exit[0], 0.25, 'x'),
        gt('exit / uffd per-vCPU rate at 64 vCPUs', exit[3] / uffd[3], 20, 'x'),
      ];
    },
  },
  {
    id: 'overall-rate-exit-scales',
    claim: 'Overall paging rate: exit-on-missing scales with vCPUs, one shared uffd does not (even with a reader per vCPU)',
    source: '000_; [AM]',
    measure() {
      return [
        gt('exit overall rate 16 / 1 vCPUs', overallRate(selftest(16, 'kvm_exit_on_missing')) / overallRate(selftest(1, 'kvm_exit_on_missing')), 3, 'x'),
        lt('uffd overall rate 16 vCPUs (16 readers) / 1 vCPU', overallRate(selftest(16, 'uffd_missing', 16)) / overallRate(selftest(1, 'uffd_missing', 1)), 1.5, 'x'),
      ];
    },
  },
  {
    id: 'uffd-per-vcpu-beats-shared',
    claim: 'At 64 vCPUs, one uffd per vCPU is several times faster than one shared uffd',
    source: "issue 11's review of published kernel work; [AM]'s demand_paging_test -a (one uffd for all vCPUs) vs one per vCPU",
    measure() {
      const perVcpu = overallRate(sharedShmemSelftest(64, { mechanism: 'uffd_minor', handlerThreads: 1, uffdCount: 64 }));
      const shared = overallRate(sharedShmemSelftest(64, { mechanism: 'uffd_minor', handlerThreads: 64 }));
      return [gt('overall rate, 64 uffds (1 reader each) / 1 shared uffd (64 readers)', perVcpu / shared, 3, 'x')];
    },
  },
  {
    id: 'shared-uffd-more-readers-slower',
    claim: 'On one shared uffd at 64 vCPUs more reader threads get slower under poll(); EPOLLEXCLUSIVE removes the herd',
    source: "issue 11's review of published kernel work; [AM]'s -r N readers",
    measure() {
      const rate = (handlerThreads: number, uffdWake: 'poll' | 'epoll_exclusive') =>
        overallRate(sharedShmemSelftest(64, { mechanism: 'uffd_minor', handlerThreads, uffdWake })) / 1000;
      const poll64 = rate(64, 'poll');
      return [lt('k pages/s with 64 readers, poll() / with 4', poll64 / rate(4, 'poll'), 1, 'x'), gt('k pages/s with 64 readers, EPOLLEXCLUSIVE / poll()', rate(64, 'epoll_exclusive') / poll64, 1, 'x')];
    },
  },
  {
    id: 'kvm-userfault-none-beats-minor',
    claim: 'KVM userfault with no userfaultfd (uffdMode none) pays no UFFDIO_CONTINUE: faster than KVM userfault + MINOR',
    source: "James Houghton's KVM Userfault series (seed 003_, ref. [2])",
    measure() {
      const rate = (vcpus: number, uffdMode: 'minor' | 'none') => overallRate(sharedShmemSelftest(vcpus, { mechanism: 'kvm_userfault', uffdMode, handlerThreads: vcpus }));
      return [1, 16].map((vcpus) => gt(`overall rate at ${vcpus} vCPU(s), none / minor`, rate(vcpus, 'none') / rate(vcpus, 'minor'), 1.03, 'x'));
    },
  },
  {
    id: 'background-share-fewer-faults',
    claim: 'More background-copy bandwidth means fewer demand faults, with and without postcopy-preempt',
    source: 'domain.md section 1; QEMU postcopy (the background thread races the faults)',
    measure() {
      return [false, true].flatMap((preempt) => {
        const demand = [0.1, 0.3, 1].map((share) => simulate(backgroundSpec(share, preempt, 11)).pages.demand);
        const channel = preempt ? 'preempt' : 'one channel';
        return [lt(`demand pages, share 0.3 / 0.1 (${channel})`, demand[1] / demand[0], 1, 'x'), lt(`demand pages, share 1 / 0.3 (${channel})`, demand[2] / demand[1], 1, 'x')];
      });
    },
  },
  {
    id: 'preempt-cuts-latency',
    claim: 'The urgent channel (postcopy-preempt) cuts demand-fetch latency under background load',
    source: '[PX] (10.68 ms -> 0.57 ms mean at 4K)',
    measure() {
      const off = simulate(backgroundSpec(1, false, 12)).faults.byPath.vcpu_access;
      const on = simulate(backgroundSpec(1, true, 12)).faults.byPath.vcpu_access;
      return [lt('vCPU fault p50, preempt / vanilla', on.p50Ns / off.p50Ns, 0.1, 'x'), lt('vCPU fault p90, preempt / vanilla', on.p90Ns / off.p90Ns, 0.2, 'x')];
    },
  },
  {
    id: 'preempt-full-cuts-tail',
    claim:
      'With the original postcopy-preempt the migration thread sends urgent pages and is blocked in sendmsg() while the precopy socket is full, so urgent pages see a tail; sending them from the return-path thread (preempt-full) removes it, and a paced background copy leaves the socket room, so the sender does not matter there',
    source: '[PX] (a share of preempt requests took 2-4 ms: the sending thread blocked on the full precopy socket); Peter Xu, "migration: Postcopy Preempt-Full", qemu-devel, 2022',
    measure() {
      const latency = (sender: 'return_path' | 'migration_thread', share: number) => {
        const spec = backgroundSpec(share, true, 12);
        return simulate({ ...spec, network: { ...spec.network, preemptSender: sender } }).faults.byPath.vcpu_access;
      };
      const full = latency('return_path', 1);
      const original = latency('migration_thread', 1);
      return [
        gt('vCPU fault p99, migration thread / return path', original.p99Ns / full.p99Ns, 2, 'x'),
        lt('vCPU fault mean, migration thread / return path, background paced to 50%', latency('migration_thread', 0.5).meanNs / latency('return_path', 0.5).meanNs, 1.05, 'x'),
      ];
    },
  },
  {
    id: 'sleepers-do-not-slow-background',
    claim: 'vCPUs asleep on the uffd wait queue hold no lock: 16 blocked vCPUs do not slow the background copy of 8 GiB',
    source: 'fs/userfaultfd.c (handle_userfault drops mmap_lock before sleeping); issue 11, error 2',
    measure() {
      const bg = (vcpus: number) => {
        const r = simulate({ seed: 3, vm: { memoryMiB: 8192, vcpus }, workload: { pattern: 'uniform' }, strategy: { mechanism: 'uffd_missing' }, network: { bandwidthGbps: 25, rttUs: 50 } });
        return { gbps: (r.bytes.background * 8) / r.timing.postcopyNs, postcopyNs: r.timing.postcopyNs };
      };
      const one = bg(1);
      const sixteen = bg(16);
      return [gt('background Gbit/s, 16 / 1 vCPUs', sixteen.gbps / one.gbps, 0.95, 'x'), lt('post-copy duration, 16 / 1 vCPUs', sixteen.postcopyNs / one.postcopyNs, 1.05, 'x')];
    },
  },
  {
    id: 'exit-waits-behind-stream',
    claim: 'Without preempt, a page fetched for a KVM exit waits behind the migration stream like a uffd demand page; only a separate connection skips it',
    source: 'QEMU migration/postcopy-ram.c (one stream without postcopy-preempt); issue 11, error 3',
    measure() {
      const p50 = (mechanism: 'uffd_missing' | 'kvm_exit_on_missing', demandChannel: 'migration_stream' | 'separate_connection' = 'migration_stream') =>
        simulate({ seed: 3, vm: { memoryMiB: 4096, vcpus: 16 }, workload: { pattern: 'uniform' }, strategy: { mechanism }, network: { bandwidthGbps: 25, rttUs: 50, demandChannel } }).faults
          .byPath.vcpu_access.p50Ns;
      const uffd = p50('uffd_missing');
      const exit = p50('kvm_exit_on_missing');
      return [
        gt('vCPU fault p50, exit / uffd', exit / uffd, 0.5, 'x'),
        lt('vCPU fault p50, exit / uffd', exit / uffd, 2, 'x'),
        lt('vCPU fault p50, exit over a separate connection / uffd', p50('kvm_exit_on_missing', 'separate_connection') / uffd, 0.1, 'x'),
      ];
    },
  },
  {
    id: 'precopy-fewer-faults',
    claim: 'Pre-copy rounds (hybrid migration) leave fewer pages to demand-fetch',
    source: 'QEMU postcopy after precopy (docs/devel/migration/postcopy.rst)',
    measure() {
      const spec = (rounds: number): MigrationSpecInput => ({
        seed: 9,
        vm: { memoryMiB: 1024, vcpus: 4 },
        workload: { pattern: 'zipf', faultSources: QUIET },
        strategy: { precopy: { rounds, dirtyRateMiBps: 200 } },
        network: { bandwidthGbps: 10, rttUs: 50 },
      });
      const pure = simulate(spec(0));
      const hybrid = simulate(spec(3));
      return [gt('share of memory pre-transferred after 3 rounds', hybrid.pages.preTransferred / hybrid.pages.total, 0.9), lt('faults, 3 rounds / pure post-copy', hybrid.faults.total / pure.faults.total, 1, 'x')];
    },
  },
  {
    id: 'hugetlb-1g-first-touch',
    claim: 'On 1G HugeTLB under uffd a first touch moves the whole 1 GiB: no UFFDIO_COPY fault is faster than 1 GiB over the link',
    source: '[PX] ("for 1G huge pages the latency will be >1sec on 10Gbps nic"); 002_',
    measure() {
      const gbps = 25;
      let fastestCopyNs = Infinity;
      let copies = 0;
      const copy = RESOLUTIONS.indexOf('uffdio_copy');
      simulate(
        {
          seed: 5,
          vm: { memoryMiB: 4096, vcpus: 4, pageSize: '1G', backing: 'hugetlbfs' },
          workload: { pattern: 'uniform', faultSources: QUIET },
          strategy: { mechanism: 'uffd_missing' },
          network: { bandwidthGbps: gbps, rttUs: 50, postcopyPreempt: true },
        },
        (b) => {
          for (let i = 0; i < b.length; i++) {
            if (b.resolution[i] !== copy) continue;
            copies++;
            fastestCopyNs = Math.min(fastestCopyNs, b.resolvedAtNs[i] - b.raisedAtNs[i]);
          }
        },
      );
      const wireMs = (2 ** 30 * 8) / gbps / 1e6;
      return [gt('UFFDIO_COPY faults', copies, 0), gt('fastest UFFDIO_COPY fault at 25 Gbps', fastestCopyNs / 1e6, wireMs, 'ms')];
    },
  },
  {
    id: 'slowdown-link-and-preempt',
    claim: 'Relative to the same guest work with all memory present, a slower link slows the vCPUs more, and postcopy-preempt slows them less',
    source: 'domain.md section 1 (the price of post-copy: vCPUs stall on demand faults); [PX]',
    measure() {
      const slowdown = (bandwidthGbps: number, postcopyPreempt: boolean) =>
        simulate({
          seed: 7,
          vm: { memoryMiB: 64, vcpus: 4 },
          workload: { pattern: 'zipf', faultSources: QUIET },
          strategy: { mechanism: 'uffd_missing' },
          network: { bandwidthGbps, rttUs: 50, postcopyPreempt },
        }).slowdown ?? Infinity;
      const fast = slowdown(25, false);
      return [gt('slowdown at 2 Gbit/s / at 25 Gbit/s', slowdown(2, false) / fast, 1, 'x'), lt('slowdown with preempt / without, 25 Gbit/s', slowdown(25, true) / fast, 1, 'x')];
    },
  },
  {
    id: 'zero-pages-cut-wire',
    claim: 'Zero pages travel as a flag, not 4 KiB: half the pages zero roughly halves the bytes on the wire and shortens post-copy',
    source: "QEMU's RAM_SAVE_FLAG_ZERO and postcopy_place_page_zero (UFFDIO_ZEROPAGE)",
    measure() {
      const r = (zeroPageFraction: number) =>
        simulate({
          seed: 21,
          vm: { memoryMiB: 256, vcpus: 4, zeroPageFraction },
          workload: { pattern: 'zipf', faultSources: QUIET },
          strategy: { mechanism: 'uffd_missing' },
          network: { bandwidthGbps: 10, rttUs: 50 },
        });
      const none = r(0);
      const half = r(0.5);
      return [lt('bytes on the wire, half zero / none zero', half.bytesOnWire / none.bytesOnWire, 0.55, 'x'), lt('post-copy duration, half zero / none zero', half.timing.postcopyNs / none.timing.postcopyNs, 0.7, 'x')];
    },
  },
  {
    id: 'multifd-lifts-receive-cap',
    claim: 'Multifd channels carrying the post-copy background copy (multifdInPostcopy, a VMM that keeps them sending; QEMU stops them at the switch) share the link but install in parallel: they lift the one-receive-thread cap on a fast link and add nothing on a slow one',
    source: 'QEMU multifd (one receive thread per channel); the UFFDIO_COPY cost per page',
    measure() {
      const gbps = (bandwidthGbps: number, multifdChannels: number) => {
        const r = simulate({ seed: 3, vm: { memoryMiB: 2048, vcpus: 4 }, workload: { pattern: 'uniform' }, strategy: { mechanism: 'uffd_missing' }, network: { bandwidthGbps, rttUs: 50, multifdChannels, multifdInPostcopy: true } });
        // The background copy starts when the source pauses, before the vCPUs resume.
        return (r.bytes.background * 8) / (r.timing.downtimeNs + r.timing.postcopyNs);
      };
      const one = gbps(25, 1);
      const slowRatio = gbps(10, 4) / gbps(10, 1);
      return [
        lt('background copy, 1 channel, 25 Gbit/s link', one, 17, 'Gbit/s'),
        gt('background copy, 4 / 1 channels, 25 Gbit/s', gbps(25, 4) / one, 1.4, 'x'),
        lt('background copy, 8 channels, 25 Gbit/s link', gbps(25, 8), 25, 'Gbit/s'),
        gt('background copy, 4 / 1 channels, 10 Gbit/s', slowRatio, 0.99, 'x'),
        lt('background copy, 4 / 1 channels, 10 Gbit/s', slowRatio, 1.01, 'x'),
      ];
    },
  },
];

function figure(x: number): string {
  if (!Number.isFinite(x) || Number.isInteger(x)) return String(x);
  const a = Math.abs(x);
  return a >= 100 ? x.toFixed(0) : a >= 10 ? x.toFixed(1) : a >= 1 ? x.toFixed(2) : x.toPrecision(3);
}

export interface TrendOutcome {
  check: TrendCheck;
  conditions: TrendCondition[];
  pass: boolean;
}

export function runTrend(check: TrendCheck): TrendOutcome {
  const conditions = check.measure();
  return { check, conditions, pass: conditions.length > 0 && conditions.every(conditionHolds) };
}

/** One markdown table row per condition; the claim and its source on the first row of each trend. */
export function trendRows(outcome: TrendOutcome): string[] {
  return outcome.conditions.map((c, i) => {
    const unit = c.unit === 'x' ? 'x' : c.unit ? ` ${c.unit}` : '';
    const head = i === 0 ? `${outcome.check.claim} (${outcome.check.source})` : '';
    return `| ${head} | ${c.quantity} | ${figure(c.value)}${unit} | ${c.op} ${figure(c.bound)}${unit} | ${conditionHolds(c) ? 'pass' : '**FAIL**'} |`;
  });
}

export const TREND_TABLE_HEADER = ['| trend (source) | quantity | measured | expected | result |', '|---|---|---:|---:|---|'];
