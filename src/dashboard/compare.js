// @ts-check
/** #/compare/<a>,<b>,...: migrations side by side, on shared axes. */
import { barChart, histogramDomain, lineChart, logHistogram } from './charts.js';
import { badge, card, h } from './dom.js';
import { formatBytes, formatInt, formatNs, formatPercent } from './format.js';
import { fetchMigration, fetchStats, followEvents } from './api.js';
import { violationsPanel } from './migration.js';
/** @typedef {import('../../sdk/src/generated/openapi.js').components['schemas']} Schemas */
/** @typedef {Schemas['Migration']} Migration */
/** @typedef {Schemas['FaultStats']} FaultStats */
/** @typedef {Schemas['MigrationProgressEvent']} Sample a progress event */
/** @param {HTMLElement} view @param {string[]} ids */
export function compareView(view, ids) {
  /** @type {Map<string, { migration: Migration | null, stats: FaultStats | null, samples: Sample[] }>} */
  const data = new Map(ids.map((id) => [id, { migration: null, stats: null, samples: [] }]));
  const stops = /** @type {(() => void)[]} */ ([]);
  const root = h('section', { class: 'compare', 'data-testid': 'compare-view' });
  view.replaceChildren(root);

  const short = (/** @type {string} */ id) => id.slice(0, 8);
  /** @type {[string, string, (m: Migration, st: FaultStats | null) => number | undefined, (v: number) => string, boolean][]} [key, label, value, format, lower is better] */
  const ROWS = [
    ['total-time', 'total time', (m) => m.summary?.timing.totalNs, formatNs, true],
    ['downtime', 'downtime', (m) => m.summary?.timing.downtimeNs, formatNs, true],
    ['postcopy', 'post-copy', (m) => m.summary?.timing.postcopyNs, formatNs, true],
    ['faults', 'faults', (m) => m.summary?.faults.total, formatInt, true],
    ['mean', 'latency mean', (m) => m.summary?.faults.latency.meanNs, formatNs, true],
    ['p50', 'latency p50', (m) => m.summary?.faults.latency.p50Ns, formatNs, true],
    ['p99', 'latency p99', (m) => m.summary?.faults.latency.p99Ns, formatNs, true],
    ['max', 'latency max', (m) => m.summary?.faults.latency.maxNs, formatNs, true],
    ['blocktime', 'blocktime (all vCPUs)', (m) => m.summary?.blocktime.allVcpusNs, formatNs, true],
    ['pages-demand', 'pages on demand', (m) => m.summary?.pages.demand, formatInt, true],
    ['throughput', 'throughput (Mbit/s)', (m) => m.summary?.ram.throughputMbps, formatInt, false],
    ['violations', 'violations', (m) => m.summary?.violationCount, formatInt, true],
  ];

  const render = () => {
    const entries = ids.map((id) => ({ id, ...(/** @type {{ migration: Migration | null, stats: FaultStats | null, samples: Sample[] }} */ (data.get(id))) }));
    const header = h('tr', {}, [
      h('th', { text: '' }),
      ...entries.map((e) => h('th', { 'data-id': e.id }, [h('a', { href: `#/m/${e.id}`, class: 'mono', text: short(e.id) }), ' ', e.migration ? badge(e.migration.status) : ''])),
    ]);
    const specRow = (/** @type {string} */ label, /** @type {(m: Migration) => string} */ f) =>
      h('tr', { class: 'spec' }, [h('th', { text: label }), ...entries.map((e) => h('td', { text: e.migration ? f(e.migration) : '…' }))]);
    const rows = ROWS.map(([key, label, value, format, lowerBetter]) => {
      const values = entries.map((e) => (e.migration ? value(e.migration, e.stats) : undefined));
      const known = /** @type {number[]} */ (values.filter((v) => v !== undefined));
      const best = known.length > 1 ? (lowerBetter ? Math.min(...known) : Math.max(...known)) : undefined;
      return h('tr', { 'data-metric': key }, [
        h('th', { text: label }),
        ...entries.map((e, i) =>
          h('td', {
            class: ['num', values[i] !== undefined && values[i] === best ? 'best' : '', key === 'violations' && Number(values[i]) > 0 ? 'bad' : ''].filter(Boolean).join(' '),
            'data-id': e.id,
            'data-value': values[i],
            text: values[i] === undefined ? '–' : format(/** @type {number} */ (values[i])),
          }),
        ),
      ]);
    });
    const table = h('table', { class: 'comparison', 'data-testid': 'comparison' }, [
      h('thead', {}, [header]),
      h('tbody', {}, [
        specRow('architecture', (m) => `${m.spec.vm.arch}${m.spec.vm.gic ? ' + GIC/ITS' : ''}`),
        specRow('mechanism', (m) => m.spec.strategy.mechanism),
        specRow('memory / vCPUs', (m) => `${formatBytes(m.spec.vm.memoryMiB * 1024 * 1024)} / ${m.spec.vm.vcpus}`),
        specRow('workload', (m) => `${m.spec.workload.pattern}, ${m.spec.workload.accessesPerSecond.toLocaleString('en-US')}/s`),
        specRow('network', (m) => `${m.spec.network.bandwidthGbps} Gbit/s, RTT ${m.spec.network.rttUs} µs`),
        specRow('handler threads', (m) => String(m.spec.strategy.handlerThreads)),
        ...rows,
      ]),
    ]);
    const pages = lineChart({
      testid: 'chart-compare-pages',
      width: 1200,
      series: entries.map((e) => ({ name: short(e.id), points: e.samples.map((p) => ({ x: p.simTimeNs, y: p.progress })) })),
      xFormat: formatNs,
      yFormat: formatPercent,
      yMax: 1,
      xLabel: 'simulated time',
      steps: true,
    });
    // One scale for all columns: the same bar height or position means the same number in each.
    const buckets = entries.flatMap((e) => e.stats?.latencyHistogram ?? []);
    const p99s = entries.map((e) => e.migration?.summary?.faults.latency.p99Ns ?? e.stats?.latency.p99Ns ?? 0).filter((v) => v > 0);
    const latencyDomain = buckets.length ? histogramDomain(buckets, p99s) : undefined;
    const latencyMax = Math.max(0, ...entries.flatMap((e) => (e.stats?.latencyHistogram ?? []).map((b) => b.count / (e.stats?.total || 1))));
    const blocktimeMax = Math.max(0, ...entries.flatMap((e) => e.migration?.summary?.blocktime.perVcpuNs ?? []));
    // Three or more columns are narrow: narrower drawings keep the labels at their size.
    const chartWidth = ids.length >= 3 ? 420 : undefined;
    const columns = h(
      'div',
      { class: 'columns' },
      entries.map((e) =>
        h('div', { class: 'column', 'data-id': e.id }, [
          h('h3', { class: 'mono', text: short(e.id) }),
          e.migration ? violationsPanel(e.migration) : null,
          card(
            'Fault latency: share of the faults (shared axes)',
            e.stats
              ? logHistogram({
                  testid: 'chart-latency',
                  buckets: e.stats.latencyHistogram,
                  markers: [{ label: 'p99', valueNs: e.migration?.summary?.faults.latency.p99Ns ?? e.stats.latency.p99Ns }],
                  format: formatNs,
                  xDomain: latencyDomain,
                  yMax: latencyMax,
                  asShare: true,
                  width: chartWidth,
                })
              : h('p', { class: 'muted', text: '…' }),
          ),
          card(
            'Blocktime per vCPU (shared axis)',
            barChart({
              testid: 'chart-blocktime',
              items: (e.migration?.summary?.blocktime.perVcpuNs ?? []).map((ns, v) => ({ key: String(v), label: String(v), value: ns })),
              format: formatNs,
              axisLabel: 'vCPU',
              yMax: blocktimeMax,
              width: chartWidth,
            }),
          ),
        ]),
      ),
    );
    root.replaceChildren(
      h('div', { class: 'toolbar' }, [h('a', { href: '#/', text: '← migrations' }), h('h2', { text: `Comparing ${ids.length} migrations` })]),
      table,
      card('Pages present over time', pages),
      columns,
    );
  };

  for (const id of ids) {
    const entry = /** @type {{ migration: Migration | null, stats: FaultStats | null, samples: Sample[] }} */ (data.get(id));
    fetchMigration(id).then(
      (m) => {
        entry.migration ??= m;
        render();
      },
      () => undefined,
    );
    stops.push(
      followEvents(id, (hist) => {
        entry.samples = hist.samples;
        if (hist.migration) {
          entry.migration = hist.migration;
          void fetchStats(id).then((st) => ((entry.stats = st), render()));
        }
        render();
      }),
    );
  }
  render();
  return () => stops.forEach((stop) => stop());
}
