// @ts-check
/** #/m/<id>: one migration, live (its events), with its sections, charts and violations. */
import { barChart, bulkOf, hbarChart, histogramDomain, lineChart, logHistogram, phaseTimeline } from './charts.js';
import { badge, card, h, metrics, specLine } from './dom.js';
import { formatBytes, formatInt, formatNs, formatPercent } from './format.js';
import { gicSection, outagesSection, poisonSection, precopySection } from './sections.js';
import { api, fetchMigration, fetchStats, followEvents } from './api.js';
/** @typedef {import('../../sdk/src/generated/openapi.js').components['schemas']} Schemas */
/** @typedef {Schemas['Migration']} Migration */
/** @typedef {Schemas['FaultStats']} FaultStats */
/** @typedef {Schemas['MigrationProgressEvent']} Sample a progress event */
/** @typedef {{name: string, atNs: number}} Phase */

const TERMINAL = ['succeeded', 'failed', 'cancelled'];
const STATS_REFRESH_MS = 5000;

/** The guest architecture, as a badge. @param {Migration} m */
const archBadge = (m) => h('span', { class: `badge arch-${m.spec.vm.arch}`, 'data-testid': 'arch', text: m.spec.vm.arch });

/**
 * How the simulated migration ended, from its summary: completed, or what stopped it (older
 * summaries say failed; newer ones vm_lost, refused, aborted, truncated or stalled). A completed run
 * whose guest is impaired (livelocked vCPUs, a dead virtqueue) is not shown as a plain success;
 * the verdict in the title says why.
 * @param {Migration} m
 */
const outcomeBadge = (m) => (m.summary ? h('span', { class: `badge outcome-${m.summary.outcome === 'completed' && !m.summary.guestImpaired ? 'completed' : 'other'}`, 'data-testid': 'result-outcome', title: m.summary.verdict, text: m.summary.outcome }) : null);

/** Violations shown first (a screenful, as many as the summary's sample), then per click on "more". */
const VIOLATIONS_FIRST = 20;
const VIOLATIONS_MORE = 100;
/** The violation panels drawn, by migration id: a re-render keeps the pages already loaded. @type {Map<string, HTMLElement>} */
const violationPanels = new Map();

/** The summary's correctness violations, highlighted. @param {Migration} m */
export function violationsPanel(m) {
  const s = m.summary;
  if (!s || s.correct) return null;
  const drawn = violationPanels.get(m.id);
  if (drawn) return drawn;
  // violationCount is the true count; the list is paged from the API (the summary holds only a sample).
  const n = s.violationCount;
  const kinds = Object.entries(s.violationsByKind)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([k, c]) => `${formatInt(c)} ${k}`)
    .join(', ');
  // A migration that did not complete (vm_lost, refused, aborted, truncated, stalled) is never correct: say how it ended.
  const ended = s.outcome === 'completed' ? [] : [h('h3', { 'data-testid': 'outcome', text: `${s.outcome}: this migration did not complete` }), h('p', { 'data-testid': 'verdict', text: s.verdict })];
  if (n === 0) return h('section', { class: 'violations', 'data-testid': 'violations', role: 'alert' }, ended);
  const tbody = h('tbody');
  const shown = h('p', { class: 'muted', 'data-testid': 'violations-shown' });
  const more = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', 'data-testid': 'violations-more', hidden: true, text: `${VIOLATIONS_MORE} more` }));
  /** @type {string | null} */
  let cursor = null;
  let loaded = 0;
  const load = async () => {
    more.disabled = true;
    try {
      /** @type {Schemas['ViolationPage']} */
      const page = await api(`/v1/migrations/${m.id}/violations?limit=${cursor ? VIOLATIONS_MORE : VIOLATIONS_FIRST}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      tbody.append(
        ...page.items.map((v) =>
          h('tr', { 'data-kind': v.kind }, [h('td', { text: v.kind }), h('td', { text: formatNs(v.atNs) }), h('td', { text: v.gfn ?? '–' }), h('td', { text: v.vcpu ?? '–' }), h('td', { text: v.detail })]),
        ),
      );
      loaded += page.items.length;
      cursor = page.nextCursor;
      // Beyond the recorded ones (a run with more than the simulator keeps) they are only counted.
      shown.textContent = `${formatInt(loaded)} of ${formatInt(n)} shown${s.violationsRecorded < n ? ` (${formatInt(s.violationsRecorded)} recorded)` : ''}`;
    } catch (err) {
      shown.textContent = `cannot load the violations: ${/** @type {Error} */ (err).message}`;
    }
    more.hidden = cursor === null;
    more.disabled = false;
  };
  more.addEventListener('click', () => void load());
  void load();
  const panel = h('section', { class: 'violations', 'data-testid': 'violations', role: 'alert' }, [
    ...ended,
    h('h3', { text: `${formatInt(n)} correctness violation${n === 1 ? '' : 's'}: this run is NOT correct` }),
    h('p', { 'data-testid': 'violations-by-kind', text: kinds }),
    h('table', {}, [h('thead', {}, [h('tr', {}, ['kind', 'at', 'gfn', 'vCPU', 'detail'].map((c) => h('th', { text: c })))]), tbody]),
    shown,
    more,
  ]);
  if (violationPanels.size > 20) violationPanels.clear();
  violationPanels.set(m.id, panel);
  return panel;
}

// ---------------------------------------------------------------------------------------------
// #/m/<id>  one migration

/** @param {HTMLElement} view @param {string} id */
export function migrationView(view, id) {
  /** @type {Migration | null} */
  let migration = null;
  /** @type {FaultStats | null} */
  let stats = null;
  let history = { samples: /** @type {Sample[]} */ ([]), phases: /** @type {Phase[]} */ ([]), status: /** @type {string | null} */ (null), live: false };
  let statsTimer = 0;
  let closed = false;
  const root = h('section', { class: 'migration', 'data-testid': 'migration', 'data-id': id }, [h('p', { class: 'muted', text: 'loading…' })]);
  view.replaceChildren(root);

  const loadStats = async () => {
    window.clearTimeout(statsTimer);
    if (migration?.faultEvents === 'none') return; // nothing stored to aggregate (the API answers 409)
    const next = await fetchStats(id);
    if (closed) return;
    stats = next;
    render();
    // While it runs, the plots of stored events follow it too.
    if (migration && !TERMINAL.includes(migration.status)) statsTimer = window.setTimeout(loadStats, STATS_REFRESH_MS);
  };

  const render = () => {
    if (!migration) return;
    const m = migration;
    const s = m.summary;
    const last = history.samples.at(-1);
    const ended = TERMINAL.includes(m.status);
    const detail = last ?? m.progressDetail;
    const fraction = last ? last.progress : m.progress;

    const progress = h('div', { class: 'progress-panel', 'data-testid': 'progress-panel' }, [
      h('progress', { max: 1, value: fraction, 'data-testid': 'progress', 'data-value': fraction }),
      h('span', { class: 'big', text: formatPercent(fraction) }),
      metrics([
        ['phase', 'phase', 0, detail?.phase ?? '–'],
        ['pages-present', 'pages present', detail?.pagesPresent ?? 0, detail ? `${formatInt(detail.pagesPresent)} / ${formatInt(detail.pagesTotal)}` : '–'],
        ['faults-so-far', 'faults so far', detail?.faults ?? 0, formatInt(detail?.faults ?? 0)],
        ['blocktime-so-far', 'blocktime so far (sum)', detail?.blocktimeNs ?? 0, formatNs(detail?.blocktimeNs ?? 0)],
        ['sim-time', 'simulated time', detail?.simTimeNs ?? 0, formatNs(detail?.simTimeNs ?? 0)],
      ]),
    ]);
    // The newest status known: the stream's summary (then m is final), else the stream's "running", else the record.
    const status = !ended && m.status === 'queued' && (history.status || history.samples.length > 0) ? history.status ?? 'running' : m.status;

    const summaryMetrics = s
      ? metrics([
          ['total-time', 'total time', s.timing.totalNs, formatNs(s.timing.totalNs)],
          ['setup', 'setup', s.timing.setupNs, formatNs(s.timing.setupNs)],
          ['precopy', 'pre-copy', s.timing.precopyNs, formatNs(s.timing.precopyNs)],
          ['downtime', 'downtime', s.timing.downtimeNs, formatNs(s.timing.downtimeNs)],
          ['postcopy', 'post-copy', s.timing.postcopyNs, formatNs(s.timing.postcopyNs)],
          ['faults', 'faults', s.faults.total, formatInt(s.faults.total)],
          ['mean', 'latency mean', s.faults.latency.meanNs, formatNs(s.faults.latency.meanNs)],
          ['p50', 'latency p50', s.faults.latency.p50Ns, formatNs(s.faults.latency.p50Ns)],
          ['p90', 'latency p90', s.faults.latency.p90Ns, formatNs(s.faults.latency.p90Ns)],
          ['p99', 'latency p99', s.faults.latency.p99Ns, formatNs(s.faults.latency.p99Ns)],
          ['max', 'latency max', s.faults.latency.maxNs, formatNs(s.faults.latency.maxNs)],
          ['blocktime', 'blocktime (all vCPUs)', s.blocktime.allVcpusNs, formatNs(s.blocktime.allVcpusNs)],
          ['blocktime-sum', 'blocktime (sum)', s.blocktime.sumNs, formatNs(s.blocktime.sumNs)],
          ['pages-background', 'pages by background copy', s.pages.background, formatInt(s.pages.background)],
          ['pages-demand', 'pages on demand', s.pages.demand, formatInt(s.pages.demand)],
          ['eexist', 'EEXIST races', s.faults.eexistRaces, formatInt(s.faults.eexistRaces)],
          ['transferred', 'transferred (guest memory)', s.ram.transferredBytes, formatBytes(s.ram.transferredBytes)],
          ['throughput', 'throughput', s.ram.throughputMbps, `${formatInt(s.ram.throughputMbps)} Mbit/s`],
          ['postcopy-requests', 'post-copy requests', s.ram.postcopyRequests, formatInt(s.ram.postcopyRequests)],
          ['paging-rate', 'paging rate', s.pagingRate.overallPagesPerSec, `${formatInt(s.pagingRate.overallPagesPerSec)} pages/s`],
        ])
      : h('p', { class: 'muted', text: ended ? 'no summary' : 'the summary appears when the migration ends' });

    // Phases: the summary's (exact) once it ended, else the phase changes seen live.
    const phases = s ? s.phases : history.phases;
    const timeline = phaseTimeline({
      testid: 'chart-phases',
      phases,
      endNs: s ? Math.max(...s.phases.map((p) => p.atNs), 0) : undefined,
      nowNs: ended ? undefined : last?.simTimeNs,
      violations: s?.violations ?? [],
      format: formatNs,
    });

    const pages = lineChart({
      testid: 'chart-pages',
      series: [{ name: 'pages present', points: history.samples.map((p) => ({ x: p.simTimeNs, y: p.progress })) }],
      xFormat: formatNs,
      yFormat: formatPercent,
      yMax: 1,
      xLabel: 'simulated time',
      steps: true,
    });

    const histogram = stats
      ? logHistogram({
          testid: 'chart-latency',
          buckets: stats.latencyHistogram,
          markers: percentileMarkers(s?.faults.latency ?? stats.latency),
          format: formatNs,
        })
      : h('p', { class: 'muted', text: 'fault statistics unavailable' });
    // What the plots of stored events stand on: none (a run of an experiment, by default), or a sample.
    const noEvents = m.faultEvents === 'none' ? () => h('p', { class: 'muted', 'data-testid': 'no-fault-events', text: 'No fault events stored (faultEvents: none): the counts and percentiles above come from the summary.' }) : null;
    const sampled = stats && stats.sampleEvery > 1 ? ` (a sample: every ${stats.sampleEvery}th fault event)` : '';

    // Most faults often sit in a narrow band of a wide range (a few fast or slow outliers): then a
    // second histogram zooms on the narrowest band that holds 98% of them, at the same resolution.
    const bulk = stats && stats.latencyHistogram.length ? bulkOf(stats.latencyHistogram) : null;
    const fullSpan = stats && stats.latencyHistogram.length ? Math.log10(histogramDomain(stats.latencyHistogram)[1] / histogramDomain(stats.latencyHistogram)[0]) : 0;
    const zoom =
      stats && bulk && Math.log10(bulk.domain[1] / bulk.domain[0]) < fullSpan / 3
        ? card(
            `Where most faults lie: ${formatPercent(bulk.count / stats.total)} of them, ${formatNs(bulk.domain[0])} – ${formatNs(bulk.domain[1])}`,
            logHistogram({ testid: 'chart-latency-bulk', buckets: stats.latencyHistogram, markers: percentileMarkers(s?.faults.latency ?? stats.latency), format: formatNs, xDomain: histogramDomain([{ lowerNs: bulk.domain[0], upperNs: bulk.domain[1] }]) }),
          )
        : null;

    /** @type {{key: string, label: string, value: number, extra?: string}[]} */
    const perVcpu = s
      ? s.blocktime.perVcpuNs.map((ns, v) => ({ key: String(v), label: String(v), value: ns }))
      : (stats?.blocktimePerVcpu ?? []).map((b) => ({ key: String(b.vcpu), label: String(b.vcpu), value: b.blockedNs, extra: `${formatInt(b.faults)} faults` }));
    const blocktime = barChart({ testid: 'chart-blocktime', items: perVcpu, format: formatNs, axisLabel: 'vCPU' });

    /** @param {Record<string, number | {count: number}> | undefined} fromSummary @param {Record<string, number> | undefined} fromStats */
    const counts = (fromSummary, fromStats) => {
      /** @type {[string, number][]} */
      const entries = s ? Object.entries(fromSummary ?? {}).map(([k, l]) => [k, typeof l === 'number' ? l : l.count]) : Object.entries(fromStats ?? {});
      return entries.filter(([, n]) => n > 0).map(([key, n]) => ({ key, value: n }));
    };
    const byPath = hbarChart({ testid: 'chart-by-path', items: counts(s?.faults.byPath, stats?.byPath), format: formatInt });
    const byMechanism = hbarChart({ testid: 'chart-by-mechanism', items: counts(s?.faults.byMechanism, stats?.byMechanism), format: formatInt });
    const byResolution = hbarChart({ testid: 'chart-by-resolution', items: counts(s?.faults.byResolution, stats?.byResolution), format: formatInt });
    const faultTimeline = barChart({
      testid: 'chart-fault-timeline',
      items: (stats?.timeline ?? []).map((b) => ({ key: String(b.startNs), label: formatNs(b.startNs), value: b.faults, extra: `${formatNs(b.startNs)} – ${formatNs(b.endNs)}` })),
      format: formatInt,
      axisLabel: 'fault raised at (simulated time)',
      span: stats?.timeline.length ? { min: stats.timeline[0].startNs, max: stats.timeline[stats.timeline.length - 1].endNs, format: formatNs } : undefined,
    });

    // What only some specs have, shown when the spec calls for it; a part that stopped the migration
    // (a failed GIC/ITS restore, a lost link) comes first, under the verdict.
    const sections = s ? [precopySection(m, s), gicSection(m, s), poisonSection(m, s), outagesSection(m, s)].filter((x) => x !== null) : [];
    const stopped = sections.filter((x) => x.classList.contains('failed'));
    const applicable = sections.filter((x) => !x.classList.contains('failed'));

    const parts = [
      h('div', { class: 'toolbar' }, [
        h('a', { href: '#/', text: '← migrations' }),
        h('h2', { class: 'mono', text: m.id }),
        archBadge(m),
        badge(status),
        outcomeBadge(m),
        h('span', { class: history.live ? 'live on' : 'live', 'data-testid': 'live', text: history.live ? 'live' : ended ? 'ended' : 'connecting…' }),
      ]),
      h('p', { class: 'muted', text: specLine(m.spec) }),
      m.error ? h('p', { class: 'error', 'data-testid': 'error', text: `${m.error.title}: ${m.error.detail}` }) : null,
      violationsPanel(m),
      ...stopped,
      h('div', { class: 'grid two' }, [card('Progress', progress), card('Summary', summaryMetrics, 'summary')]),
      card('Phase timeline (t = 0: source paused)', timeline),
      h('div', { class: 'grid two' }, [
        card('Pages present over time', pages),
        card(`${s ? 'Fault latency histogram (markers: the summary\'s percentiles)' : 'Fault latency histogram'}${sampled}`, noEvents?.() ?? histogram),
        zoom,
        card('Blocktime per vCPU', blocktime),
        card(`Faults raised over time${sampled}`, noEvents?.() ?? faultTimeline),
        card('Faults by path', byPath),
        card('Faults by mechanism', byMechanism),
        card('Faults by resolution', byResolution),
      ]),
      ...applicable,
    ];
    root.replaceChildren(.../** @type {HTMLElement[]} */ (parts.filter(Boolean)));
  };

  const stopEvents = followEvents(id, (hist) => {
    history = hist;
    const justEnded = hist.migration && (!migration || !TERMINAL.includes(migration.status));
    if (hist.migration) migration = hist.migration;
    render();
    if (justEnded) void loadStats(); // the final numbers
  });

  fetchMigration(id).then(
    (m) => {
      if (closed) return;
      if (!migration) migration = m;
      render();
      void loadStats();
    },
    (err) => root.replaceChildren(h('p', { class: 'error', text: `cannot load migration ${id}: ${err.message}` })),
  );

  return () => {
    closed = true;
    window.clearTimeout(statsTimer);
    stopEvents();
  };
}

/**
 * The latency percentiles drawn on a histogram: the same numbers the page prints beside it (the
 * summary's once the migration ended, the stored events' while it runs).
 * @param {{p50Ns: number, p90Ns: number, p99Ns: number}} latency
 */
const percentileMarkers = (latency) => [
  { label: 'p50', valueNs: latency.p50Ns },
  { label: 'p90', valueNs: latency.p90Ns },
  { label: 'p99', valueNs: latency.p99Ns },
];
