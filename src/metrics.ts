import { MigrationStatus } from './generated/prisma/enums.js';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { withTimeout } from './lib/timeout.js';

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

  constructor(sources: MetricSources) {
    collectDefaultMetrics({ register: this.registry });
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
