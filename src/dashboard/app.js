// @ts-check
/**
 * The dashboard: a single page over the REST API, with no build step and no dependency.
 *   #/                 the migrations, with live status (the list is refreshed every 2 s)
 *   #/m/<id>           one migration: live progress (Server-Sent Events), phases, plots, violations
 *   #/compare/<a>,<b>  two or more migrations side by side
 *   #/experiments      parameter sweeps (experiments.js)
 */
import { barChart, bulkOf, hbarChart, histogramDomain, lineChart, logHistogram, phaseTimeline } from './charts.js';
import { badge, card, h, metrics, specLine } from './dom.js';
import { formatBytes, formatInt, formatNs, formatPercent, formatTime } from './format.js';
import { experimentsListView, experimentView } from './experiments.js';
import { gicSection, outagesSection, poisonSection, precopySection } from './sections.js';

// Types of openapi.yaml's schemas, as generated for the SDK (type-checking only: nothing is loaded).
/** @typedef {import('../../sdk/src/generated/openapi.js').components['schemas']} Schemas */
/** @typedef {Schemas['Migration']} Migration */
/** @typedef {Schemas['MigrationPage']} MigrationPage */
/** @typedef {Schemas['FaultStats']} FaultStats */
/** @typedef {Schemas['MigrationStatusEvent']} StatusEvent */
/** @typedef {Schemas['MigrationPhaseEvent']} PhaseEvent */
/** @typedef {Schemas['MigrationProgressEvent']} Sample a progress event */
/** @typedef {Schemas['MigrationSummaryEvent']} SummaryEvent */
/** @typedef {{name: string, atNs: number}} Phase */

const TERMINAL = ['succeeded', 'failed', 'cancelled'];
const LIST_REFRESH_MS = 2000;
const STATS_REFRESH_MS = 5000;
const TIMELINE_BUCKETS = 50;
/** Latency histogram resolution: 32 log-scale buckets per power of two (each 2.2% wider than the last). */
const LATENCY_BUCKETS_PER_DOUBLING = 32;

const view = /** @type {HTMLElement} */ (document.getElementById('view'));
/** Stops the current view's timers and streams. */
let teardown = () => {};

// ---------------------------------------------------------------------------------------------
// API key. With AUTH on (README "Security") the API wants a tenant's key: the page asks for it on
// the first 401 and keeps it in this tab's sessionStorage (gone when the tab closes; never in a URL).

const KEY_ITEM = 'postcopy-lab.apiKey';
const apiKey = () => sessionStorage.getItem(KEY_ITEM);
/** @returns {Record<string, string>} */
const authHeaders = () => {
  const key = apiKey();
  return key ? { authorization: `Bearer ${key}` } : {};
};

/** Replaces the view with a form asking for an API key; the view is shown again once one is given. @param {string} why */
function askForKey(why) {
  teardown();
  teardown = () => {};
  const input = /** @type {HTMLInputElement} */ (h('input', { type: 'password', name: 'key', autocomplete: 'off', placeholder: 'pcl_…', size: 60, 'data-testid': 'api-key' }));
  const form = h('form', { class: 'api-key' }, [
    h('h2', { text: 'API key' }),
    h('p', { text: `${why} Enter a key of your tenant (npm run cli -- keys create --tenant <name>); it is kept in this tab only.` }),
    input,
    ' ',
    h('button', { type: 'submit', text: 'Use key' }),
  ]);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (input.value.trim()) sessionStorage.setItem(KEY_ITEM, input.value.trim());
    route();
  });
  view.replaceChildren(form);
  input.focus();
}

/** @param {string} path @param {string} [method] @returns {Promise<any>} the JSON body: callers annotate its schema */
async function api(path, method = 'GET') {
  const res = await fetch(path, { method, headers: { accept: 'application/json', ...authHeaders() } });
  const body = await res.json().catch(() => null);
  if (res.status === 401) {
    sessionStorage.removeItem(KEY_ITEM);
    askForKey(apiKey() === null && !body ? 'The service wants an API key.' : `${body?.detail ?? 'The API key was refused.'}`);
  }
  if (!res.ok) throw Object.assign(new Error(body?.detail ?? `HTTP ${res.status}`), { status: res.status });
  return body;
}

/**
 * What followEvents needs of an EventSource, over fetch: EventSource cannot send an Authorization
 * header. Parses the stream (id, event and data fields; comments ignored) and reconnects with
 * Last-Event-ID after a drop, as EventSource does, until close().
 * @param {string} url
 */
function keyedEventSource(url) {
  const target = new EventTarget();
  const abort = new AbortController();
  /** @type {string | undefined} */
  let lastId;
  const connect = async () => {
    while (!abort.signal.aborted) {
      try {
        const res = await fetch(url, { headers: { accept: 'text/event-stream', ...authHeaders(), ...(lastId ? { 'last-event-id': lastId } : {}) }, signal: abort.signal });
        if (res.status === 204 || res.status === 401 || res.status === 404) break; // ended, or nothing to follow
        if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
        target.dispatchEvent(new Event('open'));
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end;
          while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
            let type = 'message';
            const data = [];
            for (const line of block.split(/\r?\n/)) {
              const colon = line.indexOf(':');
              if (colon === 0) continue; // a comment (heartbeat)
              const field = colon < 0 ? line : line.slice(0, colon);
              const v = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
              if (field === 'id') lastId = v;
              else if (field === 'event') type = v;
              else if (field === 'data') data.push(v);
            }
            if (data.length) target.dispatchEvent(new MessageEvent(type, { data: data.join('\n'), lastEventId: lastId ?? '' }));
          }
        }
      } catch {
        if (abort.signal.aborted) return;
      }
      target.dispatchEvent(new Event('error'));
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  };
  void connect();
  return Object.assign(target, { close: () => abort.abort() });
}

/** @param {string} id @returns {Promise<Migration>} */
const fetchMigration = (id) => api(`/v1/migrations/${id}`);

/** Fault statistics, or null when the service has none (an older service, or a passing error). @param {string} id @returns {Promise<FaultStats | null>} */
async function fetchStats(id) {
  try {
    return await api(`/v1/migrations/${id}/faults/stats?buckets=${TIMELINE_BUCKETS}&latencyBucketsPerDoubling=${LATENCY_BUCKETS_PER_DOUBLING}`);
  } catch {
    return null;
  }
}


/** The guest architecture, as a badge. @param {Migration} m */
const archBadge = (m) => h('span', { class: `badge arch-${m.spec.vm.arch}`, 'data-testid': 'arch', text: m.spec.vm.arch });

/**
 * How the simulated migration ended, from its summary: completed, or what stopped it (older
 * summaries say failed; newer ones vm_lost, refused, aborted, truncated or stalled).
 * @param {Migration} m
 */
const outcomeBadge = (m) => (m.summary ? h('span', { class: `badge outcome-${m.summary.outcome === 'completed' ? 'completed' : 'other'}`, 'data-testid': 'result-outcome', title: m.summary.verdict, text: m.summary.outcome }) : null);


/** Violations shown first (a screenful, as many as the summary's sample), then per click on "more". */
const VIOLATIONS_FIRST = 20;
const VIOLATIONS_MORE = 100;
/** The violation panels drawn, by migration id: a re-render keeps the pages already loaded. @type {Map<string, HTMLElement>} */
const violationPanels = new Map();

/** The summary's correctness violations, highlighted. @param {Migration} m */
function violationsPanel(m) {
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
// #/  the list

/** Fault events of a migration: stored once it ended, counted by its progress while it runs. @param {Migration} m */
const faultsSoFar = (m) => (m.status === 'running' || m.status === 'queued' ? Math.max(m.eventCount, m.progressDetail?.faults ?? 0) : m.eventCount);

function listView() {
  const selected = new Set();
  /** @type {Migration[]} */
  let items = [];
  let status = '';
  const tbody = h('tbody');
  const compare = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', 'data-testid': 'compare', disabled: true, text: 'Compare selected' }));
  const updated = h('span', { class: 'muted', 'data-testid': 'updated' });
  const filter = /** @type {HTMLSelectElement} */ (
    h('select', { 'data-testid': 'filter' }, ['', 'queued', 'running', 'succeeded', 'failed', 'cancelled'].map((s) => h('option', { value: s, text: s || 'all statuses' })))
  );
  filter.addEventListener('change', () => {
    status = filter.value;
    void refresh();
  });
  compare.addEventListener('click', () => {
    location.hash = `#/compare/${[...selected].join(',')}`;
  });
  const syncCompare = () => {
    compare.disabled = selected.size < 2;
    compare.textContent = selected.size < 2 ? 'Compare selected' : `Compare ${selected.size} selected`;
  };

  const render = () => {
    tbody.replaceChildren(
      ...items.map((m) => {
        const s = m.summary;
        const box = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', 'aria-label': `select ${m.id}`, 'data-testid': 'select', checked: selected.has(m.id) }));
        box.addEventListener('change', () => {
          if (box.checked) selected.add(m.id);
          else selected.delete(m.id);
          syncCompare();
        });
        return h('tr', { 'data-id': m.id, 'data-status': m.status, class: s && !s.correct ? 'incorrect' : undefined }, [
          h('td', {}, [box]),
          h('td', { class: 'muted', text: formatTime(m.createdAt) }),
          h('td', {}, [h('a', { href: `#/m/${m.id}`, title: m.id, class: 'mono', text: m.id.slice(0, 8) })]),
          h('td', {}, [badge(m.status)]),
          h('td', {}, [h('progress', { max: 1, value: m.progress, 'data-testid': 'row-progress', 'data-value': m.progress }), ` ${formatPercent(m.progress)}`]),
          h('td', { 'data-testid': 'row-arch', text: m.spec.vm.arch }),
          h('td', { text: m.spec.strategy.mechanism }),
          h('td', { class: 'num', text: formatBytes(m.spec.vm.memoryMiB * 1024 * 1024) }),
          h('td', { class: 'num', text: m.spec.vm.vcpus }),
          h('td', { class: 'num', 'data-testid': 'row-faults', 'data-value': faultsSoFar(m), text: formatInt(faultsSoFar(m)) }),
          h('td', { class: 'num', text: s ? formatNs(s.timing.totalNs) : '' }),
          h('td', { class: 'num', text: s ? formatNs(s.faults.latency.p99Ns) : '' }),
          h('td', { 'data-testid': 'row-correct', class: s && !s.correct ? 'bad' : undefined, text: s ? (s.correct ? '✓' : [s.outcome === 'completed' ? '✗' : `✗ ${s.outcome}`, s.violationCount > 0 ? `${formatInt(s.violationCount)} violation(s)` : ''].filter(Boolean).join(' ')) : '' }),
        ]);
      }),
    );
  };

  const refresh = async () => {
    try {
      /** @type {MigrationPage} */
      const page = await api(`/v1/migrations?limit=100${status ? `&status=${status}` : ''}`);
      items = page.items;
      render();
      updated.textContent = `updated ${new Date().toLocaleTimeString('en-GB', { hour12: false })}`;
      updated.classList.remove('error');
    } catch (err) {
      updated.textContent = `cannot refresh: ${/** @type {Error} */ (err).message}`;
      updated.classList.add('error');
    }
  };

  view.replaceChildren(
    h('section', { class: 'list' }, [
      h('div', { class: 'toolbar' }, [h('h2', { text: 'Migrations' }), filter, compare, updated]),
      h('table', { class: 'migrations', 'data-testid': 'migrations' }, [
        h('thead', {}, [
          h(
            'tr',
            {},
            ['', 'created', 'id', 'status', 'progress', 'arch', 'mechanism', 'memory', 'vCPUs', 'faults', 'total time', 'p99 latency', 'correct'].map((c, i) =>
              h('th', { class: i >= 7 && i <= 11 ? 'num' : undefined, text: c }),
            ),
          ),
        ]),
        tbody,
      ]),
    ]),
  );
  void refresh();
  const timer = setInterval(refresh, LIST_REFRESH_MS);
  return () => clearInterval(timer);
}

// ---------------------------------------------------------------------------------------------
// Live history of one migration: Server-Sent Events (history replay, then live)

/**
 * Follows a migration's events; calls onChange after each batch of events. EventSource reconnects
 * by itself with Last-Event-ID; the stream ends with the summary.
 * @param {string} id
 * @param {(h: { samples: Sample[], phases: Phase[], status: string | null, migration: Migration | null, live: boolean }) => void} onChange
 */
function followEvents(id, onChange) {
  const state = {
    samples: /** @type {Sample[]} */ ([]),
    phases: /** @type {Phase[]} */ ([]),
    /** @type {string | null} the status the stream announced (a worker started it) */
    status: null,
    /** @type {Migration | null} */
    migration: null,
    live: false,
  };
  const url = `/v1/migrations/${id}/events`;
  const source = apiKey() ? keyedEventSource(url) : new EventSource(url);
  let timer = 0;
  const changed = () => {
    if (!timer) timer = window.setTimeout(() => ((timer = 0), onChange(state)), 50);
  };
  source.addEventListener('open', () => ((state.live = true), changed()));
  source.addEventListener('error', () => ((state.live = false), changed()));
  source.addEventListener('status', (e) => {
    state.status = /** @type {StatusEvent} */ (JSON.parse(/** @type {MessageEvent} */ (e).data)).status;
    changed();
  });
  source.addEventListener('phase', (e) => {
    /** @type {PhaseEvent} */
    const d = JSON.parse(/** @type {MessageEvent} */ (e).data);
    state.phases.push({ name: d.phase, atNs: d.simTimeNs });
    changed();
  });
  source.addEventListener('progress', (e) => {
    state.samples.push(/** @type {Sample} */ (JSON.parse(/** @type {MessageEvent} */ (e).data)));
    changed();
  });
  source.addEventListener('summary', (e) => {
    state.migration = /** @type {SummaryEvent} */ (JSON.parse(/** @type {MessageEvent} */ (e).data)).migration;
    state.live = false;
    source.close();
    changed();
  });
  return () => {
    clearTimeout(timer);
    source.close();
  };
}

// ---------------------------------------------------------------------------------------------
// #/m/<id>  one migration

/** @param {string} id */
function migrationView(id) {
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
        card(s ? 'Fault latency histogram (markers: the summary\'s percentiles)' : 'Fault latency histogram', histogram),
        zoom,
        card('Blocktime per vCPU', blocktime),
        card('Faults raised over time', faultTimeline),
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

// ---------------------------------------------------------------------------------------------
// #/compare/<a>,<b>,...  side by side

/** @param {string[]} ids */
function compareView(ids) {
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

// ---------------------------------------------------------------------------------------------

function route() {
  teardown();
  const hash = location.hash.replace(/^#/, '') || '/';
  const one = /^\/m\/([0-9a-f-]{36})$/i.exec(hash);
  const many = /^\/compare\/([0-9a-f-,]+)$/i.exec(hash);
  const experiment = /^\/experiments\/([0-9a-f-]{36})(?:\?(.*))?$/i.exec(hash);
  const experiments = hash === '/experiments';
  if (experiment) teardown = experimentView(view, { api, authHeaders }, experiment[1], new URLSearchParams(experiment[2] ?? ''));
  else if (experiments) teardown = experimentsListView(view, { api, authHeaders });
  else if (one) teardown = migrationView(one[1]);
  else if (many) teardown = compareView([...new Set(many[1].split(',').filter((s) => /^[0-9a-f-]{36}$/i.test(s)))]);
  else teardown = listView();
  document.title = experiment
    ? `Experiment ${experiment[1].slice(0, 8)} · post-copy lab`
    : experiments
      ? 'Experiments · post-copy lab'
      : one
        ? `Migration ${one[1].slice(0, 8)} · post-copy lab`
        : many
          ? 'Comparison · post-copy lab'
          : 'Migrations · post-copy lab';
}

window.addEventListener('hashchange', route);
route();
