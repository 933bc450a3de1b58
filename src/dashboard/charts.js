// @ts-check
/**
 * Small SVG charts drawn by hand (no dependency): bars, horizontal bars, lines, a log-scale
 * histogram and a phase timeline. Every mark carries its data (data-key, data-value...) so that
 * what is drawn can be checked against the API, and a <title> for a tooltip.
 */

const NS = 'http://www.w3.org/2000/svg';
const W = 600;
const H = 240;
const M = { top: 18, right: 18, bottom: 46, left: 70 };

/**
 * @param {string} tag
 * @param {Record<string, string | number | undefined>} [attrs]
 * @param {(Node | string)[]} [children]
 * @returns {SVGElement}
 */
function el(tag, attrs = {}, children = []) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) node.setAttribute(k, String(v));
  for (const c of children) node.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return node;
}

/** @param {string} text */
const title = (text) => el('title', {}, [text]);

/**
 * @param {string} testid
 * @param {number} [height]
 * @param {number} [width]
 */
function frame(testid, height = H, width = W) {
  return /** @type {SVGSVGElement} */ (el('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', 'data-testid': testid, role: 'img' }));
}

/**
 * @param {number} d0 @param {number} d1 @param {number} r0 @param {number} r1
 * @returns {(v: number) => number}
 */
function linear(d0, d1, r0, r1) {
  const span = d1 - d0 || 1;
  return (v) => r0 + ((v - d0) / span) * (r1 - r0);
}

/** Round tick values covering [min, max]. @param {number} min @param {number} max @param {number} count */
function niceTicks(min, max, count = 5) {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const ticks = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/**
 * @param {SVGElement} svg
 * @param {(v: number) => number} y
 * @param {number[]} ticks
 * @param {(v: number) => string} format
 * @param {number} [width]
 */
function yAxis(svg, y, ticks, format, width = W) {
  for (const t of ticks) {
    svg.append(el('line', { x1: M.left, x2: width - M.right, y1: y(t), y2: y(t), class: 'grid' }));
    svg.append(el('text', { x: M.left - 6, y: y(t) + 4, class: 'tick', 'text-anchor': 'end' }, [format(t)]));
  }
}

/**
 * Labels of an x axis under the plot: a label that would overlap the previous one is left out, and
 * the ones at the edges are anchored inside the chart so that none is clipped.
 * @param {SVGElement} svg
 * @param {(v: number) => number} x
 * @param {number[]} ticks
 * @param {(v: number) => string} format
 * @param {number} width
 * @param {boolean} [gridLines]
 * @param {number} [height] of the chart
 */
function xTicks(svg, x, ticks, format, width, gridLines = false, height = H) {
  let lastRight = -Infinity;
  for (const t of ticks) {
    const label = format(t);
    const w = textWidth(label);
    const cx = x(t);
    let left = cx - w / 2;
    let anchor = 'middle';
    if (left < M.left - 4) [left, anchor] = [cx, 'start']; // clear of the value axis's labels
    if (left + w > width - 2) [left, anchor] = [cx - w, 'end'];
    if (left < lastRight + 8) continue;
    lastRight = left + w;
    if (gridLines) svg.append(el('line', { x1: cx, x2: cx, y1: M.top, y2: height - M.bottom, class: 'grid' }));
    svg.append(el('text', { x: cx, y: height - M.bottom + 14, class: 'tick', 'text-anchor': anchor }, [label]));
  }
}

/**
 * Round values for a log axis over [lo, hi]: powers of ten, else 1-2-5, else every digit, whichever
 * first gives three ticks; a range narrower than that gets linear round ticks.
 * @param {number} lo @param {number} hi
 */
function logTicks(lo, hi) {
  for (const mantissas of [[1], [1, 2, 5], [1, 2, 3, 4, 5, 6, 7, 8, 9]]) {
    const ticks = [];
    for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
      for (const m of mantissas) {
        const v = m * 10 ** e;
        if (v >= lo && v <= hi) ticks.push(Number(v.toPrecision(12)));
      }
    }
    if (ticks.length >= 3) return ticks;
  }
  return niceTicks(lo, hi, 4).filter((t) => t >= lo && t > 0);
}

/** @param {SVGElement} svg @param {string} text @param {number} [width] @param {number} [height] */
function empty(svg, text = 'no data', width = W, height = H) {
  svg.append(el('text', { x: width / 2, y: height / 2 + 4, class: 'empty', 'text-anchor': 'middle' }, [text]));
  return svg;
}

/** Approximate width of a label in viewBox units (the charts' fonts are 10-11 px). @param {string} text @param {number} [px] */
const textWidth = (text, px = 11) => text.length * px * 0.6;

/** The smallest step of 1, 2, 5, 10, 20, 50... at which labels `band` apart need no less than `need`. @param {number} band @param {number} need */
function labelStep(band, need) {
  for (let mag = 1; ; mag *= 10) for (const m of [1, 2, 5]) if (m * mag * band >= need) return m * mag;
}

/**
 * Vertical bars, one per item, in one colour (one series). Category labels are thinned to a round
 * step so that they never overlap; values are printed above the bars only when they fit.
 * @param {{ testid: string, items: {key: string, label: string, value: number, extra?: string}[], format: (v: number) => string, axisLabel?: string, yMax?: number, width?: number, span?: {min: number, max: number, format: (v: number) => string} }} o
 *   span: the items are equal consecutive intervals of [min, max] (a timeline): the axis gets round values of that range instead of the items' labels
 *   yMax: the top of the value axis (charts side by side share one); width: of the drawing (narrower for a narrow column, so text keeps its size)
 */
export function barChart(o) {
  const Wd = o.width ?? W;
  const svg = frame(o.testid, H, Wd);
  if (o.items.length === 0) return empty(svg, 'no data', Wd);
  if (o.items.every((i) => i.value === 0) && !o.yMax) return empty(svg, `0 for all ${o.items.length}`, Wd);
  const max = Math.max(o.yMax ?? 0, ...o.items.map((i) => i.value)) || 1;
  const y = linear(0, max, H - M.bottom, M.top);
  yAxis(svg, y, niceTicks(0, max, 4), o.format, Wd);
  const band = (Wd - M.left - M.right) / o.items.length;
  const bw = Math.max(1, band * (o.items.length > 64 ? 0.9 : 0.75));
  const step = labelStep(band, Math.max(...o.items.map((i) => textWidth(i.label))) + 8);
  const showValues = o.items.every((i) => textWidth(o.format(i.value), 10) + 4 <= band);
  o.items.forEach((item, i) => {
    const x = M.left + i * band + (band - bw) / 2;
    const top = y(item.value);
    svg.append(
      el('rect', { class: 'bar c0', x, y: top, width: bw, height: H - M.bottom - top, 'data-key': item.key, 'data-value': item.value }, [
        title(`${item.label}: ${o.format(item.value)}${item.extra ? ` (${item.extra})` : ''}`),
      ]),
    );
    if (showValues && item.value !== 0) svg.append(el('text', { x: x + bw / 2, y: top - 4, class: 'value', 'text-anchor': 'middle' }, [o.format(item.value)]));
    if (!o.span && i % step === 0) svg.append(el('text', { x: x + bw / 2, y: H - M.bottom + 14, class: 'tick', 'text-anchor': 'middle' }, [item.label]));
  });
  if (o.span) xTicks(svg, linear(o.span.min, o.span.max, M.left, Wd - M.right), niceTicks(o.span.min, o.span.max, 5), o.span.format, Wd);
  if (o.axisLabel) svg.append(el('text', { x: (Wd + M.left) / 2, y: H - 8, class: 'axis-label', 'text-anchor': 'middle' }, [o.axisLabel]));
  return svg;
}

/**
 * Horizontal bars: categories with their counts.
 * @param {{ testid: string, items: {key: string, value: number, extra?: string}[], format: (v: number) => string }} o
 */
export function hbarChart(o) {
  const rowH = 24;
  const height = Math.max(60, o.items.length * rowH + 20);
  const svg = frame(o.testid, height);
  if (o.items.length === 0) return empty(svg, 'none', W, height);
  const left = 170;
  const max = Math.max(...o.items.map((i) => i.value), 0) || 1;
  const x = linear(0, max, left, W - 110);
  o.items.forEach((item, i) => {
    const top = 10 + i * rowH;
    svg.append(el('text', { x: left - 8, y: top + 15, class: 'tick', 'text-anchor': 'end' }, [item.key]));
    svg.append(
      el('rect', { class: 'bar c0', x: left, y: top + 3, width: Math.max(0, x(item.value) - left), height: rowH - 8, 'data-key': item.key, 'data-value': item.value }, [
        title(`${item.key}: ${o.format(item.value)}${item.extra ? ` (${item.extra})` : ''}`),
      ]),
    );
    svg.append(el('text', { x: x(item.value) + 6, y: top + 15, class: 'value' }, [`${o.format(item.value)}${item.extra ? `  ${item.extra}` : ''}`]));
  });
  return svg;
}

/**
 * Lines over a shared x axis (one series per migration in the comparison).
 * @param {{ testid: string, series: {name: string, points: {x: number, y: number}[]}[], xFormat: (v: number) => string, yFormat: (v: number) => string, yMax?: number, xLabel?: string, width?: number, steps?: boolean }} o
 *   steps: the value changes at the samples (a sample is taken when it changed): drawn as a staircase
 */
export function lineChart(o) {
  const Wd = o.width ?? W;
  const svg = frame(o.testid, H, Wd);
  const all = o.series.flatMap((s) => s.points);
  if (all.length === 0) return empty(svg, 'no samples yet', Wd);
  const xMin = Math.min(...all.map((p) => p.x), 0);
  const xMax = Math.max(...all.map((p) => p.x), xMin + 1);
  const yMax = o.yMax ?? (Math.max(...all.map((p) => p.y)) || 1);
  const x = linear(xMin, xMax, M.left, Wd - M.right);
  const legend = o.series.length > 1;
  const y = linear(0, yMax, H - M.bottom, legend ? M.top + 14 : M.top); // a legend: a row above the plot
  yAxis(svg, y, niceTicks(0, yMax, 4), o.yFormat, Wd);
  let legendX = M.left;
  xTicks(svg, x, niceTicks(xMin, xMax, Math.round(Wd / 120)), o.xFormat, Wd);
  o.series.forEach((s, i) => {
    const g = el('g', { class: `series c${i % 8}`, 'data-series': s.name, 'data-count': s.points.length });
    if (s.points.length > 0) {
      const at = (/** @type {{x: number, y: number}} */ p) => `${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`;
      const d = s.points.map((p, k) => (k === 0 ? `M${at(p)}` : o.steps ? `H${x(p.x).toFixed(1)} V${y(p.y).toFixed(1)}` : `L${at(p)}`)).join(' ');
      g.append(el('path', { d, class: 'line' }));
    }
    for (const p of s.points) {
      g.append(el('circle', { cx: x(p.x), cy: y(p.y), r: s.points.length > 60 ? 1.5 : 2.5, class: 'point', 'data-x': p.x, 'data-y': p.y }, [title(`${s.name}: ${o.xFormat(p.x)} → ${o.yFormat(p.y)}`)]));
    }
    svg.append(g);
    if (legend) {
      svg.append(el('rect', { x: legendX, y: 3, width: 10, height: 10, class: `swatch c${i % 8}` }));
      svg.append(el('text', { x: legendX + 14, y: 12, class: 'tick' }, [s.name]));
      legendX += 14 + textWidth(s.name) + 16;
    }
  });
  if (o.xLabel) svg.append(el('text', { x: (Wd + M.left) / 2, y: H - 8, class: 'axis-label', 'text-anchor': 'middle' }, [o.xLabel]));
  return svg;
}

/**
 * Latency histogram on a logarithmic latency axis, zoomed to where the faults are, with percentile
 * markers. Side by side, histograms share xDomain and yMax.
 * @param {{ testid: string, buckets: {lowerNs: number, upperNs: number, count: number}[], markers?: {label: string, valueNs: number}[], format: (ns: number) => string, xDomain?: [number, number], yMax?: number, width?: number, asShare?: boolean }} o
 *   asShare: heights are each bucket's share of the faults (yMax then a share too), so that runs with
 *   different numbers of faults compare by shape
 */
export function logHistogram(o) {
  const Wd = o.width ?? W;
  const svg = frame(o.testid, H, Wd);
  if (o.buckets.length === 0) return empty(svg, 'no faults', Wd);
  const wanted = (o.markers ?? []).filter((m) => m.valueNs > 0);
  const [lo, hi] = o.xDomain ?? histogramDomain(o.buckets, wanted.map((m) => m.valueNs));
  const markers = wanted.filter((m) => m.valueNs >= lo && m.valueNs <= hi);
  // A zoom (explicit xDomain) draws only the buckets wholly inside it: a bucket cut at the edge would
  // be a sliver at its full height, for faults that lie mostly outside the zoom.
  const buckets = o.xDomain ? o.buckets.filter((b) => bucketLow(b) >= lo && b.upperNs <= hi) : o.buckets.filter((b) => b.upperNs > lo && bucketLow(b) < hi);
  const x = linear(Math.log10(lo), Math.log10(hi), M.left, Wd - M.right);
  const lx = (/** @type {number} */ ns) => x(Math.log10(Math.min(hi, Math.max(lo, ns))));
  const total = o.buckets.reduce((n, b) => n + b.count, 0) || 1;
  const height = (/** @type {{count: number}} */ b) => (o.asShare ? b.count / total : b.count);
  const max = Math.max(o.yMax ?? 0, ...buckets.map(height)) || 1;
  const y = linear(0, max, H - M.bottom, M.top + 36); // room above the bars for the marker labels
  if (o.asShare) yAxis(svg, y, niceTicks(0, max, 4), (v) => `${Number((v * 100).toPrecision(3))}%`, Wd);
  else yAxis(svg, y, niceTicks(0, max, 4).filter((t) => Number.isInteger(t)), (v) => v.toLocaleString('en-US'), Wd);
  xTicks(svg, lx, logTicks(lo, hi), o.format, Wd, true);
  for (const b of buckets) {
    const x0 = lx(bucketLow(b));
    const x1 = lx(b.upperNs);
    svg.append(
      el('rect', { class: 'bar c0', x: x0 + 0.25, y: y(height(b)), width: Math.max(1, x1 - x0 - 0.5), height: H - M.bottom - y(height(b)), 'data-lower': b.lowerNs, 'data-upper': b.upperNs, 'data-value': b.count }, [
        title(`${o.format(b.lowerNs)} – ${o.format(b.upperNs)}: ${b.count.toLocaleString('en-US')} faults`),
      ]),
    );
  }
  const label = (/** @type {{label: string, valueNs: number}} */ m) => `${m.label} ${o.format(m.valueNs)}`;
  // All labels on one side of their lines: to the left when one would not fit to the right.
  const left = markers.some((m) => lx(m.valueNs) + 3 + textWidth(label(m), 10) > Wd - M.right);
  markers.forEach((m, i) => {
    const mx = lx(m.valueNs);
    svg.append(el('line', { x1: mx, x2: mx, y1: M.top + i * 12, y2: H - M.bottom, class: 'marker', 'data-marker': m.label, 'data-value': m.valueNs }));
    const text = label(m);
    svg.append(el('text', { x: left ? mx - 3 : mx + 3, y: M.top + 9 + i * 12, class: 'marker-label', 'text-anchor': left ? 'end' : 'start' }, [text]));
  });
  svg.append(el('text', { x: (Wd + M.left) / 2, y: H - 8, class: 'axis-label', 'text-anchor': 'middle' }, ['fault latency (log scale)']));
  svg.append(el('text', { x: M.left - 6, y: 12, class: 'axis-label', 'text-anchor': 'end' }, [o.asShare ? 'share' : 'faults']));
  return svg;
}

/** [0, 1) cannot sit on a log axis: it is drawn as [0.5, 1). @param {{lowerNs: number, upperNs: number}} b */
const bucketLow = (b) => (b.lowerNs > 0 ? b.lowerNs : b.upperNs / 2);

/**
 * The latency range a histogram shows: its buckets (and the given values), widened to at least a
 * quarter of a decade and padded by a few percent.
 * @param {{lowerNs: number, upperNs: number}[]} buckets
 * @param {number[]} [values]
 * @returns {[number, number]}
 */
export function histogramDomain(buckets, values = []) {
  let lo = Math.log10(Math.min(...buckets.map(bucketLow), ...values));
  let hi = Math.log10(Math.max(...buckets.map((b) => b.upperNs), ...values));
  const pad = Math.max(0.02, (0.25 - (hi - lo)) / 2);
  lo -= pad;
  hi += pad;
  return [10 ** lo, 10 ** hi];
}

/**
 * Where the bulk of the faults lie: the narrowest run of buckets (on the log axis) that holds at
 * least `share` of them, with the number of faults inside.
 * @param {{lowerNs: number, upperNs: number, count: number}[]} buckets ascending
 * @returns {{ domain: [number, number], count: number }}
 */
export function bulkOf(buckets, share = 0.98) {
  const need = share * buckets.reduce((n, b) => n + b.count, 0);
  /** @type {{ domain: [number, number], count: number, span: number } | null} */
  let best = null;
  let sum = 0;
  let j = 0;
  for (let i = 0; i < buckets.length; i++) {
    while (j < buckets.length && sum < need) sum += buckets[j++].count;
    if (sum < need) break;
    const span = Math.log(buckets[j - 1].upperNs / bucketLow(buckets[i]));
    if (!best || span < best.span) best = { domain: [bucketLow(buckets[i]), buckets[j - 1].upperNs], count: sum, span };
    sum -= buckets[i].count;
  }
  return best ?? { domain: [bucketLow(buckets[0]), buckets[buckets.length - 1].upperNs], count: sum };
}

/**
 * The phases on a time axis (t = 0 is the source pause), violations as red ticks, and "now" for
 * a running migration. Each phase is labelled on a row of its own (phases often cluster).
 * @param {{ testid: string, phases: {name: string, atNs: number}[], endNs?: number, nowNs?: number, violations?: {kind: string, atNs: number}[], format: (ns: number) => string }} o
 */
export function phaseTimeline(o) {
  const Wd = 1000;
  const barY = 14;
  const rowH = 16;
  const height = barY + 30 + o.phases.length * rowH + 26;
  const svg = frame(o.testid, Math.max(height, 90), Wd);
  if (o.phases.length === 0) return empty(svg, 'not started');
  const times = [...o.phases.map((p) => p.atNs), o.endNs ?? 0, o.nowNs ?? 0, ...(o.violations ?? []).map((v) => v.atNs)];
  const t0 = Math.min(...times);
  const t1 = Math.max(...times, t0 + 1);
  const x = linear(t0, t1, M.left, Wd - M.right);
  o.phases.forEach((p, i) => {
    const next = o.phases[i + 1]?.atNs ?? o.endNs ?? o.nowNs ?? p.atNs;
    const g = el('g', { class: 'phase', 'data-name': p.name, 'data-at': p.atNs });
    const px = x(p.atNs);
    const rowY = barY + 40 + i * rowH;
    g.append(el('rect', { x: px, y: barY, width: Math.max(2, x(next) - px), height: 22, class: `seg c${i % 8}` }, [title(`${p.name} at ${o.format(p.atNs)}`)]));
    g.append(el('line', { x1: px, x2: px, y1: barY, y2: rowY - 4, class: 'phase-tick' }));
    const right = px > Wd * 0.6;
    g.append(el('text', { x: right ? px - 4 : px + 4, y: rowY, class: `tick phase-label`, 'text-anchor': right ? 'end' : 'start' }, [`${p.name}  ${o.format(p.atNs)}`]));
    svg.append(g);
  });
  for (const v of o.violations ?? []) {
    svg.append(el('line', { x1: x(v.atNs), x2: x(v.atNs), y1: barY - 4, y2: barY + 26, class: 'violation-tick', 'data-kind': v.kind }, [title(`${v.kind} at ${o.format(v.atNs)}`)]));
  }
  if (o.nowNs !== undefined) svg.append(el('line', { x1: x(o.nowNs), x2: x(o.nowNs), y1: barY - 6, y2: barY + 28, class: 'now' }, [title(`now: ${o.format(o.nowNs)}`)]));
  const axisY = Math.max(height, 90) - 8;
  for (const t of niceTicks(t0, t1, 8)) svg.append(el('text', { x: x(t), y: axisY, class: 'tick', 'text-anchor': 'middle' }, [o.format(t)]));
  return svg;
}

// The building blocks, for charts drawn elsewhere (sweep-chart.js).
export { el, frame, linear, logTicks, M, niceTicks, textWidth, title, xTicks, yAxis };
