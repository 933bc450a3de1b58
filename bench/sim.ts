/**
 * Simulator benchmark: fault events per CPU-second and peak RSS for a 64 GiB / 64-vCPU migration
 * and a 1 TiB / 256-vCPU one (4K pages), each run in a child process of its own (so its peak RSS is
 * its own). Machines differ several-fold, so a rate means little alone: with --baseline the same
 * cases also run on another commit of the simulator, checked out in a git worktree and run in the
 * same session, alternating with this tree, and the ratio is what counts.
 *
 * Usage: npm run bench:sim [-- --case 64g|1t] [--repeat N] [--baseline REV | --no-baseline] [--no-fail]
 * Default baseline: the last commit before the engine was split into modules (measured at the split:
 * 1.13). The run fails when this tree is below MIN_RATIO of a baseline that simulates the same work
 * (the same fault events; a model change alters the work, and the ratio is then only printed).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { MigrationSpecInput, Simulation } from '../src/sim/index.js';

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

/** The last commit with the single-class engine (src/sim/engine.ts). */
const DEFAULT_BASELINE = '37234754d1595d18e5ee19b201b5880900b31eca';
const MIN_RATIO = 0.95;
const EVENTS_TARGET = 1_000_000;
const RSS_TARGET_1T = 1024 * 1024 * 1024;

interface Measurement {
  events: number;
  cpuSeconds: number;
  eventsPerCpuSecond: number;
  wallSeconds: number;
  peakRssBytes: number;
  outcome: string;
  simulatedSeconds: number;
}

/** In the child: runs one case on the simulator at `simIndex` and prints its measurement. */
async function runCase(key: string, simIndex: string): Promise<void> {
  const sim = (await import(pathToFileURL(simIndex).href)) as typeof import('../src/sim/index.js');
  const spec = sim.migrationSpecSchema.parse(CASES[key].spec);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const s: Simulation = sim.createSimulation(spec);
  let events = 0;
  for (let b = s.next(50_000); b; b = s.next(50_000)) events += b.length;
  const wall = (performance.now() - t0) / 1000;
  const used = process.cpuUsage(cpu0);
  const cpu = (used.user + used.system) / 1e6;
  const r = s.result();
  const m: Measurement = {
    events,
    cpuSeconds: cpu,
    eventsPerCpuSecond: events / cpu,
    wallSeconds: wall,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    outcome: r.outcome + (r.truncated ? ' (limit)' : ''),
    simulatedSeconds: r.timing.totalNs / 1e9,
  };
  process.stdout.write(JSON.stringify(m) + '\n');
}

function git(args: string[], cwd: string): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

/** A worktree of `rev` beside the system's temp files, sharing this tree's node_modules. */
function worktreeOf(rev: string, root: string): string {
  const hash = git(['rev-parse', `${rev}^{commit}`], root);
  const dir = path.join(os.tmpdir(), `postcopy-lab-bench-${hash.slice(0, 12)}`);
  if (!existsSync(path.join(dir, 'src/sim/index.ts'))) {
    mkdirSync(path.dirname(dir), { recursive: true });
    git(['worktree', 'add', '--force', '--detach', dir, hash], root);
  }
  if (!existsSync(path.join(dir, 'node_modules'))) symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

function measure(self: string, key: string, simIndex: string): Measurement {
  const res = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', key, simIndex], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (res.status !== 0) throw new Error(`case ${key} on ${simIndex} failed:\n${res.stderr}`);
  return JSON.parse(res.stdout.trim().split('\n').pop() as string) as Measurement;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const childAt = args.indexOf('--child');
  if (childAt >= 0) return runCase(args[childAt + 1], args[childAt + 2]);
  const opt = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const self = fileURLToPath(import.meta.url);
  const root = path.resolve(path.dirname(self), '..');
  const keys = opt('--case') ? [opt('--case') as string] : Object.keys(CASES);
  const repeat = Number(opt('--repeat') ?? 3);
  const baseline = args.includes('--no-baseline') ? null : (opt('--baseline') ?? DEFAULT_BASELINE);
  const trees: [string, string][] = [['this tree', path.join(root, 'src/sim/index.ts')]];
  if (baseline) trees.push([`baseline ${baseline.slice(0, 12)}`, path.join(worktreeOf(baseline, root), 'src/sim/index.ts')]);

  let ok = true;
  console.log(`median of ${repeat} alternating runs per tree; CPU time is the time on a core of its own (the simulator is single-threaded)\n`);
  console.log('| case | tree | fault events | CPU s | events per CPU-second | peak RSS MiB | outcome | simulated s |');
  console.log('|---|---|---:|---:|---:|---:|---|---:|');
  for (const key of keys) {
    const runs = trees.map((): Measurement[] => []);
    for (let i = 0; i < repeat; i++) trees.forEach(([, index], t) => runs[t].push(measure(self, key, index)));
    const rates = runs.map((rs) => median(rs.map((r) => r.eventsPerCpuSecond)));
    trees.forEach(([label], t) => {
      const m = runs[t][0];
      const cpu = median(runs[t].map((r) => r.cpuSeconds));
      const rss = Math.max(...runs[t].map((r) => r.peakRssBytes));
      console.log(
        `| ${CASES[key].name} | ${label} | ${m.events} | ${cpu.toFixed(2)} | ${Math.round(rates[t]).toLocaleString('en')} | ${(rss / 2 ** 20).toFixed(0)} | ${m.outcome} | ${m.simulatedSeconds.toFixed(1)} |`,
      );
      if (t === 0 && rates[0] < EVENTS_TARGET) console.log(`  ${key}: below the goal of ${EVENTS_TARGET.toLocaleString('en')} events per CPU-second on this machine`);
      if (t === 0 && key === '1t' && rss > RSS_TARGET_1T) {
        console.error(`  ${key}: peak RSS ${(rss / 2 ** 20).toFixed(0)} MiB is above 1 GiB`);
        ok = false;
      }
    });
    if (trees.length > 1) {
      const ratio = rates[0] / rates[1];
      console.log(`  ${key}: this tree / baseline = ${ratio.toFixed(3)} (events per CPU-second, same session)`);
      if (runs[0][0].events !== runs[1][0].events) {
        // A deliberate model change (MODEL_VERSION) changed the work itself: a ratio of unlike work gates nothing.
        console.log(`  ${key}: the trees simulate different work (${runs[0][0].events} vs ${runs[1][0].events} fault events): compare with a baseline of the same model version for a gate`);
      } else if (ratio < MIN_RATIO) {
        console.error(`  ${key}: below the ${MIN_RATIO} floor`);
        ok = false;
      }
    }
  }
  if (!ok && !args.includes('--no-fail')) process.exit(1);
}

await main();
