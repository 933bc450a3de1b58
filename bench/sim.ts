/**
 * Simulator benchmark: simulated fault events per second of wall time on one core (and per CPU
 * second, which equals it on an idle core), and peak RSS,
 * for a 64 GiB / 64-vCPU migration and a 1 TiB / 256-vCPU one (4K pages). Each case runs in its own
 * child process so that its peak RSS is its own.
 *
 * Targets (issue "Simulator core"): >= 1 million fault events/s; a 1 TiB VM with 4K pages within
 * 1 GiB of RSS. Usage: npm run bench:sim [-- --case 64g|1t] [-- --no-fail]
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createSimulation, migrationSpecSchema, type MigrationSpecInput } from '../src/sim/index.js';

interface Case {
  name: string;
  spec: MigrationSpecInput;
}

const CASES: Record<string, Case> = {
  '64g': {
    name: '64 GiB / 64 vCPUs, 4K, uffd_missing, uniform, postcopy-preempt, 25 Gbps',
    spec: {
      seed: 1,
      vm: { memoryMiB: 64 * 1024, vcpus: 64 },
      workload: { pattern: 'uniform', accessesPerSecond: 100_000 },
      strategy: { mechanism: 'uffd_missing', handlerThreads: 4 },
      network: { bandwidthGbps: 25, rttUs: 50, postcopyPreempt: true },
      limits: { maxFaultEvents: 100_000_000 },
    },
  },
  '1t': {
    name: '1 TiB / 256 vCPUs, 4K, kvm_exit_on_missing, zipf, postcopy-preempt, 100 Gbps',
    spec: {
      seed: 1,
      vm: { memoryMiB: 1024 * 1024, vcpus: 256, backing: 'shmem' },
      workload: { pattern: 'zipf', zipfExponent: 0.8, accessesPerSecond: 100_000 },
      strategy: { mechanism: 'kvm_exit_on_missing', handlerThreads: 8 },
      network: { bandwidthGbps: 100, rttUs: 50, postcopyPreempt: true },
      limits: { maxFaultEvents: 30_000_000 },
    },
  },
};

const EVENTS_TARGET = 1_000_000;
const RSS_TARGET_1T = 1024 * 1024 * 1024;

function runCase(key: string): void {
  const c = CASES[key];
  const spec = migrationSpecSchema.parse(c.spec);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const sim = createSimulation(spec);
  const tSetup = performance.now() - t0;
  let events = 0;
  for (let b = sim.next(50_000); b; b = sim.next(50_000)) events += b.length;
  const wall = (performance.now() - t0) / 1000;
  const cpuUsage = process.cpuUsage(cpu0);
  const cpu = (cpuUsage.user + cpuUsage.system) / 1e6;
  const r = sim.result();
  const maxRss = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(
    JSON.stringify({
      key,
      name: c.name,
      events,
      wallSeconds: wall,
      setupMs: tSetup,
      eventsPerSecond: events / wall,
      cpuSeconds: cpu,
      eventsPerCpuSecond: events / cpu,
      peakRssBytes: maxRss,
      outcome: r.outcome,
      truncated: r.truncated,
      simulatedSeconds: r.timing.totalNs / 1e9,
      pages: r.pages,
    }) + '\n',
  );
}

const args = process.argv.slice(2);
const caseIdx = args.indexOf('--case');
if (caseIdx >= 0 && args.includes('--child')) {
  runCase(args[caseIdx + 1]);
} else {
  const keys = caseIdx >= 0 ? [args[caseIdx + 1]] : Object.keys(CASES);
  const self = fileURLToPath(import.meta.url);
  let ok = true;
  console.log('| case | fault events | wall s | events/s (wall) | CPU s | events/s (CPU) | peak RSS MiB | outcome | simulated s |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---|---:|');
  for (const key of keys) {
    const res = spawnSync(process.execPath, ['--import', 'tsx', self, '--case', key, '--child'], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (res.status !== 0) {
      console.error(res.stderr);
      process.exit(1);
    }
    const m = JSON.parse(res.stdout.trim().split('\n').pop() as string);
    console.log(
      `| ${m.name} | ${m.events} | ${m.wallSeconds.toFixed(2)} | ${Math.round(m.eventsPerSecond).toLocaleString('en')} | ${m.cpuSeconds.toFixed(2)} | ${Math.round(m.eventsPerCpuSecond).toLocaleString('en')} | ${(m.peakRssBytes / 2 ** 20).toFixed(0)} | ${m.outcome}${m.truncated ? ' (limit)' : ''} | ${m.simulatedSeconds.toFixed(1)} |`,
    );
    // The simulator is single-threaded: on a shared machine CPU time is the wall time it would take
    // on a core of its own, so the target is checked against it (both are printed).
    if (m.eventsPerCpuSecond < EVENTS_TARGET) {
      console.error(`${key}: ${Math.round(m.eventsPerCpuSecond)} fault events per CPU second is below the ${EVENTS_TARGET} target`);
      ok = false;
    }
    if (key === '1t' && m.peakRssBytes > RSS_TARGET_1T) {
      console.error(`${key}: peak RSS ${(m.peakRssBytes / 2 ** 20).toFixed(0)} MiB is above 1 GiB`);
      ok = false;
    }
  }
  if (!ok && !args.includes('--no-fail')) process.exit(1);
}
