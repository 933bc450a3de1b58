// @ts-check
/**
 * One experiment (#/experiments/<id>): its runs' progress (live, from its event stream), a plot of
 * any metric against any axis, the results table over seeds or per run, the downloads, cancel while
 * it runs and delete once it has ended.
 */
import { badge, card, h, specLine } from './dom.js';
import { formatInt, formatPercent } from './format.js';
import { axesLine, deleteButton, describeValues, nameOf, progressBar, STATUSES, TERMINAL } from './experiment-common.js';
import { aggregatesTable, plotControls, runsTable } from './experiment-results.js';

/** @typedef {import('./experiment-common.js').Experiment} Experiment */
/** @typedef {import('./experiment-common.js').Io} Io */

/** Without the event stream (it could not connect): the whole experiment is read this often. */
const POLL_MS = 1000;
/**
 * With it: the progress and the runs come from the stream as they change; the aggregates over seeds
 * (the API computes them) are read again this often while runs end.
 */
const TABLE_REFRESH_MS = 3000;
/** Stream events are drawn together after this long (a batch's runs end together). */
const DRAW_AFTER_MS = 50;

/**
 * @param {HTMLElement} view @param {Io} io @param {string} id
 * @param {URLSearchParams} params what the page shows, kept in its address (a link opens the same plot):
 *   metric, x, series (an axis path, empty for none), runs=1 (one row per run)
 * @param {typeof import('./api.js').followExperiment} follow its event stream
 */
export function experimentView(view, io, id, params, follow) {
  /** @type {Experiment | null} */
  let exp = null;
  let drawn = '';
  let closed = false;
  let timer = 0;
  let drawTimer = 0;
  /** The event stream is connected. */
  let streaming = false;
  /** A run ended since the experiment was last read. */
  let tableStale = false;
  /** @type {(() => void) | null} */
  let unfollow = null;
  /** The running runs' progress (0..1) by index, from the stream's last progress event. @type {Map<number, number>} */
  let running = new Map();
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
  /** Delete, once the experiment has ended (kept across renders: a confirmation stays open). @type {HTMLElement | null} */
  let remove = null;

  cancel.addEventListener('click', async () => {
    cancel.disabled = true;
    try {
      const answer = await io.api(`/v1/experiments/${id}/cancel`, 'POST');
      if (exp) update({ ...answer, results: exp.results });
      if (!streaming) schedule(0);
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
    const key = JSON.stringify([e.status, e.progress, e.cancelRequested, e.results, [...running]]);
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
        ended ? (remove ??= deleteButton(io, e, 'Delete', () => (location.hash = '#/experiments'))) : null,
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
    progressHolder.replaceChildren(...progressPanel(e, running));
    const results = e.results;
    if (!results || !controls) return;
    plotHolder.replaceChildren(controls.chart(results));
    tableHolder.replaceChildren(perRun.checked ? runsTable(e, results) : aggregatesTable(e, results));
  };

  /** Takes what was read or sent, keeping what is newer of the page's (see newer()), and draws it soon. */
  const update = (/** @type {Experiment} */ next) => {
    exp = newer(exp, next);
    if (!drawTimer) drawTimer = window.setTimeout(() => ((drawTimer = 0), render()), DRAW_AFTER_MS);
  };
  const schedule = (/** @type {number} */ ms) => {
    window.clearTimeout(timer);
    timer = window.setTimeout(tick, ms);
  };
  /** With the stream, a read only if a run has ended since the last; without it, always. */
  const tick = () => (streaming && !tableStale ? schedule(TABLE_REFRESH_MS) : poll());
  /** Reads the whole experiment: at first, then every POLL_MS without the stream, every TABLE_REFRESH_MS with it if runs ended. */
  const poll = async () => {
    try {
      const read = await io.api(`/v1/experiments/${id}`);
      if (closed) return;
      tableStale = false;
      update(read);
      if (!exp || TERMINAL.includes(exp.status)) return;
      // A stream that cannot connect says so (live(false)), and the reads then come every POLL_MS.
      const opening = unfollow === null;
      unfollow ??= follow(id, {
        live: (connected) => {
          streaming = connected;
          // The stream is gone (it could not connect, or dropped): read the experiment meanwhile.
          if (!connected && !closed && exp && !TERMINAL.includes(exp.status)) schedule(POLL_MS);
        },
        progress: (e) => {
          running = new Map(e.running.map((r) => [r.index, r.progress]));
          if (exp) update({ ...exp, status: e.status, cancelRequested: e.cancelRequested, progress: e.progress });
        },
        run: (e) => {
          if (!exp?.results) return;
          tableStale = true;
          update({ ...exp, results: { ...exp.results, runs: exp.results.runs.map((r) => (r.index === e.run.index ? e.run : r)) } });
        },
        summary: (e) => {
          window.clearTimeout(timer);
          running = new Map();
          update(e.experiment);
        },
      });
      schedule(streaming || opening ? TABLE_REFRESH_MS : POLL_MS);
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
    window.clearTimeout(drawTimer);
    unfollow?.();
  };
}

/**
 * The newer of two views of the experiment: reads of it and its stream's events interleave, and a
 * read may have been answered before an event it arrives after. Runs and counts only move forward:
 * an ended run is final, the runs done only grow, an ended experiment stays ended.
 * @param {Experiment | null} current @param {Experiment} next @returns {Experiment}
 */
function newer(current, next) {
  if (!current || TERMINAL.includes(next.status)) return next;
  if (TERMINAL.includes(current.status)) return current;
  const runs = current.results?.runs ?? [];
  const ended = new Map(runs.filter((r) => TERMINAL.includes(r.status)).map((r) => [r.index, r]));
  return {
    ...next,
    status: next.status === 'queued' && current.status !== 'queued' ? current.status : next.status,
    cancelRequested: next.cancelRequested || current.cancelRequested,
    progress: next.progress.done >= current.progress.done ? next.progress : current.progress,
    results: next.results ? { ...next.results, runs: next.results.runs.map((r) => ended.get(r.index) ?? r) } : current.results,
  };
}

/**
 * The runs done, by status, and one cell per run (a link to its migration); a running run's cell
 * fills up as it goes. @param {Experiment} e @param {Map<number, number>} running progress by run index
 */
function progressPanel(e, running) {
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
      runs.map((r) => {
        // The stream knows a run is running before the table read does.
        const fraction = TERMINAL.includes(r.status) ? undefined : running.get(r.index);
        const status = fraction === undefined ? r.status : 'running';
        const percent = fraction === undefined ? null : Math.floor(fraction * 100);
        const cell = h('a', {
          class: `run status-${status}${r.outcome && r.outcome !== 'completed' ? ' incomplete' : ''}`,
          href: `#/m/${r.migrationId}`,
          'data-index': r.index,
          'data-status': status,
          'data-progress': fraction,
          title: `run ${r.index}: ${describeValues(r.values)}, seed ${r.seed}: ${status}${percent === null ? '' : ` ${percent}%`}${r.outcome ? ` (${r.outcome})` : ''}`,
        });
        // Through the CSSOM: the page's CSP refuses style attributes.
        if (percent !== null) cell.style.setProperty('--done', `${percent}%`);
        return cell;
      }),
    ),
  ];
}

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
