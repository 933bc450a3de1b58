// @ts-check
/**
 * The plot of an experiment: one metric against one axis, one line per value of a second axis,
 * with min–max whiskers over the seeds and published figures as hollow diamonds. An axis whose
 * values span more than WIDE_RATIO is drawn on a log scale; an axis of words is drawn as categories.
 * Every mark carries its data (data-x, data-y, data-min, data-max) for the browser tests.
 */
import { el, frame, linear, logTicks, M, niceTicks, textWidth, title, xTicks, yAxis } from './charts.js';

const WIDTH = 1100;
const HEIGHT = 380;
/** Values spanning this ratio or more (1..32 vCPUs, a paging rate over two decades) get a log axis. */
const WIDE_RATIO = 30;
/** Up to this many numeric x values, the ticks are the values themselves (1, 2, 4, ..., 256). */
const MAX_VALUE_TICKS = 12;
const LEGEND_ROW = 16;
/** Values within this share of the largest get a y axis zoomed on them rather than starting at 0. */
const NARROW = 0.2;
/** Points of different series at one x are set this far apart, so that equal values stay visible. */
const DODGE = 5;

/** @typedef {string | number | boolean | null | unknown[] | Record<string, unknown>} AxisValue */
/** @typedef {{ x: AxisValue, y: number, min: number, max: number, published: number | null, title: string }} SweepPoint */

/** How an axis value reads: null is the spec's default. @param {AxisValue} v */
export const valueLabel = (v) => (v === null ? 'default' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** @param {number[]} values */
const isWide = (values) => values.length > 1 && values.every((v) => v > 0) && Math.max(...values) / Math.min(...values) >= WIDE_RATIO;

/**
 * @param {{
 *   testid: string,
 *   xLabel: string,
 *   xValues: AxisValue[],
 *   series: { name: string, points: SweepPoint[] }[],
 *   legendTitle?: string,
 *   yFormat: (v: number) => string,
 *   whiskers: boolean,
 * }} o
 *   xValues: the axis's values in axis order (the categories' order when they are not numbers)
 */
export function sweepChart(o) {
  const points = o.series.flatMap((s) => s.points);
  const numeric = o.xValues.every((v) => typeof v === 'number' && Number.isFinite(v));
  const xNums = numeric ? /** @type {number[]} */ (o.xValues) : [];
  const xLog = numeric && isWide(xNums);
  const ys = points.flatMap((p) => [p.y, ...(o.whiskers ? [p.min, p.max] : []), ...(p.published === null ? [] : [p.published])]);
  const yLog = isWide(ys);

  // Legend: the series (when there are several) and the published marker, in rows above the plot.
  /** @type {{ text: string, kind: 'title' | 'series' | 'published', colour: number }[]} */
  const entries = [];
  if (o.series.length > 1) {
    if (o.legendTitle) entries.push({ text: `${o.legendTitle}:`, kind: 'title', colour: 0 });
    o.series.forEach((s, i) => entries.push({ text: s.name, kind: 'series', colour: i % 8 }));
  }
  if (points.some((p) => p.published !== null)) entries.push({ text: 'published', kind: 'published', colour: 0 });
  const legend = layoutLegend(entries);
  const top = M.top + legend.rows * LEGEND_ROW;

  const svg = frame(o.testid, HEIGHT, WIDTH);
  svg.setAttribute('data-x-scale', numeric ? (xLog ? 'log' : 'linear') : 'category');
  svg.setAttribute('data-y-scale', yLog ? 'log' : 'linear');
  if (points.length === 0) {
    svg.append(el('text', { x: WIDTH / 2, y: HEIGHT / 2, class: 'empty', 'text-anchor': 'middle' }, ['no measured run yet']));
    return svg;
  }

  // y: from 0 to the largest value; zoomed on the values when they differ by less than NARROW of
  // the largest (else the lines are flat at the top); on a log scale, around the values.
  const lo = Math.min(...ys);
  const hi = Math.max(...ys);
  const narrow = lo > 0 && hi - lo < NARROW * hi;
  const pad = narrow ? Math.max(hi - lo, hi * 0.05) * 0.15 : 0;
  const yLo = yLog ? lo : narrow ? lo - pad : Math.min(0, lo);
  const yHi = Math.max(hi + pad, yLo + 1);
  // a log axis ends on round values (1, 2, 5 x 10^n) around the data, so that both ends are labelled
  const [logLo, logHi] = yLog ? [roundLog(yLo, -1), roundLog(yHi, 1)] : [0, 0];
  const [d0, d1] = yLog ? [Math.log10(logLo), Math.log10(logHi)] : narrow ? [yLo, yHi] : [yLo, yHi * 1.05];
  const yScale = linear(d0, d1, HEIGHT - M.bottom, top);
  const y = yLog ? (/** @type {number} */ v) => yScale(Math.log10(v)) : yScale;
  svg.setAttribute('data-y-from-zero', String(!yLog && !narrow));
  yAxis(svg, y, yLog ? roundTicks(logLo, logHi) : niceTicks(yLo, yHi, 5), (v) => roundLabel(o.yFormat(v)), WIDTH);

  // x: numbers on a linear or log scale, padded so that the end points sit inside; else categories.
  const keys = o.xValues.map((v) => JSON.stringify(v));
  /** @type {(v: AxisValue) => number} */
  let x;
  if (numeric) {
    const lo = xLog ? Math.log10(Math.min(...xNums)) : Math.min(...xNums);
    const hi = xLog ? Math.log10(Math.max(...xNums)) : Math.max(...xNums);
    const pad = (hi - lo || 1) * 0.04;
    const scale = linear(lo - pad, hi + pad, M.left, WIDTH - M.right);
    const at = (/** @type {number} */ v) => scale(xLog ? Math.log10(v) : v);
    x = (v) => at(/** @type {number} */ (v));
    const ticks = xNums.length <= MAX_VALUE_TICKS ? [...new Set(xNums)].sort((a, b) => a - b) : xLog ? logTicks(Math.min(...xNums), Math.max(...xNums)) : niceTicks(Math.min(...xNums), Math.max(...xNums), 8);
    gridLines(svg, ticks.map(at), top);
    xTicks(svg, at, ticks, (v) => v.toLocaleString('en-US'), WIDTH, false, HEIGHT);
  } else {
    const band = (WIDTH - M.left - M.right) / Math.max(1, keys.length);
    const at = (/** @type {number} */ i) => M.left + (i + 0.5) * band;
    x = (v) => at(keys.indexOf(JSON.stringify(v)));
    gridLines(svg, keys.map((_, i) => at(i)), top);
    xTicks(svg, at, keys.map((_, i) => i), (i) => valueLabel(o.xValues[i]), WIDTH, false, HEIGHT);
  }
  svg.append(el('text', { x: (WIDTH + M.left) / 2, y: HEIGHT - 8, class: 'axis-label', 'text-anchor': 'middle' }, [`${o.xLabel}${xLog ? ' (log scale)' : ''}`]));
  if (yLog || narrow) svg.append(el('text', { x: 4, y: HEIGHT - 8, class: 'axis-label' }, [yLog ? 'y: log scale' : 'y: not from 0']));

  const order = (/** @type {SweepPoint} */ p) => (numeric ? /** @type {number} */ (p.x) : keys.indexOf(JSON.stringify(p.x)));
  o.series.forEach((s, i) => {
    const g = el('g', { class: `series c${i % 8}`, 'data-series': s.name, 'data-count': s.points.length });
    const sorted = [...s.points].sort((a, b) => order(a) - order(b));
    const dx = (i - (o.series.length - 1) / 2) * DODGE;
    if (sorted.length > 1) g.append(el('path', { class: 'line', d: sorted.map((p, k) => `${k ? 'L' : 'M'}${(x(p.x) + dx).toFixed(1)},${y(p.y).toFixed(1)}`).join(' ') }));
    for (const p of sorted) {
      const px = x(p.x) + dx;
      if (o.whiskers && p.max > p.min) {
        // caps only on a whisker long enough to be told from the point
        const [y0, y1] = [y(p.min), y(p.max)];
        const caps = Math.abs(y0 - y1) >= 12 ? ` M${px - 4},${y0} H${px + 4} M${px - 4},${y1} H${px + 4}` : '';
        g.append(el('path', { class: 'whisker', 'data-min': p.min, 'data-max': p.max, d: `M${px},${y0} V${y1}${caps}` }));
      }
      // the published figure under the simulated point: a hollow diamond around it when they agree
      if (p.published !== null) {
        g.append(el('path', { class: 'published', d: diamond(px, y(p.published)), 'data-x': valueLabel(p.x), 'data-y': p.published }, [title(`${s.name}: published ${o.yFormat(p.published)}`)]));
      }
      g.append(el('circle', { class: 'point', cx: px, cy: y(p.y), r: 4, 'data-x': valueLabel(p.x), 'data-y': p.y, 'data-min': p.min, 'data-max': p.max }, [title(p.title)]));
    }
    svg.append(g);
  });

  for (const e of legend.placed) {
    if (e.kind === 'series') svg.append(el('rect', { x: e.x, y: e.y - 9, width: 10, height: 10, class: `swatch c${e.colour}` }));
    if (e.kind === 'published') svg.append(el('path', { d: diamond(e.x + 5, e.y - 4), class: 'published legend' }));
    svg.append(el('text', { x: e.kind === 'title' ? e.x : e.x + 14, y: e.y, class: e.kind === 'title' ? 'axis-label' : 'tick' }, [e.text]));
  }
  return svg;
}

/** The nearest of 1, 2, 5 x 10^n below (direction -1) or above (+1) a positive value. @param {number} v @param {-1 | 1} direction */
function roundLog(v, direction) {
  const steps = [];
  for (let e = Math.floor(Math.log10(v)) - 1; e <= Math.ceil(Math.log10(v)) + 1; e++) for (const m of [1, 2, 5]) steps.push(Number((m * 10 ** e).toPrecision(12)));
  return direction < 0 ? Math.max(...steps.filter((t) => t <= v)) : Math.min(...steps.filter((t) => t >= v));
}

/**
 * Ticks of a log axis from lo to hi (both 1, 2 or 5 x 10^n): every 1, 2 and 5 while they are at
 * most ten, else the powers of ten (charts.js's logTicks).
 * @param {number} lo @param {number} hi
 */
function roundTicks(lo, hi) {
  const ticks = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of [1, 2, 5]) {
      const v = Number((m * 10 ** e).toPrecision(12));
      if (v >= lo && v <= hi) ticks.push(v);
    }
  }
  return ticks.length <= 10 ? ticks : logTicks(lo, hi);
}

/** A tick label of a round value without its trailing zeros: "500.00 ms" reads "500 ms", "2.50 s" "2.5 s". @param {string} text */
const roundLabel = (text) => text.replace(/(\d)\.(\d*?)0+(?!\d)/, (_, d, kept) => (kept ? `${d}.${kept}` : d));

/** Vertical grid lines at the x ticks, below the legend. @param {SVGElement} svg @param {number[]} xs @param {number} top */
function gridLines(svg, xs, top) {
  for (const gx of xs) svg.append(el('line', { x1: gx, x2: gx, y1: top, y2: HEIGHT - M.bottom, class: 'grid' }));
}

/** A hollow diamond centred on (x, y). @param {number} x @param {number} y */
const diamond = (x, y, r = 6) => `M${x},${y - r} L${x + r},${y} L${x},${y + r} L${x - r},${y} Z`;

/**
 * Legend entries left to right, wrapping to a new row at the chart's right edge.
 * @template {{ text: string, kind: string }} E
 * @param {E[]} entries
 */
function layoutLegend(entries) {
  /** @type {(E & { x: number, y: number })[]} */
  const placed = [];
  let x = M.left;
  let row = 0;
  for (const e of entries) {
    const w = (e.kind === 'title' ? 0 : 14) + textWidth(e.text) + 16;
    if (x + w > WIDTH - M.right && x > M.left) {
      row++;
      x = M.left;
    }
    placed.push({ ...e, x, y: 12 + row * LEGEND_ROW });
    x += w;
  }
  return { placed, rows: entries.length ? row + 1 : 0 };
}
