import { MigrationStatus } from './generated/prisma/enums.js';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { withTimeout } from './lib/timeout.js';
import { MODEL_VERSION, type MigrationResult } from './sim/index.js';
import { SERVICE_VERSION } from './version.js';

/** The summaries count simulated nanoseconds, Prometheus seconds (divided: exact for whole ms). */
const NS_PER_S = 1e9;
/** Downtime and blocktime: from 100 µs (a few pages) to a minute. */
const SHORT_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
/** Whole migrations: from 10 ms (a small VM) to the hour a spec may simulate. */
const LONG_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

/** Where the scrape-time gauges read from: the queues and the migrations table. */
export interface MetricSources {
  queues: Array<{ name: string; getJobCounts(): Promise<Record<string, number>> }>;
  migrationsByStatus(): Promise<Record<string, number>>;
  sseConnections(): number;
}

/**
 * The Prometheus metrics of one process (a registry of its own, so that several services in one
 * process, as in the tests, never share counters). The API serves them at /metrics; a worker in
 * the same process (ROLE=all) records job durations and ingested fault events into the same registry.
 */
export class Metrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency, by method, route template and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly jobDuration = new Histogram({
    name: 'postcopy_migration_job_duration_seconds',
    help: 'Wall-clock time a worker spent on one migration job attempt, by outcome.',
    labelNames: ['outcome'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800],
    registers: [this.registry],
  });

  readonly faultEventsIngested = new Counter({
    name: 'postcopy_fault_events_ingested_total',
    help: 'Fault events stored in Postgres by the workers of this process.',
    registers: [this.registry],
  });

  /*
   * Results of the simulated migrations, observed by the worker when one ends (so a worker-only
   * process exports them on METRICS_PORT). Named in KubeVirt's style (kubevirt_vmi_migration_*:
   * <project>_<object>_<subsystem>_<quantity>_<unit>), so a Grafana user finds them where a
   * KubeVirt user would look. Labels: the fault-handling mechanism, and the simulated outcome
   * (summary.outcome: completed, vm_lost, refused, aborted, truncated, stalled), which keeps refused or
   * truncated runs out of a "completed" panel.
   */
  readonly migrationDowntime = new Histogram({
    name: 'postcopy_vmi_migration_downtime_seconds',
    help: 'Simulated downtime: source paused until the vCPUs resumed on the target (summary.timing.downtimeNs).',
    labelNames: ['mechanism', 'outcome'] as const,
    buckets: SHORT_BUCKETS,
    registers: [this.registry],
  });

  readonly migrationDuration = new Histogram({
    name: 'postcopy_vmi_migration_duration_seconds',
    help: 'Simulated total migration time: pre-copy + downtime + post-copy (summary.timing.totalNs).',
    labelNames: ['mechanism', 'outcome'] as const,
    buckets: LONG_BUCKETS,
    registers: [this.registry],
  });

  readonly migrationBlocktime = new Histogram({
    name: 'postcopy_vmi_migration_blocktime_seconds',
    help: "QEMU's postcopy-blocktime: time during which every vCPU was blocked on a missing page at once (summary.blocktime.allVcpusNs).",
    labelNames: ['mechanism', 'outcome'] as const,
    buckets: SHORT_BUCKETS,
    registers: [this.registry],
  });

  readonly migrationDataProcessed = new Counter({
    name: 'postcopy_vmi_migration_data_processed_bytes_total',
    help: 'Bytes sent to the target by finished migrations, by kind: background, demand, precopy (pre-copy rounds and pre-transferred pages), device_state, resent (after a failure).',
    labelNames: ['mechanism', 'kind'] as const,
    registers: [this.registry],
  });

  readonly migrationViolations = new Counter({
    name: 'postcopy_vmi_migration_violations_total',
    help: 'Correctness violations of finished migrations, by kind (summary.violationsByKind: every one, not only the listed).',
    labelNames: ['mechanism', 'kind'] as const,
    registers: [this.registry],
  });

  readonly migrationsFinished = new Counter({
    name: 'postcopy_vmi_migrations_finished_total',
    help: 'Simulated migrations that ran to their end, by mechanism, outcome (completed, vm_lost, refused, aborted, truncated, stalled) and correct (completed with no violation).',
    labelNames: ['mechanism', 'outcome', 'correct'] as const,
    registers: [this.registry],
  });

  /** Records the result of one simulated migration (once per migration, when the worker stores it). */
  observeResult(mechanism: string, r: MigrationResult): void {
    const labels = { mechanism, outcome: r.outcome };
    this.migrationDowntime.observe(labels, r.timing.downtimeNs / NS_PER_S);
    this.migrationDuration.observe(labels, r.timing.totalNs / NS_PER_S);
    this.migrationBlocktime.observe(labels, r.blocktime.allVcpusNs / NS_PER_S);
    const bytes = { background: r.bytes.background, demand: r.bytes.demand, precopy: r.bytes.preTransferred, device_state: r.bytes.deviceState, resent: r.bytes.resent };
    for (const [kind, n] of Object.entries(bytes)) this.migrationDataProcessed.inc({ mechanism, kind }, n);
    for (const [kind, n] of Object.entries(r.violationsByKind)) this.migrationViolations.inc({ mechanism, kind }, n);
    this.migrationsFinished.inc({ ...labels, correct: String(r.correct) });
  }

  constructor(sources: MetricSources) {
    collectDefaultMetrics({ register: this.registry });
    // The usual *_build_info gauge (value 1): which simulator model made the results above.
    new Gauge({
      name: 'postcopy_build_info',
      help: 'Always 1: the service version, the simulator model version (MODEL_VERSION) and the Node.js version of this process.',
      labelNames: ['version', 'model_version', 'node_version'] as const,
      registers: [this.registry],
    }).set({ version: SERVICE_VERSION, model_version: String(MODEL_VERSION), node_version: process.versions.node }, 1);
    new Gauge({
      name: 'postcopy_queue_jobs',
      help: 'BullMQ jobs by queue and state (waiting, active, delayed, completed, failed, ...).',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const q of sources.queues) {
          const counts = await withTimeout(q.getJobCounts(), 1_000).catch(() => undefined);
          for (const [state, n] of Object.entries(counts ?? {})) this.set({ queue: q.name, state }, n);
        }
      },
    });
    new Gauge({
      name: 'postcopy_migrations',
      help: 'Migrations by status (all of them, in Postgres).',
      labelNames: ['status'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        const counts = await withTimeout(sources.migrationsByStatus(), 2_000).catch(() => undefined);
        if (!counts) return; // Postgres unavailable: no sample rather than a wrong zero
        for (const status of Object.values(MigrationStatus)) this.set({ status }, counts[status] ?? 0);
      },
    });
    new Gauge({
      name: 'postcopy_sse_connections',
      help: 'Open Server-Sent Events connections.',
      registers: [this.registry],
      collect() {
        this.set(sources.sseConnections());
      },
    });
  }
}
