// @ts-check
/** An experiment's results: the plot of a metric against an axis (with its selections), and the tables over seeds or per run. */
import { badge, h } from './dom.js';
import { formatterOf, formatInt } from './format.js';
import { sweepChart, valueLabel } from './sweep-chart.js';
import { describeValues, METRIC_LABELS, metricLabel } from './experiment-common.js';

/** @typedef {import('./experiment-common.js').Experiment} Experiment */
/** @typedef {import('./experiment-common.js').Schemas['ExperimentResults']} Results */
/** @typedef {Results['aggregates'][number]} Aggregate */
/** @typedef {Results['metrics'][number]['name']} MetricName */

// ---------------------------------------------------------------------------------------------
// The plot's selections and drawing

/** @param {Experiment} e @param {URLSearchParams} params @param {() => void} onChange */
export function plotControls(e, params, onChange) {
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
    // combinations measured and with this metric (a run without any guest access has no slowdown)
    const rows = results.aggregates.filter((r) => r.metrics?.[name] && held.every((f) => same(r.values[f.axis.path], f.axis.values[Number(f.select.value)])));
    const published = preset && preset.metric === name;
    const chartSeries = seriesValues.map((sv) => ({
      name: seriesPath ? valueLabel(sv) : metricLabel(name),
      points: rows
        .filter((r) => !seriesPath || same(r.values[seriesPath], sv))
        .map((r) => {
          const m = /** @type {NonNullable<NonNullable<Aggregate['metrics']>[MetricName]>} */ (r.metrics?.[name]);
          return {
            x: r.values[xPath],
            y: m.mean,
            min: m.min,
            max: m.max,
            published: published && r.published ? r.published.value : null,
            title: `${describeValues(r.values)}: ${format(m.mean)}${r.measured > 1 ? ` (${format(m.min)} – ${format(m.max)}, sd ${format(m.sd ?? 0)} over ${r.measured} seeds)` : ''}`,
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
export function aggregatesTable(e, results) {
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
            // '…' until a run is measured; '–' when none of them has this metric
            if (!st) return h('td', { class: 'num muted', 'data-metric': m.name, text: r.metrics ? '–' : '…' });
            const f = formatterOf(m.unit);
            const spread = r.measured > 1 ? formatSpread(st.min, st.max, f) : null;
            return h('td', { class: `num${m.name === 'violations' && st.max > 0 ? ' bad' : ''}`, 'data-metric': m.name, 'data-mean': st.mean, 'data-min': st.min, 'data-max': st.max, 'data-sd': st.sd ?? undefined, title: st.sd === null ? undefined : `standard deviation over ${r.measured} seeds: ${f(st.sd)}` }, [
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
export function runsTable(e, results) {
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
          h('td', { class: 'num', title: `repetition ${r.seedIndex}`, text: r.seed }),
          // how the simulated migration ended; until it has, the run's status
          h('td', { 'data-testid': 'outcome', 'data-status': r.status, class: r.correct === false || r.guestImpaired ? 'bad nowrap' : 'nowrap' }, [r.outcome === null ? badge(r.status) : `${r.outcome} ${r.correct ? '✓' : '✗'}${r.guestImpaired ? ' guest impaired' : ''}`]),
          ...metrics.map((m) => {
            const v = r.metrics?.[m.name];
            return h('td', { class: 'num', 'data-metric': m.name, 'data-value': v ?? undefined, text: v === undefined ? '…' : v === null ? '–' : formatterOf(m.unit)(v) });
          }),
        ]),
      ),
    ),
  ]);
}
