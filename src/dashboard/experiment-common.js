// @ts-check
/** What the experiments' views share: their types, names, the runs' progress bar and deletion. */
import { h } from './dom.js';
import { formatInt } from './format.js';
import { valueLabel } from './sweep-chart.js';

/** @typedef {import('../../sdk/src/generated/openapi.js').components['schemas']} Schemas */
/** @typedef {Schemas['Experiment']} Experiment */
/**
 * What the views need of the app: the API (with the tab's key) and the key's headers (downloads).
 * @typedef {{ api: (path: string, method?: string, json?: unknown) => Promise<any>, authHeaders: () => Record<string, string> }} Io
 */

export const TERMINAL = ['succeeded', 'failed', 'cancelled'];
export const STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'];

/** Column headings of the metrics (the API gives name, unit and description; unknown names show as they are). */
export const METRIC_LABELS = /** @type {Record<string, string>} */ ({
  totalNs: 'total time',
  downtimeNs: 'downtime',
  postcopyNs: 'post-copy',
  blocktimeAllVcpusNs: 'blocktime (all vCPUs)',
  blocktimePerVcpuMeanNs: 'blocktime per vCPU',
  faults: 'faults',
  latencyP50Ns: 'latency p50',
  latencyP99Ns: 'latency p99',
  vcpuFaultLatencyMeanNs: 'vCPU fault latency',
  slowdown: 'guest slowdown',
  pagingRatePagesPerSec: 'paging rate',
  bytesOnWire: 'bytes on the wire',
  violations: 'violations',
});
export const metricLabel = (/** @type {string} */ name) => METRIC_LABELS[name] ?? name;

/** @param {Experiment} e */
export const nameOf = (e) => e.label ?? (e.request.preset ? e.request.preset : e.id.slice(0, 8));

/** @param {{ done: number, total: number }} p @param {string} testid */
export const progressBar = (p, testid) =>
  h('span', { class: 'run-progress' }, [
    h('progress', { max: p.total, value: p.done, 'data-testid': testid, 'data-done': p.done, 'data-total': p.total }),
    ` ${formatInt(p.done)} / ${formatInt(p.total)}`,
  ]);

/** The axes and seeds in one line: "vm.vcpus 1, 2, 4 × strategy.mechanism (2) × 2 seeds". @param {Experiment} e */
export function axesLine(e) {
  const axes = e.request.axes.map((a) => (a.values.length <= 6 ? `${a.path} ${a.values.map(valueLabel).join(', ')}` : `${a.path} (${a.values.length} values)`));
  return [...axes, ...(e.request.seeds > 1 ? [`${e.request.seeds} seeds`] : [])].join(' × ') || 'one run';
}

/** @param {Record<string, unknown>} values */
export const describeValues = (values) =>
  Object.entries(values)
    .map(([k, v]) => `${k}=${valueLabel(/** @type {any} */ (v))}`)
    .join(', ') || 'base';

/**
 * A button that deletes an ended experiment after an inline confirmation (a dialog would block the
 * page and its polling): the question, then Delete or Keep. A refusal (409: not ended) shows its
 * detail beside it.
 * @param {Io} io @param {Experiment} e @param {string} label @param {() => void} onDeleted
 */
export function deleteButton(io, e, label, onDeleted) {
  const holder = h('span', { class: 'delete', 'data-testid': 'delete-holder' });
  const ask = h('button', { type: 'button', class: 'danger', 'data-testid': 'delete', text: label });
  const question = () => {
    const yes = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', class: 'danger', 'data-testid': 'confirm-delete', text: 'Delete' }));
    const no = h('button', { type: 'button', 'data-testid': 'keep', text: 'Keep' });
    const why = h('span', { class: 'error', 'data-testid': 'delete-error' });
    yes.addEventListener('click', async () => {
      yes.disabled = true;
      try {
        await io.api(`/v1/experiments/${e.id}`, 'DELETE');
        onDeleted();
      } catch (err) {
        yes.disabled = false;
        why.textContent = /** @type {Error} */ (err).message;
      }
    });
    no.addEventListener('click', () => holder.replaceChildren(ask));
    holder.replaceChildren(h('span', { text: `Delete ${nameOf(e)} and its ${formatInt(e.runCount)} run${e.runCount === 1 ? '' : 's'}?` }), yes, no, why);
    yes.focus();
  };
  ask.addEventListener('click', question);
  holder.append(ask);
  return holder;
}
