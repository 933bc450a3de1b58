// @ts-check
/**
 * The experiments of the dashboard:
 *   #/experiments       the list, refreshed every 2 s
 *   #/experiments/<id>  one experiment: its runs' progress (polled every second while it runs), a
 *                       plot of any metric against any axis, the results table over seeds or per run
 */
import { badge, card, h, refreshed, specLine } from './dom.js';
import { formatterOf, formatInt, formatPercent, formatTime } from './format.js';
import { sweepChart, valueLabel } from './sweep-chart.js';

/** @typedef {import('../../sdk/src/generated/openapi.js').components['schemas']} Schemas */
/** @typedef {Schemas['Experiment']} Experiment */
/** @typedef {Schemas['ExperimentPage']} ExperimentPage */
/** @typedef {Schemas['ExperimentResults']} Results */
/** @typedef {Results['aggregates'][number]} Aggregate */
/** @typedef {Results['runs'][number]} RunRow */
/** @typedef {Results['metrics'][number]['name']} MetricName */
/**
 * What the views need of the app: the API (with the tab's key) and the key's headers (downloads).
 * @typedef {{ api: (path: string, method?: string) => Promise<any>, authHeaders: () => Record<string, string> }} Io
 */

const TERMINAL = ['succeeded', 'failed', 'cancelled'];
const STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'];
const LIST_REFRESH_MS = 2000;
const POLL_MS = 1000;

/** Column headings of the metrics (the API gives name, unit and description; unknown names show as they are). */
const METRIC_LABELS = /** @type {Record<string, string>} */ ({
  totalNs: 'total time',
  downtimeNs: 'downtime',
  postcopyNs: 'post-copy',
  blocktimeAllVcpusNs: 'blocktime (all vCPUs)',
  blocktimePerVcpuMeanNs: 'blocktime per vCPU',
  faults: 'faults',
  latencyP50Ns: 'latency p50',
  latencyP99Ns: 'latency p99',
  vcpuFaultLatencyMeanNs: 'vCPU fault latency',
  pagingRatePagesPerSec: 'paging rate',
  bytesOnWire: 'bytes on the wire',
  violations: 'violations',
});
const metricLabel = (/** @type {string} */ name) => METRIC_LABELS[name] ?? name;

/** @param {Experiment} e */
const nameOf = (e) => e.label ?? (e.request.preset ? e.request.preset : e.id.slice(0, 8));

/** @param {{ done: number, total: number }} p @param {string} testid */
const progressBar = (p, testid) =>
  h('span', { class: 'run-progress' }, [
    h('progress', { max: p.total, value: p.done, 'data-testid': testid, 'data-done': p.done, 'data-total': p.total }),
    ` ${formatInt(p.done)} / ${formatInt(p.total)}`,
  ]);

// ---------------------------------------------------------------------------------------------
// #/experiments

/** @param {HTMLElement} view @param {Io} io */
export function experimentsListView(view, io) {
  const tbody = h('tbody');
  const updated = h('span', { class: 'muted', 'data-testid': 'updated' });
  const refresh = async () => {
    try {
      /** @type {ExperimentPage} */
      const page = await io.api('/v1/experiments?limit=100');
      tbody.replaceChildren(
        ...page.items.map((e) =>
          h('tr', { 'data-id': e.id, 'data-status': e.status }, [
            h('td', { class: 'muted', text: formatTime(e.createdAt) }),
            h('td', {}, [h('a', { href: `#/experiments/${e.id}`, title: e.id, text: nameOf(e) })]),
            h('td', { text: e.request.preset ?? '' }),
            h('td', { class: 'muted', text: axesLine(e) }),
            h('td', {}, [badge(e.status)]),
            h('td', {}, [progressBar(e.progress, 'row-progress')]),
          ]),
        ),
      );
      if (page.items.length === 0) tbody.replaceChildren(h('tr', {}, [h('td', { colspan: 6, class: 'muted', text: 'No experiment yet: POST /v1/experiments (see the API docs) or npm run cli -- sweep.' })]));
      refreshed(updated);
    } catch (err) {
      refreshed(updated, err);
    }
  };
  view.replaceChildren(
    h('section', { class: 'list' }, [
      h('div', { class: 'toolbar' }, [h('h2', { text: 'Experiments' }), updated]),
      h('table', { class: 'experiments', 'data-testid': 'experiments' }, [
        h('thead', {}, [h('tr', {}, ['created', 'experiment', 'preset', 'axes', 'status', 'runs done'].map((c) => h('th', { text: c })))]),
        tbody,
      ]),
    ]),
  );
  void refresh();
  const timer = setInterval(refresh, LIST_REFRESH_MS);
  return () => clearInterval(timer);
}

/** The axes and seeds in one line: "vm.vcpus 1, 2, 4 × strategy.mechanism (2) × 2 seeds". @param {Experiment} e */
function axesLine(e) {
  const axes = e.request.axes.map((a) => (a.values.length <= 6 ? `${a.path} ${a.values.map(valueLabel).join(', ')}` : `${a.path} (${a.values.length} values)`));
  return [...axes, ...(e.request.seeds > 1 ? [`${e.request.seeds} seeds`] : [])].join(' × ') || 'one run';
}

// ---------------------------------------------------------------------------------------------
// #/experiments/<id>

/**
 * @param {HTMLElement} view @param {Io} io @param {string} id
 * @param {URLSearchParams} params what the page shows, kept in its address (a link opens the same plot):
 *   metric, x, series (an axis path, empty for none), runs=1 (one row per run)
 */
export function experimentView(view, io, id, params) {
  /** @type {Experiment | null} */
  let exp = null;
  let drawn = '';
  let closed = false;
  let timer = 0;
  const root = h('section', { class: 'experiment', 'data-testid': 'experiment', 'data-id': id }, [h('p', { class: 'muted', text: 'loading…' })]);
  view.replaceChildren(root);

  // Built once the experiment is known; render() refills the holders (the selections stay).
  const toolbar = h('div', { class: 'toolbar' });
  const about = h('div', { class: 'about' });
  const progressHolder = h('div', { class: 'progress-panel', 'data-testid': 'progress-panel' });
  const plotHolder = h('div');
  const tableHolder = h('div');
  const cancel = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', 'data-testid': 'cancel', text: 'Cancel the runs' }));
  const live = h('span', { class: 'live', 'data-testid': 'live' });
  const perRun = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', 'data-testid': 'per-run', checked: params.get('runs') === '1' }));
  /** @type {ReturnType<typeof plotControls> | null} */
  let controls = null;

  cancel.addEventListener('click', async () => {
    cancel.disabled = true;
    try {
      exp = { ...(await io.api(`/v1/experiments/${id}/cancel`, 'POST')), results: exp?.results ?? null };
      render();
      schedule(0);
    } catch (err) {
      cancel.disabled = false;
      cancel.title = /** @type {Error} */ (err).message;
    }
  });
  /** The selections in the address, without a new history entry or a reload. */
  const remember = () => {
    const next = new URLSearchParams({ ...controls?.state(), ...(perRun.checked ? { runs: '1' } : {}) });
    history.replaceState(null, '', `#/experiments/${id}?${next}`);
  };
  perRun.addEventListener('change', () => {
    remember();
    render(true);
  });

  const build = (/** @type {Experiment} */ e) => {
    controls = plotControls(e, params, () => {
      remember();
      render(true);
    });
    const download = (/** @type {string} */ format) => downloadLink(io, `/v1/experiments/${id}/results?format=${format}`, `experiment-${id}.${format}`, format.toUpperCase(), `download-${format}`);
    root.replaceChildren(
      toolbar,
      about,
      card('Runs', progressHolder),
      h('section', { class: 'card', 'data-testid': 'plot' }, [controls.form, plotHolder]),
      h('section', { class: 'card', 'data-testid': 'results' }, [
        h('div', { class: 'toolbar' }, [
          h('h3', { text: 'Results' }),
          h('label', {}, [perRun, ' one row per run']),
          h('span', { class: 'muted', text: 'download:' }),
          download('csv'),
          download('ndjson'),
        ]),
        tableHolder,
      ]),
    );
  };

  /** @param {boolean} [force] redraw even when the data did not change (a selection did) */
  const render = (force = false) => {
    const e = exp;
    if (!e) return;
    const key = JSON.stringify([e.status, e.progress, e.cancelRequested, e.results]);
    if (!force && key === drawn) return;
    drawn = key;
    if (!controls) build(e);
    const ended = TERMINAL.includes(e.status);
    cancel.hidden = ended;
    cancel.disabled = e.cancelRequested;
    if (e.cancelRequested && !ended) cancel.textContent = 'Cancelling…';
    live.className = ended ? 'live' : 'live on';
    live.textContent = ended ? 'ended' : 'live';
    toolbar.replaceChildren(
      ...[
        h('a', { href: '#/experiments', text: '← experiments' }),
        h('h2', { 'data-testid': 'name', text: nameOf(e) }),
        e.request.preset ? h('span', { class: 'badge', 'data-testid': 'preset', text: `preset ${e.request.preset}` }) : null,
        badge(e.status),
        live,
        cancel,
      ].filter((x) => x !== null),
    );
    const preset = e.results?.preset;
    about.replaceChildren(
      ...[
        h('p', { class: 'muted', 'data-testid': 'axes' }, [`${axesLine(e)} → ${formatInt(e.runCount)} runs · fault events: ${e.request.faultEvents} · model version ${e.modelVersion} · `, h('span', { class: 'mono', text: e.id })]),
        h('p', { class: 'muted', text: `base: ${specLine(e.request.base)}` }),
        preset ? h('p', { class: 'muted', 'data-testid': 'preset-source' }, [h('strong', { text: preset.title }), `. Published: ${preset.source}`]) : null,
      ].filter((x) => x !== null),
    );
    progressHolder.replaceChildren(...progressPanel(e));
    const results = e.results;
    if (!results || !controls) return;
    plotHolder.replaceChildren(controls.chart(results));
    tableHolder.replaceChildren(perRun.checked ? runsTable(e, results) : aggregatesTable(e, results));
  };

  const schedule = (/** @type {number} */ ms) => {
    window.clearTimeout(timer);
    timer = window.setTimeout(poll, ms);
  };
  const poll = async () => {
    try {
      exp = await io.api(`/v1/experiments/${id}`);
      if (closed) return;
      render();
      if (exp && !TERMINAL.includes(exp.status)) schedule(POLL_MS);
    } catch (err) {
      if (closed) return;
      const status = /** @type {{status?: number}} */ (err).status;
      if (!exp || status === 404) root.replaceChildren(h('p', { class: 'error', text: `cannot load experiment ${id}: ${/** @type {Error} */ (err).message}` }));
      else schedule(POLL_MS * 3); // a passing error: try again
    }
  };
  void poll();
  return () => {
    closed = true;
    window.clearTimeout(timer);
  };
}

/** The runs done, by status, and one cell per run (a link to its migration). @param {Experiment} e */
function progressPanel(e) {
  const runs = e.results?.runs ?? [];
  return [
    h('div', { class: 'progress-line' }, [
      progressBar(e.progress, 'exp-progress'),
      h('span', { class: 'big', text: formatPercent(e.progress.fraction) }),
      h(
        'span',
        { class: 'by-status', 'data-testid': 'by-status' },
        STATUSES.filter((s) => (e.progress.byStatus[s] ?? 0) > 0).map((s) => h('span', { class: `badge status-${s}`, 'data-status': s, 'data-count': e.progress.byStatus[s] ?? 0, text: `${formatInt(e.progress.byStatus[s] ?? 0)} ${s}` })),
      ),
    ]),
    h(
      'div',
      { class: 'run-strip', 'data-testid': 'run-strip' },
      runs.map((r) =>
        h('a', {
          class: `run status-${r.status}${r.outcome && r.outcome !== 'completed' ? ' incomplete' : ''}`,
          href: `#/m/${r.migrationId}`,
          'data-index': r.index,
          'data-status': r.status,
          title: `run ${r.index}: ${describeValues(r.values)}, seed ${r.seedIndex}: ${r.status}${r.outcome ? ` (${r.outcome})` : ''}`,
        }),
      ),
    ),
  ];
}

/** @param {Record<string, unknown>} values */
const describeValues = (values) =>
  Object.entries(values)
    .map(([k, v]) => `${k}=${valueLabel(/** @type {any} */ (v))}`)
    .join(', ') || 'base';

/**
 * A link that downloads the results; with an API key it fetches them with the key (a plain link
 * cannot send it) and saves the answer.
 * @param {Io} io @param {string} href @param {string} filename @param {string} text @param {string} testid
 */
function downloadLink(io, href, filename, text, testid) {
  const a = /** @type {HTMLAnchorElement} */ (h('a', { href, download: filename, 'data-testid': testid, text }));
  a.addEventListener('click', async (ev) => {
    const headers = io.authHeaders();
    if (!headers.authorization) return;
    ev.preventDefault();
    const res = await fetch(href, { headers });
    if (!res.ok) return;
    const url = URL.createObjectURL(await res.blob());
    const save = h('a', { href: url, download: filename });
    save.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  });
  return a;
}

// ---------------------------------------------------------------------------------------------
// The plot's selections and drawing

/** @param {Experiment} e @param {URLSearchParams} params @param {() => void} onChange */
function plotControls(e, params, onChange) {
  const paths = e.request.axes.map((a) => a.path);
  const metricNames = e.results ? e.results.metrics.map((m) => m.name) : /** @type {MetricName[]} */ (Object.keys(METRIC_LABELS));
  /** @param {string} testid @param {[string, string][]} options @param {string} value */
  const select = (testid, options, value) => {
    const s = /** @type {HTMLSelectElement} */ (h('select', { 'data-testid': testid }, options.map(([v, t]) => h('option', { value: v, text: t, selected: v === value }))));
    s.addEventListener('change', () => {
      syncFixed();
      onChange();
    });
    return s;
  };
  const preset = e.request.preset ? e.results?.preset : null;
  /** The address's choice when it is one of the options, else the default. @param {string} key @param {string[]} options @param {string} fallback */
  const initial = (key, options, fallback) => {
    const wanted = params.get(key);
    return wanted !== null && options.includes(wanted) ? wanted : fallback;
  };
  const metric = select('plot-metric', metricNames.map((n) => [n, metricLabel(n)]), initial('metric', metricNames, preset?.metric ?? 'totalNs'));
  const xAxis = select('plot-x', paths.map((p) => [p, p]), initial('x', paths, paths[0] ?? ''));
  const series = select('plot-series', [['', 'none'], ...paths.map((p) => /** @type {[string, string]} */ ([p, p]))], initial('series', ['', ...paths], paths[1] ?? ''));
  // Every other axis is held at one of its values (a slice of the sweep).
  const fixed = e.request.axes.map((a) => {
    const s = /** @type {HTMLSelectElement} */ (h('select', { 'data-testid': 'plot-fix', 'data-path': a.path }, a.values.map((v, i) => h('option', { value: String(i), text: valueLabel(v) }))));
    s.addEventListener('change', onChange);
    return { axis: a, select: s, label: h('label', {}, [`${a.path} =`, ' ', s]) };
  });
  const syncFixed = () => {
    for (const f of fixed) f.label.hidden = f.axis.path === xAxis.value || f.axis.path === series.value;
  };
  syncFixed();
  const form = h('div', { class: 'toolbar plot-controls' }, [
    h('h3', { text: 'Plot' }),
    h('label', {}, ['metric ', metric]),
    h('label', {}, ['against ', xAxis]),
    h('label', {}, ['one line per ', series]),
    ...fixed.map((f) => f.label),
  ]);

  /** @param {Results} results */
  const chart = (results) => {
    if (paths.length === 0) return h('p', { class: 'muted', text: 'This experiment has no axis: its runs differ only by seed (see the table).' });
    const name = /** @type {MetricName} */ (metric.value);
    const unit = results.metrics.find((m) => m.name === name)?.unit ?? 'count';
    const format = formatterOf(unit);
    const xPath = xAxis.value;
    const seriesPath = series.value === xPath ? '' : series.value;
    const xValues = e.request.axes.find((a) => a.path === xPath)?.values ?? [];
    const seriesValues = seriesPath ? e.request.axes.find((a) => a.path === seriesPath)?.values ?? [] : [null];
    const held = fixed.filter((f) => f.axis.path !== xPath && f.axis.path !== seriesPath);
    const rows = results.aggregates.filter((r) => r.metrics && held.every((f) => same(r.values[f.axis.path], f.axis.values[Number(f.select.value)])));
    const published = preset && preset.metric === name;
    const chartSeries = seriesValues.map((sv) => ({
      name: seriesPath ? valueLabel(sv) : metricLabel(name),
      points: rows
        .filter((r) => !seriesPath || same(r.values[seriesPath], sv))
        .map((r) => {
          const m = /** @type {NonNullable<Aggregate['metrics']>} */ (r.metrics)[name];
          return {
            x: r.values[xPath],
            y: m.mean,
            min: m.min,
            max: m.max,
            published: published && r.published ? r.published.value : null,
            title: `${describeValues(r.values)}: ${format(m.mean)}${r.measured > 1 ? ` (${format(m.min)} – ${format(m.max)} over ${r.measured} seeds)` : ''}`,
          };
        }),
    }));
    const heldText = held.map((f) => `${f.axis.path} = ${valueLabel(f.axis.values[Number(f.select.value)])}`).join(', ');
    return h('div', {}, [
      h('p', { class: 'plot-title', 'data-testid': 'plot-title' }, [
        h('strong', { text: `${metricLabel(name)} (${unit})` }),
        ` against ${xPath}${seriesPath ? `, one line per ${seriesPath}` : ''}${heldText ? ` at ${heldText}` : ''}${e.request.seeds > 1 ? `; mean of ${e.request.seeds} seeds, whiskers min–max` : ''}${published ? '; ◇ published' : ''}`,
      ]),
      sweepChart({ testid: 'chart-sweep', xLabel: xPath, xValues, series: chartSeries, legendTitle: seriesPath, yFormat: format, whiskers: e.request.seeds > 1 }),
    ]);
  };
  const state = () => ({ metric: metric.value, x: xAxis.value, series: series.value });
  return { form, chart, state };
}

/** @param {unknown} a @param {unknown} b */
const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

// ---------------------------------------------------------------------------------------------
// The results tables

/** The metrics shown: all, but violations only when some run has any. @param {Results} results */
function shownMetrics(results) {
  return results.metrics.filter((m) => m.name !== 'violations' || results.runs.some((r) => (r.metrics?.violations ?? 0) > 0));
}

/** A dotted path that may wrap after its dots (a narrow column). @param {string} path */
const wrappable = (path) => path.split('.').flatMap((part, i) => (i === 0 ? [part] : ['.', h('wbr'), part]));

/**
 * The varied fields as columns: one per axis; the fields linked to an axis (vm.memoryMiB moving
 * with vm.vcpus...) are in the cell's tooltip.
 * @param {Experiment} e
 */
const axisColumns = (e) =>
  e.request.axes.map((a) => ({
    path: a.path,
    linked: Object.keys(a.with ?? {}),
    th: h('th', { title: a.with ? `with ${Object.keys(a.with).join(', ')}` : undefined }, wrappable(a.path)),
  }));

/** @param {ReturnType<typeof axisColumns>} columns @param {Record<string, unknown>} values */
const axisCells = (columns, values) =>
  columns.map((c) =>
    h('td', {
      title: c.linked.length ? c.linked.map((l) => `${l} = ${valueLabel(/** @type {any} */ (values[l] ?? null))}`).join(', ') : undefined,
      text: valueLabel(/** @type {any} */ (values[c.path] ?? null)),
    }),
  );

/** @param {{ name: string, unit: string, description: string }[]} metrics */
const metricHeadings = (metrics) => metrics.map((m) => h('th', { class: 'num', title: `${m.description} (${m.unit})`, text: metricLabel(m.name) }));

/**
 * "16.53–16.81 ms": min and max sharing their unit; null when they read the same.
 * @param {number} min @param {number} max @param {(v: number) => string} format
 */
function formatSpread(min, max, format) {
  const [a, b] = [format(min), format(max)];
  if (a === b) return null;
  const split = (/** @type {string} */ t) => /^(-?[\d.,]+)(.*)$/.exec(t) ?? [t, t, ''];
  const [, na, ua] = split(a);
  const [, nb, ub] = split(b);
  return ua === ub ? `${na}–${nb}${ub}` : `${a} – ${b}`;
}

/** A published figure in its unit: three significant digits, grouped above 100 (4,010; 86.0; 0.570). @param {number} v */
const formatFigure = (v) => (Math.abs(v) >= 100 ? formatInt(v) : v.toPrecision(3));

/** One row per combination of axis values: each metric's mean, and its min–max over the seeds. @param {Experiment} e @param {Results} results */
function aggregatesTable(e, results) {
  const metrics = shownMetrics(results);
  const columns = axisColumns(e);
  const preset = results.preset;
  return h('table', { class: 'data results', 'data-testid': 'results-table', 'data-view': 'aggregates' }, [
    h('thead', {}, [
      h('tr', {}, [
        ...columns.map((c) => c.th),
        h('th', { class: 'num', title: 'runs (one per seed), and how they ended when not all completed', text: 'runs' }),
        ...metricHeadings(metrics),
        ...(preset ? [h('th', { class: 'num', text: `published (${preset.unit})` }), h('th', { class: 'num', text: 'simulated / published' })] : []),
      ]),
    ]),
    h(
      'tbody',
      {},
      results.aggregates.map((r) => {
        const incomplete = Object.entries(r.outcomes).filter(([o]) => o !== 'completed');
        const pending = r.runs - r.measured;
        return h('tr', { 'data-values': JSON.stringify(r.values) }, [
          ...axisCells(columns, r.values),
          h('td', { class: `num${incomplete.length ? ' bad' : ''}`, 'data-testid': 'runs', 'data-runs': r.runs, 'data-measured': r.measured, title: Object.entries(r.outcomes).map(([o, n]) => `${n} ${o}`).join(', ') }, [
            h('div', { text: formatInt(r.runs) }),
            incomplete.length || pending ? h('div', { class: 'range', text: [...incomplete.map(([o, n]) => `${n} ${o}`), ...(pending ? [`${pending} pending`] : [])].join(', ') }) : null,
          ]),
          ...metrics.map((m) => {
            const st = r.metrics?.[m.name];
            if (!st) return h('td', { class: 'num muted', 'data-metric': m.name, text: '…' });
            const f = formatterOf(m.unit);
            const spread = r.measured > 1 ? formatSpread(st.min, st.max, f) : null;
            return h('td', { class: `num${m.name === 'violations' && st.max > 0 ? ' bad' : ''}`, 'data-metric': m.name, 'data-mean': st.mean, 'data-min': st.min, 'data-max': st.max }, [
              h('div', { class: 'mean', text: f(st.mean) }),
              spread ? h('div', { class: 'range', text: spread }) : null,
            ]);
          }),
          ...(preset
            ? [
                h('td', { class: 'num', 'data-testid': 'published', 'data-value': r.published?.value, text: r.published ? formatFigure(r.published.value / preset.scale) : '–' }),
                h('td', { class: 'num', 'data-testid': 'ratio', 'data-value': r.published?.ratio ?? undefined, text: r.published?.ratio ? `${r.published.ratio.toFixed(2)}×` : '–' }),
              ]
            : []),
        ]);
      }),
    ),
  ]);
}

/** One row per run, with a link to its migration. @param {Experiment} e @param {Results} results */
function runsTable(e, results) {
  const metrics = shownMetrics(results);
  const columns = axisColumns(e);
  return h('table', { class: 'data results', 'data-testid': 'results-table', 'data-view': 'runs' }, [
    h('thead', {}, [h('tr', {}, [h('th', { text: 'run' }), ...columns.map((c) => c.th), h('th', { class: 'num', text: 'seed' }), h('th', { text: 'outcome' }), ...metricHeadings(metrics)])]),
    h(
      'tbody',
      {},
      results.runs.map((r) =>
        h('tr', { 'data-index': r.index, 'data-migration': r.migrationId }, [
          h('td', {}, [h('a', { href: `#/m/${r.migrationId}`, title: r.migrationId, 'data-testid': 'run-link', text: `#${r.index}` })]),
          ...axisCells(columns, r.values),
          h('td', { class: 'num', text: r.seedIndex }),
          // how the simulated migration ended; until it has, the run's status
          h('td', { 'data-testid': 'outcome', 'data-status': r.status, class: r.correct === false ? 'bad nowrap' : 'nowrap' }, [r.outcome === null ? badge(r.status) : `${r.outcome} ${r.correct ? '✓' : '✗'}`]),
          ...metrics.map((m) => {
            const v = r.metrics?.[m.name];
            return h('td', { class: 'num', 'data-metric': m.name, 'data-value': v, text: v === undefined ? '…' : formatterOf(m.unit)(v) });
          }),
        ]),
      ),
    ),
  ]);
}
