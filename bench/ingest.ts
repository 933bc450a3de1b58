/**
 * Fault-event storage benchmark (issue "Fault events at scale"), one command: `npm run bench:ingest`.
 *
 * On a database of its own (created, migrated and dropped here), for one ~10-million-event migration
 * (80 GiB, 32 vCPUs, uniform, 4K pages):
 *   1. simulate only (no storage), for reference;
 *   2. the real worker (runMigrationJob: simulate + binary COPY + finalize), in a child process of its
 *      own so that its peak RSS is its own;
 *   3. raw COPY of the same rows (dumped from 2 in binary) into a fresh partition of the same table,
 *      one COPY statement streamed from a file: the database's own speed, the baseline of the ratio;
 *   4. first-page and stats latencies through the HTTP API (fastify inject), export throughput over
 *      real HTTP (and the API process's RSS meanwhile), and DELETE of the migration.
 * Targets: worker >= 0.7 x raw COPY (events/s); worker peak RSS < 400 MB.
 *
 * Usage: npm run bench:ingest [-- --gib 80 --vcpus 32] [-- --no-fail] [-- --keep-db]
 * Postgres: BENCH_POSTGRES_URL (server URL without a database), default postgresql://postgres@127.0.0.1:5432.
 * Redis (only for building the API): REDIS_URL, default redis://127.0.0.1:6379.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import http from 'node:http';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { pino } from 'pino';
import { createSimulation, migrationSpecSchema, type MigrationSpecInput } from '../src/sim/index.js';
import { applyMigrations, ensureDatabase } from '../src/db/migrate.js';
import { createDb } from '../src/db/client.js';
import { MigrationsRepo } from '../src/db/migrations-repo.js';
import { FaultEventsRepo, partitionName } from '../src/db/fault-events-repo.js';
import { COPY_COLUMNS } from '../src/db/fault-events-copy.js';
import { runMigrationJob } from '../src/workers/migration-worker.js';
import { loadConfig } from '../src/config.js';
import { appDepsOf, createContainer } from '../src/container.js';
import { buildApp } from '../src/app.js';

const RATIO_TARGET = 0.7;
const RSS_TARGET = 400 * 2 ** 20;

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};

function specOf(gib: number, vcpus: number): MigrationSpecInput {
  return {
    seed: 1,
    vm: { memoryMiB: gib * 1024, vcpus },
    workload: { pattern: 'uniform', accessesPerSecond: 100_000 },
    strategy: { mechanism: 'uffd_missing', handlerThreads: 4 },
    network: { bandwidthGbps: 25, rttUs: 50, postcopyPreempt: true },
    limits: { maxFaultEvents: 20_000_000 },
  };
}

// ------------------------------------------------------------------------------------------------
// Child processes: one measurement each, so that peak RSS is that of the measured work alone.
// ------------------------------------------------------------------------------------------------

interface ChildResult {
  events: number;
  seconds: number;
  ingestSeconds?: number;
  finalizeSeconds?: number;
  /** Time the worker waited for the database (backpressure and commits). */
  waitedSeconds?: number;
  cpuSeconds: number;
  peakRssBytes: number;
  outcome?: string;
}

async function child(mode: string): Promise<ChildResult> {
  const spec = migrationSpecSchema.parse(JSON.parse(arg('spec', '{}')));
  if (mode === 'sim') {
    const t0 = performance.now();
    const sim = createSimulation(spec);
    let events = 0;
    for (let b = sim.next(20_000); b; b = sim.next(20_000)) events += b.length;
    return { events, seconds: (performance.now() - t0) / 1000, cpuSeconds: cpuSeconds(), peakRssBytes: process.resourceUsage().maxRSS * 1024, outcome: sim.result().outcome };
  }
  // The worker, as startMigrationWorker runs it (minus BullMQ): same repositories, same defaults.
  const url = arg('db', '');
  const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' }, []);
  const db = createDb(url);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const faults = new FaultEventsRepo(pool);
  let finalizeSeconds = 0;
  const writers: Array<ReturnType<FaultEventsRepo['writer']>> = [];
  const writer = faults.writer.bind(faults);
  faults.writer = (...a: Parameters<FaultEventsRepo['writer']>) => {
    const w = writer(...a);
    writers.push(w);
    return w;
  };
  const finalize = faults.finalize.bind(faults);
  faults.finalize = async (key: number) => {
    const t = performance.now();
    await finalize(key);
    finalizeSeconds += (performance.now() - t) / 1000;
  };
  try {
    const t0 = performance.now();
    const outcome = await runMigrationJob(arg('id', ''), {
      migrations: new MigrationsRepo(db, pool),
      faults,
      log: pino({ level: 'silent' }),
      batchSize: config.EVENT_BATCH_SIZE,
      commitRows: config.EVENT_COMMIT_ROWS,
    });
    const seconds = (performance.now() - t0) / 1000;
    const events = await faults.count(arg('id', ''));
    const waitedSeconds = writers.reduce((s, w) => s + w.waitedMs, 0) / 1000;
    return { events, seconds, ingestSeconds: seconds - finalizeSeconds, finalizeSeconds, waitedSeconds, cpuSeconds: cpuSeconds(), peakRssBytes: process.resourceUsage().maxRSS * 1024, outcome };
  } finally {
    await Promise.all([db.$disconnect(), pool.end()]);
  }
}

function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

function runChild(mode: string, extra: string[]): ChildResult {
  const self = fileURLToPath(import.meta.url);
  const res = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', mode, ...extra], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (res.status !== 0) throw new Error(`child ${mode} failed:\n${res.stderr}`);
  return JSON.parse(res.stdout.trim().split('\n').pop() as string) as ChildResult;
}

// ------------------------------------------------------------------------------------------------
// The benchmark
// ------------------------------------------------------------------------------------------------

const fmt = (n: number, digits = 0) => n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const mib = (b: number) => `${fmt(b / 2 ** 20)} MiB`;
const ms = (s: number) => `${fmt(s * 1000, s < 0.1 ? 1 : 0)} ms`;

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const v = await fn();
  return [v, (performance.now() - t) / 1000];
}

/** First run (cold-ish), then the median of `n` more. */
async function latency(fn: () => Promise<unknown>, n = 5): Promise<{ first: number; median: number }> {
  const [, first] = await timed(fn);
  const runs: number[] = [];
  for (let i = 0; i < n; i++) runs.push((await timed(fn))[1]);
  runs.sort((a, b) => a - b);
  return { first, median: runs[Math.floor(n / 2)] };
}

async function main(): Promise<void> {
  const gib = Number(arg('gib', '80'));
  const vcpus = Number(arg('vcpus', '32'));
  const spec = specOf(gib, vcpus);
  const server = (process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432').replace(/\/$/, '');
  const dbName = `pcl_bench_${Date.now()}`;
  const url = `${server}/${dbName}`;
  const failures: string[] = [];
  const rows: Array<[string, string, string]> = [];
  const row = (what: string, value: string, note = '') => {
    rows.push([what, value, note]);
    console.error(`  ${what}: ${value} ${note}`);
  };

  console.error(`bench:ingest: database ${dbName}, ${gib} GiB / ${vcpus} vCPUs, uniform, 4K pages, ${os.cpus().length} CPUs`);
  await ensureDatabase(url);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const db = createDb(url);
  const dump = path.join(os.tmpdir(), `${dbName}.copy`);
  let container: ReturnType<typeof createContainer> | undefined;
  try {
    await applyMigrations(url);
    const migrations = new MigrationsRepo(db, pool);
    const faults = new FaultEventsRepo(pool);
    const parsed = migrationSpecSchema.parse(spec);

    // 1. The simulator alone.
    console.error('1/4 simulating (no storage)...');
    const sim = runChild('sim', ['--spec', JSON.stringify(spec)]);
    row('simulator alone', `${fmt(sim.events / sim.seconds)} events/s`, `${fmt(sim.events)} events in ${fmt(sim.seconds, 1)} s (CPU ${fmt(sim.cpuSeconds, 1)} s), peak RSS ${mib(sim.peakRssBytes)}`);

    // 2. The worker.
    console.error('2/4 worker: simulate + COPY + finalize...');
    const { row: m1 } = await migrations.insert({ id: randomUUID(), requestHash: 'bench', spec: parsed });
    await pool.query('CHECKPOINT');
    const worker = runChild('worker', ['--spec', JSON.stringify(spec), '--db', url, '--id', m1.id]);
    if (worker.events !== sim.events) throw new Error(`worker stored ${worker.events} events, the simulator made ${sim.events}`);
    const workerRate = worker.events / worker.ingestSeconds!;
    row(
      'worker: simulate + encode + COPY',
      `${fmt(workerRate)} events/s`,
      `${fmt(worker.events)} events in ${fmt(worker.ingestSeconds!, 1)} s (${worker.outcome}); waited for the database ${fmt(worker.waitedSeconds!, 1)} s; worker CPU ${fmt(worker.cpuSeconds, 1)} s`,
    );
    row('worker: finalize (gfn index, ANALYZE)', `${fmt(worker.finalizeSeconds!, 1)} s`);
    row('worker: peak RSS', mib(worker.peakRssBytes), `target < ${mib(RSS_TARGET)}`);
    if (worker.peakRssBytes >= RSS_TARGET) failures.push(`worker peak RSS ${mib(worker.peakRssBytes)} >= ${mib(RSS_TARGET)}`);

    // 3. Raw COPY of the same rows into a fresh partition of the same table.
    console.error('3/4 raw COPY of the same rows...');
    const { row: m2 } = await migrations.insert({ id: randomUUID(), requestHash: 'bench-raw', spec: parsed });
    await faults.ensurePartition(m2.key);
    {
      const client = await pool.connect();
      try {
        const cols = COPY_COLUMNS.replace('migration_key', String(m2.key));
        const out = client.query(copyTo(`COPY (SELECT ${cols} FROM ${partitionName(m1.key)} ORDER BY seq) TO STDOUT (FORMAT binary)`));
        await pipeline(out, createWriteStream(dump));
      } finally {
        client.release();
      }
    }
    const dumpBytes = (await stat(dump)).size;
    await pool.query('CHECKPOINT');
    const [, rawSeconds] = await timed(async () => {
      const client = await pool.connect();
      try {
        await pipeline(createReadStream(dump, { highWaterMark: 1 << 20 }), client.query(copyFrom(`COPY ${partitionName(m2.key)} (${COPY_COLUMNS}) FROM STDIN (FORMAT binary)`)));
      } finally {
        client.release();
      }
    });
    const [, rawFinalize] = await timed(() => faults.finalize(m2.key));
    const rawCount = await faults.count(m2.id);
    if (rawCount !== worker.events) throw new Error(`raw COPY stored ${rawCount} rows`);
    const rawRate = rawCount / rawSeconds;
    const ratio = workerRate / rawRate;
    row('raw COPY, same rows, one statement from a file', `${fmt(rawRate)} events/s`, `${fmt(rawSeconds, 1)} s, ${mib(dumpBytes)} of binary COPY data; finalize ${fmt(rawFinalize, 1)} s`);
    row('**worker / raw COPY**', fmt(ratio, 2), `target >= ${RATIO_TARGET}`);
    const ratioTotal = worker.events / worker.seconds / (rawCount / (rawSeconds + rawFinalize));
    row('worker / raw COPY, both with finalize', fmt(ratioTotal, 2));
    if (ratio < RATIO_TARGET) failures.push(`worker/raw COPY ${fmt(ratio, 2)} < ${RATIO_TARGET}`);
    await rm(dump, { force: true });

    const sizes = await pool.query<{ name: string; bytes: string }>(
      `SELECT c.relname AS name, pg_relation_size(c.oid)::text AS bytes FROM pg_class c
        WHERE c.relname = $1 OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid = $1::regclass) ORDER BY c.relname`,
      [partitionName(m1.key)],
    );
    for (const s of sizes.rows) row(`size: ${s.name}`, mib(Number(s.bytes)), `${fmt(Number(s.bytes) / worker.events, 1)} bytes/event`);

    // 4. The API on top of it.
    console.error('4/4 queries, export and delete through the API...');
    const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', QUEUE_PREFIX: `pcl-bench-${randomUUID()}`, REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' }, []);
    const log = pino({ level: 'silent' });
    container = createContainer(config, log);
    // AUTH is off on 127.0.0.1: the requests act as tenant "default", which owns the rows inserted above.
    const app = await buildApp(appDepsOf(container));
    const get = async (p: string) => {
      const res = await app.inject({ method: 'GET', url: `/v1/migrations/${m1.id}${p}` });
      if (res.statusCode !== 200) throw new Error(`${p}: ${res.statusCode} ${res.body}`);
      return res.json();
    };
    const span = (await pool.query<{ hi: string }>(`SELECT max(raised_at_ns)::text AS hi FROM ${partitionName(m1.key)}`)).rows[0].hi;
    const T = Number(span);
    const at = (f: number) => Math.round(T * f);
    const queries: Array<[string, string]> = [
      ['first page (limit 100)', '/faults?limit=100'],
      ['first page, limit 1000', '/faults?limit=1000'],
      ['page deep in the run (after seq 9,000,000)', `/faults?limit=100&cursor=${Buffer.from(JSON.stringify({ seq: '9000000' })).toString('base64url')}`],
      ['first page, vcpu=7', '/faults?limit=100&vcpu=7'],
      ['first page, path=kvm_user_access (rare)', '/faults?limit=100&path=kvm_user_access'],
      ['first page, resolution=eexist_wake (rare)', '/faults?limit=100&resolution=eexist_wake'],
      ['first page, mechanism=uffd_missing (all)', '/faults?limit=100&mechanism=uffd_missing'],
      ['first page, gfn range of 1,000 frames', '/faults?limit=100&gfnMin=5000000&gfnMax=5000999'],
      ['first page, 1% time window mid-run', `/faults?limit=100&fromNs=${at(0.5)}&toNs=${at(0.51)}`],
      ['first page, time window 60%..100%', `/faults?limit=100&fromNs=${at(0.6)}`],
      ['stats, unfiltered (50 buckets)', '/faults/stats'],
      ['stats, vcpu=7', '/faults/stats?vcpu=7'],
      ['stats, 10% time window', `/faults/stats?fromNs=${at(0.3)}&toNs=${at(0.4)}&buckets=100`],
      ['stats, path=kvm_user_access (rare)', '/faults/stats?path=kvm_user_access'],
    ];
    for (const [what, p] of queries) {
      const l = await latency(() => get(p), 5);
      // Stats of a migration that has ended are computed by the first request and then read back.
      row(what, ms(l.median), what.startsWith('stats') ? `first request (computed) ${ms(l.first)}, then from the stats cache` : `median; first run ${ms(l.first)}`);
    }
    const computed = await latency(() => faults.aggregates(m1.key, {}, 50), 3);
    row('stats, unfiltered, computed by PostgreSQL (no cache)', ms(computed.median), `median of 3 (first ${ms(computed.first)}): 3 statements, 2 of them concurrent`);

    // Export over real HTTP, read as fast as possible; the API process's RSS is sampled meanwhile.
    await app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    for (const [what, q, headers] of [
      ['export, NDJSON, all events', 'format=ndjson', {}],
      ['export, CSV + gzip, all events', 'format=csv', { 'accept-encoding': 'gzip' }],
    ] as const) {
      const rss0 = process.memoryUsage().rss;
      let peak = rss0;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
      const [bytes, seconds] = await timed(async () => {
        const req = http.get(`${base}/v1/migrations/${m1.id}/faults/export?${q}`, { headers });
        const [res] = (await once(req, 'response')) as [http.IncomingMessage];
        let n = 0;
        for await (const chunk of res) n += (chunk as Buffer).length;
        return n;
      });
      clearInterval(sampler);
      row(what, `${fmt(worker.events / seconds)} events/s`, `${mib(bytes)} sent in ${fmt(seconds, 1)} s; API RSS ${mib(rss0)} -> peak ${mib(peak)}`);
    }

    const [res, deleteSeconds] = await timed(() => app.inject({ method: 'DELETE', url: `/v1/migrations/${m1.id}` }));
    if (res.statusCode !== 204) throw new Error(`DELETE: ${res.statusCode} ${res.body}`);
    row(`DELETE /v1/migrations/{id} (${fmt(worker.events)} events)`, ms(deleteSeconds), 'detach + drop of its partition');
    const [, dropSeconds] = await timed(() => faults.dropPartition(m2.key));
    row('drop of the raw-COPY partition', ms(dropSeconds));
    await app.close();
  } finally {
    await container?.close().catch(() => undefined);
    await rm(dump, { force: true });
    await Promise.all([db.$disconnect(), pool.end()]);
    if (!args.includes('--keep-db')) {
      // FORCE terminates whatever connection a pool still holds to it: expected, not an error.
      process.on('uncaughtException', (err: Error & { code?: string }) => {
        if (err.code === '57P01') return;
        console.error(err);
        process.exit(1);
      });
      const admin = new pg.Client({ connectionString: `${server}/postgres` });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).finally(() => admin.end());
    }
  }

  console.log(`\nFault-event storage, ${gib} GiB / ${vcpus} vCPUs (${os.cpus().length} CPUs, PostgreSQL and the worker on one machine)\n`);
  console.log('| measurement | result | notes |');
  console.log('|---|---:|---|');
  for (const [a, b, c] of rows) console.log(`| ${a} | ${b} | ${c} |`);
  if (failures.length) {
    console.error(`\nbelow target: ${failures.join('; ')}`);
    if (!args.includes('--no-fail')) process.exit(1);
  }
}

const childIdx = args.indexOf('--child');
if (childIdx >= 0) {
  process.stdout.write(JSON.stringify(await child(args[childIdx + 1])) + '\n');
} else {
  await main();
}
