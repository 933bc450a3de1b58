/**
 * Experiments benchmark (issue 12 "Performance"), one command: `npm run bench:experiments`.
 *
 * In one run, on this machine, with the API in this process (fastify inject, no dispatcher) and the
 * workers as real `src/main.ts --role=worker` processes (a fresh database and queue prefix each time):
 *   a. a 200-run sweep of small migrations (faultEvents none) with 1 worker process and with 2:
 *      the ratio of the wall times t2 / t1 (goal <= 0.6);
 *   b. the overhead per run: t1 against the sum of the pure simulation times of the same 200 specs
 *      run in this process (runInProcess), with where the rest of t1 went, from the runs' own
 *      started/finished timestamps (goal <= 10%);
 *   c. the longest event-loop block of a worker process (perf_hooks monitorEventLoopDelay, preloaded
 *      by bench/event-loop-probe.ts) while it runs one big migration, 16 GiB / 64 vCPUs storing all
 *      its fault events, and during the sweep (goal ~50 ms).
 * Machines and their load differ: the figures are ratios of work measured side by side, alternating
 * (with --repeat N, the median of N rounds).
 *
 * Usage: npm run bench:experiments [-- --repeat N] [--seeds 20] [--mib 1024] [--workers-from DIR] [--baseline DIR] [--worker-cpu-prof DIR] [--no-fail]
 * (--baseline: a checkout of another commit with the same database schema, its Prisma client generated)
 * Postgres: BENCH_POSTGRES_URL (server URL without a database), default postgresql://postgres@127.0.0.1:5432.
 * Redis: REDIS_URL, default redis://127.0.0.1:6379 (keys under a fresh prefix, removed at the end).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import { pino } from 'pino';
import { applyMigrations, ensureDatabase } from '../src/db/migrate.js';
import { loadConfig } from '../src/config.js';
import { appDepsOf, createContainer } from '../src/container.js';
import { buildApp } from '../src/app.js';
import { experimentRequestSchema } from '../src/experiments/plan.js';
import { runInProcess } from '../src/experiments/in-process.js';

const RATIO_TARGET = 0.6;
const OVERHEAD_TARGET = 0.1;
const LOOP_BLOCK_TARGET_MS = 50;
/** bench/event-loop-probe.ts's window. */
const PROBE_WINDOW_MS = 1000;

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
/** Whose src/main.ts the workers run: this tree, or (--workers-from DIR) another checkout. */
const WORKER_TREE = arg('workers-from', fileURLToPath(new URL('..', import.meta.url)));
/** --baseline DIR: the 1-worker sweep also runs on the workers of another checkout (same schema), alternating, for before/after ratios. */
const BASELINE_TREE = args.includes('--baseline') ? arg('baseline', '') : null;
/** --worker-cpu-prof DIR: each worker process writes a V8 CPU profile there when it exits (open it in Chrome DevTools). */
const WORKER_CPU_PROF = args.includes('--worker-cpu-prof') ? arg('worker-cpu-prof', '') : null;
const PROBE = fileURLToPath(new URL('./event-loop-probe.ts', import.meta.url));
const SERVER = (process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432').replace(/\/$/, '');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SWEEP_MIB = Number(arg('mib', '1024'));

/**
 * 5 vCPU counts x 2 access patterns x `seeds` repetitions of a VM of `memoryMiB` (--mib; default
 * 1 GiB): 200 small runs by default. A larger VM shows the fixed cost of a run against a longer simulation.
 */
function sweepRequest(seeds: number, memoryMiB = SWEEP_MIB) {
  return {
    label: 'bench: small sweep',
    base: { seed: 1, vm: { memoryMiB, vcpus: 1 }, workload: { pattern: 'zipf' }, strategy: { mechanism: 'uffd_missing' } },
    axes: [
      { path: 'vm.vcpus', values: [1, 2, 4, 8, 16] },
      { path: 'workload.pattern', values: ['zipf', 'uniform'] },
    ],
    seeds,
    faultEvents: 'none',
  };
}

/** One big single migration (faultEvents all: every fault event is stored, as POST /v1/migrations does). */
const BIG_MIGRATION = {
  seed: 1,
  vm: { memoryMiB: 16 * 1024, vcpus: 64 },
  workload: { pattern: 'uniform' },
  strategy: { mechanism: 'uffd_missing' },
  network: { bandwidthGbps: 25, rttUs: 50 },
};

interface LoopSample {
  at: number;
  windowMs: number;
  maxMs: number;
  p99Ms: number;
}

interface WorkerProcess {
  child: ChildProcess;
  samples: LoopSample[];
  output: () => string;
}

/** A database, a queue prefix, the API in this process and `n` worker processes: torn down by close(). */
async function environment(workers: number, tree = WORKER_TREE) {
  const dbName = `pcl_bench_exp_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const url = `${SERVER}/${dbName}`;
  const prefix = `pcl-bench-exp-${randomBytes(4).toString('hex')}`;
  await ensureDatabase(url);
  await applyMigrations(url);
  const env = {
    DATABASE_URL: url,
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'warn',
    LOCAL_SERVICES: 'off',
    RATE_LIMIT_POSTS_PER_MINUTE: '100000',
    TENANT_MAX_ACTIVE_MIGRATIONS: '100000',
  };
  const config = loadConfig(env, []);
  const container = createContainer(config, pino({ level: 'silent' }));
  const app = await buildApp(appDepsOf(container));
  const procs: WorkerProcess[] = [];
  for (let i = 0; i < workers; i++) procs.push(startWorker(env, tree));
  // The same probe in a process that does nothing: on a shared machine a process waits for a core
  // too, and that delay is no block of ours.
  const idle = startProbe(['--import', 'tsx', '--import', PROBE, '--eval', 'setInterval(() => undefined, 2 ** 30)'], {});
  const close = async () => {
    for (const p of [...procs, idle]) p.child.kill('SIGTERM');
    await Promise.all([...procs, idle].map((p) => exited(p.child)));
    await app.close();
    await container.close();
    const redis = new Redis(REDIS_URL);
    try {
      for (let cursor = '0'; ; ) {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        if (keys.length > 0) await redis.del(...keys);
        if ((cursor = next) === '0') break;
      }
    } finally {
      redis.disconnect();
    }
    await dropDatabase(dbName);
  };
  try {
    const [migrationsQueue] = container.ops.queues;
    await until(async () => (await migrationsQueue.getWorkers()).length >= workers, 60_000, `${workers} worker process(es) to connect`, procs);
    // A worker that has served requests for a while has its connections open and its code compiled:
    // a whole sweep per worker (and one migration storing its events) first, so the measurement
    // starts warm, as the in-process simulation it is compared with. (After only 4 runs of each
    // combination, V8 was still optimizing the simulator: the next 200 runs took 10-15% longer than
    // the 200 after them.)
    const warmUp = await app.inject({ method: 'POST', url: '/v1/experiments', payload: { ...sweepRequest(WARM_UP_SEEDS * workers), label: 'bench: warm-up' } });
    const single = await app.inject({ method: 'POST', url: '/v1/migrations', payload: { ...BIG_MIGRATION, vm: { memoryMiB: 1024, vcpus: 2 } } });
    if (warmUp.statusCode !== 202 || single.statusCode !== 202) throw new Error(`warm-up: ${warmUp.body} ${single.body}`);
    await until(
      async () => {
        const [e, m] = await Promise.all([container.experiments.find(warmUp.json<{ id: string }>().id), container.migrations.find(single.json<{ id: string }>().id)]);
        return e?.status === 'succeeded' && m?.status === 'succeeded';
      },
      120_000,
      'the warm-up runs',
      procs,
    );
    // The probes' windows that overlap the measurement must not hold the warm-up's blocks (a fresh
    // process compiles its code on its first runs): one whole window passes first.
    await new Promise((resolve) => setTimeout(resolve, PROBE_WINDOW_MS + 200));
  } catch (err) {
    await close();
    throw err;
  }
  return { app, container, procs, idle, close };
}

function startWorker(env: Record<string, string>, tree: string): WorkerProcess {
  return startProbe([...(WORKER_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${WORKER_CPU_PROF}`] : []), '--import', 'tsx', '--import', PROBE, 'src/main.ts', '--role=worker'], env, tree);
}

function startProbe(nodeArgs: string[], env: Record<string, string>, tree = WORKER_TREE): WorkerProcess {
  const child = spawn(process.execPath, nodeArgs, {
    cwd: tree,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const samples: LoopSample[] = [];
  let out = '';
  let pending = '';
  child.stdout!.on('data', (d: Buffer) => {
    pending += d.toString();
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      if (line.startsWith('{"eventLoopDelay"')) samples.push((JSON.parse(line) as { eventLoopDelay: LoopSample }).eventLoopDelay);
      else out += `${line}\n`;
    }
  });
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return { child, samples, output: () => out };
}

/** CPU seconds (user + system) a process has used, from /proc (Linux); 0 elsewhere. */
function cpuSecondsOf(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime (fields 14, 15) in USER_HZ ticks
  } catch {
    return 0;
  }
}

/** CPU seconds of every PostgreSQL and of every Redis server process (the work the runs cause there); 0 elsewhere. */
function serviceCpuSeconds(): { postgres: number; redis: number } {
  const sum = { postgres: 0, redis: 0 };
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (comm === 'postgres') sum.postgres += cpuSecondsOf(Number(pid));
      else if (comm.startsWith('redis-server')) sum.redis += cpuSecondsOf(Number(pid));
    } catch {
      // the process exited meanwhile
    }
  }
  return sum;
}

/** Waits until every probe has printed the window that holds `t` (each prints one per PROBE_WINDOW_MS). */
function probeWindowsUpTo(t: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, t + PROBE_WINDOW_MS + 200 - Date.now())));
}

/** The longest event-loop delay of the probe windows that overlap [from, to]. */
function longestBlock(procs: WorkerProcess[], from: number, to: number): { maxMs: number; p99Ms: number } {
  const windows = procs.flatMap((p) => p.samples).filter((s) => s.at > from && s.at - s.windowMs < to);
  return { maxMs: Math.max(0, ...windows.map((s) => s.maxMs)), p99Ms: Math.max(0, ...windows.map((s) => s.p99Ms)) };
}

interface SweepMeasurement {
  seconds: number;
  /** POST /v1/experiments answered (the runs stored, the flow added). */
  postSeconds: number;
  /** Per run, from the rows (1 worker: the runs are sequential). */
  firstStartSeconds: number;
  inJobSeconds: number;
  betweenJobsSeconds: number;
  /** The part of betweenJobsSeconds from a batch's last run to the next batch's first, and how many such gaps. */
  betweenBatchesSeconds: number;
  batchGaps: number;
  afterLastSeconds: number;
  /** Runs in progress at once on average (sum of the runs' start-to-finish times over the wall time). */
  concurrency: number;
  /** Seconds of the sweep with 0, 1, ... runs in progress at once (the last: as many as workers, or more). */
  occupancy: number[];
  /** From the last moment every worker had a run in progress to the last run's finish: the tail one worker ran alone. */
  tailSeconds: number;
  /** CPU time of the worker processes meanwhile (not waiting for a core, unlike the wall time). */
  workerCpuSeconds: number;
  /** CPU time of PostgreSQL's and Redis's processes meanwhile (the same cores). */
  serviceCpuSeconds: number;
  postgresCpuSeconds: number;
  /** CPU time of this process meanwhile: the API (the POST) and the bench's polling. */
  apiCpuSeconds: number;
  loop: { maxMs: number; p99Ms: number };
  idleLoop: { maxMs: number; p99Ms: number };
}

async function sweep(workers: number, request: ReturnType<typeof sweepRequest>, runs: number, tree = WORKER_TREE): Promise<SweepMeasurement> {
  const envt = await environment(workers, tree);
  try {
    const cpu0 = envt.procs.map((p) => cpuSecondsOf(p.child.pid));
    const service0 = serviceCpuSeconds();
    const api0 = process.cpuUsage();
    const t0 = Date.now();
    const res = await envt.app.inject({ method: 'POST', url: '/v1/experiments', payload: request });
    if (res.statusCode !== 202) throw new Error(`POST /v1/experiments: ${res.statusCode} ${res.body}`);
    const postSeconds = (Date.now() - t0) / 1000;
    const id = (res.json() as { id: string }).id;
    // Polled every 250 ms (a query per poll takes CPU from the workers on 2 cores); the end is the
    // experiment's finishedAt, stamped by the worker process that settled it (same clock).
    const ended = await until(
      async () => {
        const row = await envt.container.experiments.find(id);
        return row && ['succeeded', 'failed', 'cancelled'].includes(row.status) ? row : undefined;
      },
      600_000,
      'the experiment to end',
      envt.procs,
      250,
    );
    const t1 = ended.finishedAt!.getTime();
    const workerCpuSeconds = envt.procs.reduce((sum, p, i) => sum + cpuSecondsOf(p.child.pid) - cpu0[i], 0);
    const service1 = serviceCpuSeconds();
    const api = process.cpuUsage(api0);
    await probeWindowsUpTo(t1);
    if (ended.status !== 'succeeded') throw new Error(`experiment ended ${ended.status}`);
    const { rows } = await envt.container.pool.query<{ status: string; started: Date; finished: Date; attempts: number; batch: string }>(
      `SELECT status, started_at AS started, finished_at AS finished, attempts, COALESCE(job_id, id::text) AS batch FROM migrations WHERE experiment_id = $1 ORDER BY started_at`,
      [id],
    );
    if (rows.length !== runs || rows.some((r) => r.status !== 'succeeded' || r.attempts !== 1)) throw new Error('not every run succeeded in one attempt');
    let inJob = 0;
    let between = 0;
    let betweenBatches = 0;
    let batchGaps = 0;
    rows.forEach((r, i) => {
      inJob += r.finished.getTime() - r.started.getTime();
      if (i === 0) return;
      const gap = Math.max(0, r.started.getTime() - rows[i - 1].finished.getTime());
      between += gap;
      if (r.batch !== rows[i - 1].batch) {
        betweenBatches += gap;
        batchGaps++;
      }
    });
    const lastFinish = Math.max(...rows.map((r) => r.finished.getTime()));
    return {
      seconds: (t1 - t0) / 1000,
      postSeconds,
      firstStartSeconds: (rows[0].started.getTime() - t0) / 1000,
      inJobSeconds: inJob / 1000,
      betweenJobsSeconds: between / 1000,
      betweenBatchesSeconds: betweenBatches / 1000,
      batchGaps,
      afterLastSeconds: (t1 - lastFinish) / 1000,
      workerCpuSeconds,
      serviceCpuSeconds: service1.postgres - service0.postgres + service1.redis - service0.redis,
      postgresCpuSeconds: service1.postgres - service0.postgres,
      apiCpuSeconds: (api.user + api.system) / 1e6,
      concurrency: inJob / (t1 - t0),
      ...occupancy(rows, t0, t1, workers),
      loop: longestBlock(envt.procs, t0, t1),
      idleLoop: longestBlock([envt.idle], t0, t1),
    };
  } finally {
    await envt.close();
  }
}

/** How many runs were in progress at once over [t0, t1], from the rows' start and finish times (ms). */
function occupancy(rows: Array<{ started: Date; finished: Date }>, t0: number, t1: number, workers: number): { occupancy: number[]; tailSeconds: number } {
  // Finishes before starts at the same millisecond: a worker's next run starting as its last one ends is not overlap.
  const edges = rows
    .flatMap((r) => [
      { at: r.started.getTime(), step: 1 },
      { at: r.finished.getTime(), step: -1 },
    ])
    .sort((a, b) => a.at - b.at || a.step - b.step);
  const seconds = new Array<number>(workers + 1).fill(0);
  let level = 0;
  let at = t0;
  let lastFull = t0;
  for (const e of edges) {
    seconds[Math.min(level, workers)] += (e.at - at) / 1000;
    if (level >= workers && level + e.step < workers) lastFull = e.at;
    level += e.step;
    at = e.at;
  }
  seconds[0] += (t1 - at) / 1000;
  return { occupancy: seconds, tailSeconds: (at - lastFull) / 1000 };
}

/** The pure simulation of the plan's runs in this process, one after another: wall and CPU seconds. */
function inProcess(request: ReturnType<typeof sweepRequest>): { seconds: number; cpuSeconds: number } {
  const plan = experimentRequestSchema.parse(request);
  runInProcess(plan); // warm, as the workers are (WARM_UP_SEEDS)
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  runInProcess(plan);
  const cpu = process.cpuUsage(cpu0);
  return { seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

/**
 * What this machine gives two CPU-bound processes at once: the sweep's specs simulated by one child
 * process, then split between two children started together (each simulates every other run). The
 * ratio of the wall times is the best t2/t1 the machine allows (2 cores at full speed: 0.5; less when
 * they share a physical core or other work), measured beside the sweeps.
 */
async function parallelCeiling(): Promise<{ one: number; two: number }> {
  const shares = async (n: number) => {
    const children = Array.from({ length: n }, (_, k) =>
      spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--simulate-share', `${k}/${n}`, '--seeds', arg('seeds', '20'), '--mib', String(SWEEP_MIB)], {
        stdio: ['pipe', 'pipe', 'inherit'],
      }),
    );
    const lines = children.map((c) => createInterface({ input: c.stdout! })[Symbol.asyncIterator]());
    const next = async (it: AsyncIterator<string>) => String((await it.next()).value);
    await Promise.all(lines.map(next)); // each printed "ready": modules loaded
    for (const c of children) c.stdin!.end('go\n');
    const seconds = await Promise.all(lines.map(async (it) => Number(await next(it))));
    await Promise.all(children.map((c) => exited(c)));
    return Math.max(...seconds);
  };
  return { one: await shares(1), two: await shares(2) };
}

/** Warm-up: the sweep's every combination this many times (per worker process): the sweep itself. */
const WARM_UP_SEEDS = Number(arg('seeds', '20'));

/** Child of parallelCeiling: simulates its share of the sweep once told to, prints the seconds. */
async function simulateShare(share: string): Promise<void> {
  const [k, n] = share.split('/').map(Number);
  const plan = experimentRequestSchema.parse(sweepRequest(Number(arg('seeds', '20'))));
  const mine = { ...plan, runs: plan.runs.filter((_, i) => i % n === k) };
  // Warm, as the workers are when the sweeps start (bench warm-up runs): a cold process spends its
  // first second compiling the simulator, which would hide how the two processes share the machine.
  runInProcess({ ...plan, runs: plan.runs.filter((r) => r.params.seedIndex < WARM_UP_SEEDS) });
  process.stdout.write('ready\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  const t0 = performance.now();
  runInProcess(mine);
  process.stdout.write(`${(performance.now() - t0) / 1000}\n`);
}

async function bigMigration(): Promise<{ seconds: number; events: number; loop: { maxMs: number; p99Ms: number }; idleLoop: { maxMs: number; p99Ms: number } }> {
  const envt = await environment(1);
  try {
    const t0 = Date.now();
    const res = await envt.app.inject({ method: 'POST', url: '/v1/migrations', payload: BIG_MIGRATION });
    if (res.statusCode !== 202) throw new Error(`POST /v1/migrations: ${res.statusCode} ${res.body}`);
    const id = (res.json() as { id: string }).id;
    const row = await until(
      async () => {
        const r = await envt.container.migrations.find(id);
        return r && ['succeeded', 'failed', 'cancelled'].includes(r.status) ? r : undefined;
      },
      600_000,
      'the big migration to end',
      envt.procs,
    );
    const t1 = Date.now();
    if (row.status !== 'succeeded') throw new Error(`big migration ended ${row.status}`);
    await probeWindowsUpTo(t1);
    return { seconds: (t1 - t0) / 1000, events: Number(row.eventCount), loop: longestBlock(envt.procs, t0, t1), idleLoop: longestBlock([envt.idle], t0, t1) };
  } finally {
    await envt.close();
  }
}

async function until<T>(probe: () => Promise<T | undefined | null>, timeoutMs: number, what: string, procs: WorkerProcess[], everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    const dead = procs.find((p) => p.child.exitCode !== null);
    if (dead) throw new Error(`a worker process exited (${dead.child.exitCode}) while waiting for ${what}:\n${dead.output()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => (clearTimeout(timer), resolve()));
  });
}

async function dropDatabase(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: `${SERVER}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => admin.end());
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n: number, digits = 2) => n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const pct = (f: number) => `${fmt(f * 100, 1)}%`;

async function main(): Promise<void> {
  const repeat = Number(arg('repeat', '3'));
  const seeds = Number(arg('seeds', '20'));
  const request = sweepRequest(seeds);
  const runs = 10 * seeds;
  console.error(`bench:experiments: ${runs}-run sweep, ${repeat} round(s), ${os.cpus().length} CPUs`);

  const sims: Array<{ seconds: number; cpuSeconds: number }> = [];
  const one: SweepMeasurement[] = [];
  const two: SweepMeasurement[] = [];
  const load0 = os.loadavg()[0];
  // Each round measures the three side by side, in A-B-C then C-B-A order (the machine's load drifts).
  const ceilings: Array<{ one: number; two: number }> = [];
  const steps: Array<[string, () => Promise<void>]> = [
    ['in-process simulation', async () => void sims.push(inProcess(request))],
    ['in-process simulation, 1 and 2 processes', async () => void ceilings.push(await parallelCeiling())],
    ['1 worker process', async () => void one.push(await sweep(1, request, runs))],
    ['2 worker processes', async () => void two.push(await sweep(2, request, runs))],
  ];
  const baseline: SweepMeasurement[] = [];
  if (BASELINE_TREE) steps.splice(2, 0, [`1 worker process of ${BASELINE_TREE}`, async () => void baseline.push(await sweep(1, request, runs, BASELINE_TREE))]);
  for (let round = 1; round <= repeat; round++) {
    for (const [what, step] of round % 2 === 1 ? steps : [...steps].reverse()) {
      console.error(`round ${round}/${repeat}: ${what}...`);
      await step();
    }
  }
  console.error('big migration, 1 worker process...');
  const big = await bigMigration();

  const load1 = os.loadavg()[0];
  const sim = median(sims.map((m) => m.seconds));
  const simCpu = median(sims.map((m) => m.cpuSeconds));
  const t1 = median(one.map((m) => m.seconds));
  const t2 = median(two.map((m) => m.seconds));
  const m1 = one.find((m) => m.seconds === t1)!;
  const ratio = t2 / t1;
  const overhead = t1 / sim - 1;
  const perRunMs = (s: number) => `${fmt((s / runs) * 1000, 1)} ms/run`;
  const failures: string[] = [];
  if (ratio > RATIO_TARGET) failures.push(`t2/t1 ${fmt(ratio)} > ${RATIO_TARGET}`);
  if (overhead > OVERHEAD_TARGET) failures.push(`overhead ${pct(overhead)} > ${pct(OVERHEAD_TARGET)}`);
  if (big.loop.maxMs > LOOP_BLOCK_TARGET_MS * 1.5) failures.push(`event-loop block ${fmt(big.loop.maxMs, 0)} ms`);

  console.log(`\nExperiments, ${runs}-run sweep of ${SWEEP_MIB / 1024} GiB VMs (faultEvents none), ${os.cpus().length} CPUs shared by the API, the workers, PostgreSQL and Redis; median of ${repeat} round(s); load average ${fmt(load0, 1)} at the start, ${fmt(load1, 1)} at the end\n`);
  console.log('| measurement | result | notes |');
  console.log('|---|---:|---|');
  console.log(`| pure simulation, in-process (sum of ${runs} runs) | ${fmt(sim)} s | ${perRunMs(sim)} |`);
  console.log(`| sweep, 1 worker process (t1) | ${fmt(t1)} s | POST to experiment succeeded |`);
  const m2 = two.find((m) => m.seconds === t2)!;
  console.log(`| sweep, 2 worker processes (t2) | ${fmt(t2)} s | runs in progress at once: ${fmt(m2.concurrency)} on average (1 worker: ${fmt(m1.concurrency)}); worker CPU ${fmt(m2.workerCpuSeconds)} s in all |`);
  console.log(
    `| t2: time with 2 / 1 / 0 runs in progress | ${m2.occupancy.toReversed().map((x) => fmt(x)).join(' / ')} s | the last ${fmt(m2.tailSeconds)} s one worker ran alone (the other had no batch left) |`,
  );
  const ceiling = median(ceilings.map((c) => c.two / c.one));
  // What kept the two cores busy during t2: with two workers, the services' and the API's work
  // takes CPU from them (with one, it runs on the other core), so t2 >= all of it / 2.
  const busy2 = m2.workerCpuSeconds + m2.serviceCpuSeconds + m2.apiCpuSeconds;
  console.log(
    `| CPU used during t2, of ${fmt(2 * t2)} core-seconds | ${fmt(busy2)} s (${pct(busy2 / (2 * t2))}) | workers ${fmt(m2.workerCpuSeconds)} s, PostgreSQL ${fmt(m2.postgresCpuSeconds)} s, Redis ${fmt(m2.serviceCpuSeconds - m2.postgresCpuSeconds)} s, API and bench ${fmt(m2.apiCpuSeconds)} s: t2 >= ${fmt(busy2 / 2)} s, ${fmt(busy2 / 2 / t1)} x t1, however the runs are scheduled |`,
  );
  console.log(`| **t2 / t1** | ${fmt(ratio)} | goal <= ${RATIO_TARGET} |`);
  console.log(`| the machine's best t2 / t1: the same simulations in 2 processes at once / in 1 | ${fmt(ceiling)} | ${fmt(median(ceilings.map((c) => c.two)))} s / ${fmt(median(ceilings.map((c) => c.one)))} s (0.5 on 2 free cores: here each process runs at ${pct(1 / (2 * ceiling))} of its speed alone, so work on the other core, Postgres's and Redis's too, slows a worker as much); t2 / t1 over this: ${fmt(ratio / ceiling)} |`);
  console.log(`| **overhead per run, t1 / simulation - 1** | ${pct(overhead)} | goal <= ${pct(OVERHEAD_TARGET)}; ${perRunMs(t1 - sim)} |`);
  const cpu1 = median(one.map((m) => m.workerCpuSeconds));
  console.log(`| CPU of the worker process during t1 / CPU of the pure simulation | ${fmt(cpu1 / simCpu)} | ${fmt(cpu1)} s / ${fmt(simCpu)} s: the worker's own work per run, whatever the machine's load |`);
  console.log(`| CPU of PostgreSQL and Redis during t1 | ${fmt(median(one.map((m) => m.serviceCpuSeconds)))} s | ${perRunMs(median(one.map((m) => m.serviceCpuSeconds)))} (the bench's own polling included), on the core the worker shares |`);
  if (baseline.length > 0) {
    const b1 = median(baseline.map((m) => m.seconds));
    const bCpu = median(baseline.map((m) => m.workerCpuSeconds));
    const bm = baseline.find((m) => m.seconds === b1)!;
    console.log(`| baseline (${BASELINE_TREE}): sweep, 1 worker process | ${fmt(b1)} s | overhead ${pct(b1 / sim - 1)}; inside the jobs ${perRunMs(bm.inJobSeconds)}, between jobs ${perRunMs(bm.betweenJobsSeconds)}; worker CPU ${fmt(bCpu)} s (${fmt(bCpu / simCpu)} x the simulation's) |`);
    console.log(`| **t1 this tree / t1 baseline** | ${fmt(t1 / b1)} | worker CPU this tree / baseline: ${fmt(cpu1 / bCpu)} |`);
  }
  console.log(`| t1: POST to the first run's start | ${fmt(m1.firstStartSeconds)} s | POST answered after ${fmt(m1.postSeconds)} s (${runs} runs validated and stored, flow added), then the first job fetched |`);
  console.log(`| t1: inside the jobs (start to finish of each run) | ${fmt(m1.inJobSeconds)} s | ${perRunMs(m1.inJobSeconds)}: simulation, progress writes, result |`);
  console.log(`| t1: between jobs (a run's finish to the next start) | ${fmt(m1.betweenJobsSeconds)} s | ${perRunMs(m1.betweenJobsSeconds)}; of which ${fmt(m1.betweenBatchesSeconds)} s at the ${m1.batchGaps} batch boundaries (${fmt((m1.betweenBatchesSeconds / Math.max(1, m1.batchGaps)) * 1000, 1)} ms each: the last ends stored, BullMQ completion and fetch, fair-share check, the rows read) |`);
  console.log(`| t1: last run's finish to experiment succeeded | ${fmt(m1.afterLastSeconds)} s | parent job, settle |`);
  console.log(`| longest event-loop block of a worker, sweep (1 / 2 workers) | ${fmt(m1.loop.maxMs, 0)} / ${fmt(median(two.map((m) => m.loop.maxMs)), 0)} ms | monitorEventLoopDelay max; an idle process meanwhile: ${fmt(m1.idleLoop.maxMs, 0)} / ${fmt(median(two.map((m) => m.idleLoop.maxMs)), 0)} ms |`);
  console.log(`| longest event-loop block of a worker, big migration | ${fmt(big.loop.maxMs, 0)} ms | 16 GiB / 64 vCPUs, ${big.events.toLocaleString('en')} events stored, ${fmt(big.seconds, 1)} s; p99 of a 1 s window up to ${fmt(big.loop.p99Ms, 0)} ms; goal ~${LOOP_BLOCK_TARGET_MS} ms |`);
  console.log(`| the same, in an idle process meanwhile | ${fmt(big.idleLoop.maxMs, 0)} ms | waiting for a core (the machine's load), not a block |`);
  if (failures.length) {
    console.error(`\nbelow target: ${failures.join('; ')}`);
    if (!args.includes('--no-fail')) process.exit(1);
  }
}

if (args.includes('--simulate-share')) await simulateShare(arg('simulate-share', '0/1'));
else await main();
