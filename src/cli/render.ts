import type { Experiment, Migration, MigrationEvent, Schemas } from '../../sdk/src/index.js';

/** Text rendering of the CLI: durations, the progress bar and the summary table. */

// One set of number formats for the CLI and the dashboard (a browser module, type-checked JS).
import { formatInt, formatNs } from '../dashboard/format.js';

export { formatInt, formatNs };

export interface ProgressState {
  status: string;
  phase: string;
  fraction: number;
  simTimeNs: number;
  faults: number;
  blocktimeNs: number;
}

export function progressBar(s: ProgressState, width = 30): string {
  const filled = Math.round(Math.min(1, Math.max(0, s.fraction)) * width);
  return (
    `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(s.fraction * 100).toFixed(1).padStart(5)}%  ` +
    `${s.status}/${s.phase}  t=${formatNs(s.simTimeNs)}  faults ${formatInt(s.faults)}  blocktime (sum) ${formatNs(s.blocktimeNs)}`
  );
}

/** Folds an event into the state the progress bar shows. */
export function applyEvent(s: ProgressState, e: MigrationEvent): ProgressState {
  switch (e.type) {
    case 'status':
      return { ...s, status: e.status };
    case 'phase':
      return { ...s, phase: e.phase };
    case 'progress':
      return { ...s, phase: e.phase, fraction: e.progress, simTimeNs: e.simTimeNs, faults: e.faults, blocktimeNs: e.blocktimeNs };
    case 'summary': {
      const d = e.migration.progressDetail;
      return {
        status: e.migration.status,
        phase: d?.phase ?? s.phase,
        fraction: e.migration.progress,
        simTimeNs: d?.simTimeNs ?? s.simTimeNs,
        faults: d?.faults ?? s.faults,
        blocktimeNs: d?.blocktimeNs ?? s.blocktimeNs,
      };
    }
  }
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

/** Correctness violations as a table: kind, time, gfn, vCPU, detail. */
export function violationTable(violations: ReadonlyArray<{ kind: string; atNs: number; gfn: number | null; vcpu: number | null; detail: string }>): string[] {
  return table(['kind', 'at', 'gfn', 'vCPU', 'detail'], violations.map((v) => [v.kind, formatNs(v.atNs), String(v.gfn ?? '-'), String(v.vcpu ?? '-'), v.detail]));
}

/** 1024-based unit suffix, as bpftrace labels its buckets: 512, 1K, 4M. */
function log2Label(v: number): string {
  const units = ['', 'K', 'M', 'G', 'T', 'P'];
  let u = 0;
  while (v >= 1024 && v % 1024 === 0 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v}${units[u]}`;
}

/** A log2 histogram as bpftrace's hist() prints it: `[4K, 8K)   1234 |@@@@@     |`, bars scaled to the largest bucket. */
export function log2Histogram(buckets: ReadonlyArray<{ lowerNs: number; upperNs: number; count: number }>, width = 52): string[] {
  const max = Math.max(...buckets.map((b) => b.count));
  const labels = buckets.map((b) => (b.upperNs - b.lowerNs <= 1 ? `[${b.lowerNs}]` : `[${log2Label(b.lowerNs)}, ${log2Label(b.upperNs)})`));
  const labelWidth = Math.max(...labels.map((l) => l.length));
  const countWidth = Math.max(...buckets.map((b) => String(b.count).length));
  return buckets.map((b, i) => {
    const bar = '@'.repeat(Math.round((b.count / max) * width));
    return `${labels[i].padEnd(labelWidth)} ${String(b.count).padStart(countWidth)} |${bar.padEnd(width)}|`;
  });
}

/** The end-of-run report: outcome, timing, pages, fault latencies by path and mechanism, blocktime per vCPU, violations. */
export function summaryTable(m: Migration): string {
  const out: string[] = [];
  const s = m.summary;
  const incorrect = s && s.violationCount > 0 ? `INCORRECT: ${formatInt(s.violationCount)} violation(s)` : '';
  // A migration that did not complete is never "correct": its outcome says what happened instead.
  const verdict = !s ? 'no summary' : s.outcome !== 'completed' ? [s.outcome.toUpperCase(), incorrect].filter(Boolean).join(', ') : s.correct ? (s.guestImpaired ? 'correct, GUEST IMPAIRED' : 'correct') : incorrect;
  out.push(`Migration ${m.id}: ${m.status} (${verdict})`);
  if (m.error) out.push(`  error: ${m.error.title}: ${m.error.detail}`);
  if (!s) return out.join('\n');
  const kv: Array<[string, string]> = [
    ['outcome', `${s.outcome}${s.failureReason ? `: ${s.failureReason}` : ''}`],
    ['total time', formatNs(s.timing.totalNs)],
    ['setup', formatNs(s.timing.setupNs)],
    ['pre-copy', formatNs(s.timing.precopyNs)],
    ['downtime', formatNs(s.timing.downtimeNs)],
    ['post-copy', formatNs(s.timing.postcopyNs)],
    [
      'pages (4 KiB)',
      `${formatInt(s.pages.total)} total, ${formatInt(s.pages.background)} background, ${formatInt(s.pages.demand)} demand, ` +
        `${formatInt(s.pages.preTransferred)} pre-copied, ${formatInt(s.pages.missing)} missing`,
    ],
    ['transferred', `${formatInt(s.ram.transferredBytes)} bytes at ${formatInt(Math.round(s.ram.throughputMbps))} Mbit/s, ${formatInt(s.ram.remainingBytes)} remaining, ${formatInt(s.ram.postcopyRequests)} postcopy requests`],
    ['faults', formatInt(s.faults.total)],
    ['fault latency', `mean ${formatNs(s.faults.latency.meanNs)}, p50 ${formatNs(s.faults.latency.p50Ns)}, p90 ${formatNs(s.faults.latency.p90Ns)}, p99 ${formatNs(s.faults.latency.p99Ns)}, max ${formatNs(s.faults.latency.maxNs)}`],
    ['blocktime (all vCPUs)', formatNs(s.blocktime.allVcpusNs)],
    ['blocktime (sum)', formatNs(s.blocktime.sumNs)],
    ['paging rate', `${formatInt(s.pagingRate.overallPagesPerSec)} pages/s`],
    // Summaries stored before model version 14 have no baseline.
    ['slowdown', s.slowdown == null ? 'n/a' : `${s.slowdown}x the same guest work with all memory present`],
  ];
  const keyWidth = Math.max(...kv.map(([k]) => k.length));
  for (const [k, v] of kv) out.push(`  ${k.padEnd(keyWidth)}  ${v}`);

  const latencyRows = (group: Record<string, { count: number; p50Ns: number; p99Ns: number; maxNs: number }>) =>
    Object.entries(group)
      .filter(([, l]) => l.count > 0)
      .map(([name, l]) => [name, formatInt(l.count), formatNs(l.p50Ns), formatNs(l.p99Ns), formatNs(l.maxNs)]);
  out.push('', ...table(['fault path', 'count', 'p50', 'p99', 'max'], latencyRows(s.faults.byPath)));
  out.push('', ...table(['mechanism', 'count', 'p50', 'p99', 'max'], latencyRows(s.faults.byMechanism)));
  out.push(
    '',
    ...table(
      ['vCPU', 'blocktime', 'mean latency', 'pages/s'],
      s.blocktime.perVcpuNs.map((ns, i) => [String(i), formatNs(ns), formatNs(s.faults.meanLatency.perVcpuNs[i] ?? 0), formatInt(s.pagingRate.perVcpuPagesPerSec[i] ?? 0)]),
    ),
  );
  if (s.faults.latencyLog2.length > 0) out.push('', 'fault latency (ns), log2 buckets:', ...log2Histogram(s.faults.latencyLog2));
  if (s.precopyRounds.length > 0) {
    out.push(
      '',
      ...table(
        ['pre-copy round', 'pages', 'bytes', 'duration', 'dirtied meanwhile'],
        s.precopyRounds.map((r) => [String(r.round), formatInt(r.pages), formatInt(r.bytes), formatNs(r.durationNs), formatInt(r.dirtyPages)]),
      ),
    );
  }
  if (s.violations.length > 0) {
    // violationCount is the true count; the summary holds only the first few (the API pages through all).
    const listed = s.violations.length < s.violationCount ? `, the first ${formatInt(s.violations.length)} listed; npm run cli -- violations ${m.id} lists every one` : '';
    out.push('', `VIOLATIONS (${formatInt(s.violationCount)}${listed})`);
    out.push(...violationTable(s.violations));
  }
  return out.join('\n');
}

/** The columns of an experiment's table: its metric, how to show it. */
const EXPERIMENT_COLUMNS: Array<[string, keyof Schemas['RunMetrics'], (v: number) => string]> = [
  ['total', 'totalNs', formatNs],
  ['downtime', 'downtimeNs', formatNs],
  ['post-copy', 'postcopyNs', formatNs],
  ['blocktime', 'blocktimeAllVcpusNs', formatNs],
  ['blocked/vCPU', 'blocktimePerVcpuMeanNs', formatNs],
  ['faults', 'faults', (v) => formatInt(Math.round(v))],
  ['p50', 'latencyP50Ns', formatNs],
  ['p99', 'latencyP99Ns', formatNs],
  ['slowdown', 'slowdown', (v) => `${v.toFixed(2)}x`],
  ['pages/s', 'pagingRatePagesPerSec', (v) => formatInt(Math.round(v))],
  ['violations', 'violations', (v) => formatInt(Math.round(v))],
];

/**
 * An experiment's results: one line per combination of axis values with the mean over its seeds
 * (and the spread of the total time when there are several: ± the sample standard deviation, and
 * min..max), its outcomes, and for a preset the published figure and the ratio.
 */
export function experimentTable(e: Experiment): string {
  const out = [`Experiment ${e.id}${e.label ? ` "${e.label}"` : ''}: ${e.status}, ${e.progress.done}/${e.progress.total} runs, model version ${e.modelVersion}`];
  const r = e.results;
  if (!r) return out.join('\n');
  const preset = r.preset;
  if (preset) out.push(`preset ${preset.name}: ${preset.title}`);
  const seeds = e.request.seeds;
  const header = [...r.columns, ...(seeds > 1 ? ['n'] : []), 'outcomes', ...EXPERIMENT_COLUMNS.map(([name]) => name), ...(preset ? [`published (${preset.unit})`, 'simulated', 'ratio'] : [])];
  const rows = r.aggregates.map((a) => {
    const m = a.metrics;
    const cells = [
      ...r.columns.map((c) => (a.values[c] === undefined || a.values[c] === null ? '-' : String(a.values[c]))),
      ...(seeds > 1 ? [`${a.measured}/${a.runs}`] : []),
      Object.entries(a.outcomes).map(([k, n]) => (n === a.runs ? k : `${k} ${n}`)).join(', ') || '-',
      ...EXPERIMENT_COLUMNS.map(([, key, show]) => {
        const stat = m?.[key];
        if (!stat) return '-';
        if (seeds === 1 || key !== 'totalNs') return show(stat.mean);
        return `${show(stat.mean)}${stat.sd === null ? '' : ` ±${show(stat.sd)}`} (${show(stat.min)}..${show(stat.max)})`;
      }),
    ];
    if (preset) {
      const stat = m?.[preset.metric];
      const simulated = stat ? stat.mean / preset.scale : null;
      cells.push(a.published ? (a.published.value / preset.scale).toFixed(2) : '-', simulated === null ? '-' : simulated.toFixed(2), a.published?.ratio == null ? '-' : a.published.ratio.toFixed(2));
    }
    return cells;
  });
  out.push('', ...table(header, rows));
  return out.join('\n');
}
