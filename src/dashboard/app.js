// @ts-check
/**
 * The dashboard: a single page over the REST API, with no build step and no dependency. This file
 * routes and draws the list; each other view has its module:
 *   #/                 the migrations, with live status (the list is refreshed every 2 s)
 *   #/m/<id>           one migration: live progress (Server-Sent Events), phases, plots, violations (migration.js)
 *   #/compare/<a>,<b>  two or more migrations side by side (compare.js)
 *   #/experiments      parameter sweeps, and the form that submits one (experiment-list.js, experiment-form.js)
 *   #/experiments/<id> one experiment (experiment-view.js)
 * api.js talks to the service.
 */
import { badge, h, refreshed } from './dom.js';
import { formatBytes, formatInt, formatNs, formatPercent, formatTime } from './format.js';
import { api, authHeaders, followExperiment, useApiKey, whenUnauthorized } from './api.js';
import { migrationView } from './migration.js';
import { compareView } from './compare.js';
import { experimentsListView } from './experiment-list.js';
import { experimentView } from './experiment-view.js';

// Types of openapi.yaml's schemas, as generated for the SDK (type-checking only: nothing is loaded).
/** @typedef {import('../../sdk/src/generated/openapi.js').components['schemas']} Schemas */
/** @typedef {Schemas['Migration']} Migration */
/** @typedef {Schemas['MigrationPage']} MigrationPage */

const LIST_REFRESH_MS = 2000;

const view = /** @type {HTMLElement} */ (document.getElementById('view'));
/** Stops the current view's timers and streams. */
let teardown = () => {};

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
    if (input.value.trim()) useApiKey(input.value.trim());
    route();
  });
  view.replaceChildren(form);
  input.focus();
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
          h('td', { 'data-testid': 'row-correct', class: s && (!s.correct || s.guestImpaired) ? 'bad' : undefined, text: s ? (s.correct ? (s.guestImpaired ? '✓ guest impaired' : '✓') : [s.outcome === 'completed' ? '✗' : `✗ ${s.outcome}`, s.violationCount > 0 ? `${formatInt(s.violationCount)} violation(s)` : ''].filter(Boolean).join(' ')) : '' }),
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
      refreshed(updated);
    } catch (err) {
      refreshed(updated, err);
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

function route() {
  teardown();
  const hash = location.hash.replace(/^#/, '') || '/';
  const one = /^\/m\/([0-9a-f-]{36})$/i.exec(hash);
  const many = /^\/compare\/([0-9a-f-,]+)$/i.exec(hash);
  const experiment = /^\/experiments\/([0-9a-f-]{36})(?:\?(.*))?$/i.exec(hash);
  const experiments = /^\/experiments(?:\?(.*))?$/.exec(hash);
  if (experiment) teardown = experimentView(view, { api, authHeaders }, experiment[1], new URLSearchParams(experiment[2] ?? ''), followExperiment);
  else if (experiments) teardown = experimentsListView(view, { api, authHeaders }, new URLSearchParams(experiments[1] ?? ''));
  else if (one) teardown = migrationView(view, one[1]);
  else if (many) teardown = compareView(view, [...new Set(many[1].split(',').filter((s) => /^[0-9a-f-]{36}$/i.test(s)))]);
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

whenUnauthorized(askForKey);
window.addEventListener('hashchange', route);
route();
