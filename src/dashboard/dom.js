// @ts-check
/** Building blocks of the dashboard's views: elements, cards, lists of numbers, tables. */
import { formatBytes } from './format.js';

/**
 * An HTML element. Attributes: `class`, `data-*`, anything else as attribute; `text` sets textContent.
 * @param {string} tag
 * @param {Record<string, string | number | boolean | undefined | null>} [attrs]
 * @param {(Node | string | null | undefined | false)[]} [children]
 * @returns {HTMLElement}
 */
export function h(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') node.textContent = String(v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) node.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return node;
}

/** A job's status (queued, running, succeeded, failed, cancelled). @param {string} status */
export const badge = (status) => h('span', { class: `badge status-${status}`, 'data-testid': 'status', text: status });

/**
 * A migration spec in one line.
 * @param {import('../../sdk/src/generated/openapi.js').components['schemas']['Migration']['spec']} spec
 */
export const specLine = (spec) =>
  `${spec.vm.arch}${spec.vm.gic ? ' + GIC/ITS' : ''} · ${spec.strategy.mechanism} · ${formatBytes(spec.vm.memoryMiB * 1024 * 1024)} · ${spec.vm.vcpus} vCPUs · ${spec.vm.pageSize} ${spec.vm.backing} · ` +
  `${spec.workload.pattern} · ${spec.network.bandwidthGbps} Gbit/s, RTT ${spec.network.rttUs} µs · seed ${spec.seed}`;

/** @param {string} text @param {HTMLElement | SVGElement} body @param {string} [testid] */
export const card = (text, body, testid) => h('section', { class: 'card', 'data-testid': testid }, [h('h3', { text }), body]);

/**
 * A definition list of numbers, each with its raw value in data-value; a row marked bad is
 * highlighted (a number that means something went wrong).
 * @param {([string, string, number, string] | [string, string, number, string, boolean] | null)[]} rows  [testid, label, value, formatted, bad?]; null rows are left out
 */
export function metrics(rows) {
  return h(
    'dl',
    { class: 'metrics' },
    rows.flatMap((row) =>
      row
        ? [h('dt', { text: row[1] }), h('dd', { 'data-testid': `metric-${row[0]}`, 'data-value': row[2], class: row[4] ? 'bad' : undefined, text: row[3] })]
        : [],
    ),
  );
}

/**
 * A table of rows; numeric columns are right-aligned.
 * @param {string} testid
 * @param {{ label: string, num?: boolean }[]} columns
 * @param {{ cells: (string | number)[], attrs?: Record<string, string | number | boolean | undefined | null> }[]} rows
 */
export function table(testid, columns, rows) {
  return h('table', { class: 'data', 'data-testid': testid }, [
    h('thead', {}, [h('tr', {}, columns.map((c) => h('th', { class: c.num ? 'num' : undefined, text: c.label })))]),
    h(
      'tbody',
      {},
      rows.map((r) => h('tr', r.attrs ?? {}, r.cells.map((v, i) => h('td', { class: columns[i].num ? 'num' : undefined, text: v })))),
    ),
  ]);
}

/**
 * A polled view's status line: when it last refreshed, or why it could not.
 * @param {HTMLElement} el @param {unknown} [err] the refresh's error, if it failed
 */
export function refreshed(el, err) {
  el.textContent = err === undefined ? `updated ${new Date().toLocaleTimeString('en-GB', { hour12: false })}` : `cannot refresh: ${/** @type {Error} */ (err).message}`;
  el.classList.toggle('error', err !== undefined);
}
