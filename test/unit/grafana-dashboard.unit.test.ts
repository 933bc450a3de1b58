import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Metrics } from '../../src/metrics.js';
import { createSimulation, migrationSpecSchema, MODEL_VERSION, type MigrationResult } from '../../src/sim/index.js';
import { SERVICE_VERSION } from '../../src/version.js';

const root = join(import.meta.dirname, '..', '..');

/** A process's metrics with empty scrape-time sources (no queue, no database). */
function metrics(): Metrics {
  return new Metrics({ queues: [], migrationsByStatus: async () => ({}), sseConnections: () => 0 });
}

/** Every sample name the service exports (a histogram as its _bucket, _sum and _count series), read from src/metrics.ts's registry. */
async function exportedSampleNames(): Promise<Map<string, string>> {
  const names = new Map<string, string>(); // sample name -> metric name
  for (const m of await metrics().registry.getMetricsAsJSON()) {
    const type = String(m.type);
    const suffixes = type === 'histogram' ? ['_bucket', '_sum', '_count'] : type === 'summary' ? ['', '_sum', '_count'] : [''];
    for (const s of suffixes) names.set(m.name + s, m.name);
  }
  return names;
}

const PROMQL_WORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'and', 'or', 'unless', 'offset', 'inf', 'nan']);

/** The metric names a PromQL expression reads: identifiers that are not functions, keywords, labels or Grafana variables. */
function metricNamesIn(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""') // label values
    .replace(/\{[^}]*\}/g, '') // label matchers
    .replace(/\[[^\]]*\]/g, '') // range selectors
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '') // label lists
    .replace(/\$\w+/g, ''); // $__rate_interval, $mechanism
  const names: string[] = [];
  for (const m of bare.matchAll(/[a-zA-Z_:][\w:]*/g)) {
    const next = bare.slice(m.index + m[0].length).trimStart();
    if (next.startsWith('(') || PROMQL_WORDS.has(m[0].toLowerCase())) continue; // a function, or a keyword
    if (!names.includes(m[0])) names.push(m[0]);
  }
  return names;
}

interface Panel {
  title: string;
  type: string;
  targets?: Array<{ expr: string }>;
  panels?: Panel[];
}
const dashboard = JSON.parse(readFileSync(join(root, 'ops/grafana/postcopy-lab.json'), 'utf8')) as {
  title: string;
  panels: Panel[];
  templating: { list: Array<{ name: string; definition?: string }> };
};
const allPanels = dashboard.panels.flatMap((p) => [p, ...(p.panels ?? [])]).filter((p) => p.type !== 'row');

describe('the Grafana dashboard (ops/grafana/postcopy-lab.json)', () => {
  it('every panel queries only metrics the service exports', async () => {
    const exported = await exportedSampleNames();
    expect(allPanels.length).toBeGreaterThan(5);
    for (const panel of allPanels) {
      expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
      for (const { expr } of panel.targets!) {
        const names = metricNamesIn(expr);
        expect(names.length, `${panel.title}: ${expr}`).toBeGreaterThan(0);
        for (const n of names) expect(exported.has(n), `${panel.title}: ${n} is not exported`).toBe(true);
      }
    }
    for (const v of dashboard.templating.list.filter((t) => t.definition)) {
      for (const n of metricNamesIn(v.definition!.replace(/^label_values\((\w+),.*$/, '$1'))) expect(exported.has(n), `variable ${v.name}: ${n}`).toBe(true);
    }
  });

  it('charts every result metric and the build info', async () => {
    const exported = await exportedSampleNames();
    const charted = new Set(allPanels.flatMap((p) => p.targets!.flatMap((t) => metricNamesIn(t.expr))).map((n) => exported.get(n)));
    const results = [...new Set(exported.values())].filter((n) => n.startsWith('postcopy_vmi_') || n === 'postcopy_build_info');
    expect(results.length).toBeGreaterThanOrEqual(7);
    expect(results.filter((n) => !charted.has(n))).toEqual([]);
  });

  it('the name check rejects what is not exported', () => {
    expect(metricNamesIn('histogram_quantile(0.99, sum by (le, mechanism) (rate(postcopy_vmi_migration_downtime_seconds_bucket{outcome="completed"}[$__rate_interval])))')).toEqual([
      'postcopy_vmi_migration_downtime_seconds_bucket',
    ]);
    expect(metricNamesIn('sum(rate(kubevirt_vmi_migration_data_processed_bytes[5m])) / sum(up)')).toEqual(['kubevirt_vmi_migration_data_processed_bytes', 'up']);
  });
});

describe('result metrics', () => {
  /** A real simulated run, as the worker makes one (no database: the result is what is observed). */
  function run(input: unknown): MigrationResult {
    const sim = createSimulation(migrationSpecSchema.parse(input));
    while (sim.next(50_000));
    return sim.result();
  }

  it('one finished migration: downtime, total and blocktime in seconds, bytes and violations by kind, build info', async () => {
    // Nothing intercepts vhost's accesses (no uffd): zero_page_exposed violations, as in the hazards test.
    const quiet = { kvmUserAccessPerSecond: 0, instructionEmulationPerSecond: 0, vhostAccessesPerSecond: 20_000 };
    const result = run({ seed: 4, vm: { memoryMiB: 256, vcpus: 2 }, workload: { pattern: 'uniform', faultSources: quiet }, strategy: { mechanism: 'kvm_exit_on_missing', uffdMode: 'none' } });
    expect(result.violationCount).toBeGreaterThan(0);
    const m = metrics();
    m.observeResult('kvm_exit_on_missing', result);
    const json = await m.registry.getMetricsAsJSON();
    const values = (name: string) => json.find((x) => x.name === name)!.values as Array<{ value: number; labels: Record<string, string | number>; metricName?: string }>;
    const sum = (name: string) => values(name).find((v) => v.metricName === `${name}_sum`)!;

    const labels = { mechanism: 'kvm_exit_on_missing', outcome: result.outcome };
    expect(sum('postcopy_vmi_migration_downtime_seconds')).toMatchObject({ labels, value: result.timing.downtimeNs / 1e9 });
    expect(sum('postcopy_vmi_migration_duration_seconds').value).toBeCloseTo(result.timing.totalNs / 1e9, 12);
    expect(sum('postcopy_vmi_migration_blocktime_seconds').value).toBeCloseTo(result.blocktime.allVcpusNs / 1e9, 12);
    expect(result.blocktime.allVcpusNs).toBeLessThan(result.blocktime.sumNs); // QEMU's overlap, not the per-vCPU sum

    const bytes = Object.fromEntries(values('postcopy_vmi_migration_data_processed_bytes_total').map((v) => [v.labels.kind, v.value]));
    expect(bytes).toEqual({ background: result.bytes.background, demand: result.bytes.demand, precopy: result.bytes.preTransferred, device_state: result.bytes.deviceState, resent: result.bytes.resent });
    const violations = Object.fromEntries(values('postcopy_vmi_migration_violations_total').map((v) => [v.labels.kind, v.value]));
    expect(violations).toEqual(result.violationsByKind);
    expect(values('postcopy_vmi_migrations_finished_total')).toEqual([expect.objectContaining({ value: 1, labels: { ...labels, correct: 'false' } })]);

    expect(values('postcopy_build_info')).toEqual([
      { value: 1, labels: { version: SERVICE_VERSION, model_version: String(MODEL_VERSION), node_version: process.versions.node } },
    ]);
  });
});
