// @ts-check
/**
 * #/experiments: the experiments, refreshed every 2 s, each ended one with a delete button; "New
 * experiment" opens the form that submits one (experiment-form.js).
 */
import { badge, h, refreshed } from './dom.js';
import { formatTime } from './format.js';
import { axesLine, deleteButton, nameOf, progressBar, TERMINAL } from './experiment-common.js';
import { experimentForm } from './experiment-form.js';

/** @typedef {import('./experiment-common.js').Io} Io */
/** @typedef {import('./experiment-common.js').Experiment} Experiment */
/** @typedef {import('./experiment-common.js').Schemas['ExperimentPage']} ExperimentPage */

const LIST_REFRESH_MS = 2000;
const COLUMNS = ['created', 'experiment', 'preset', 'axes', 'status', 'runs done', ''];

/** @param {HTMLElement} view @param {Io} io @param {URLSearchParams} params new=1: the form open */
export function experimentsListView(view, io, params) {
  const tbody = h('tbody');
  const updated = h('span', { class: 'muted', 'data-testid': 'updated' });
  /**
   * Each row's delete button, kept across refreshes (an open confirmation survives them).
   * @type {Map<string, HTMLElement>}
   */
  const deletes = new Map();
  const refresh = async () => {
    try {
      /** @type {ExperimentPage} */
      const page = await io.api('/v1/experiments?limit=100');
      tbody.replaceChildren(
        ...page.items.map((e) => {
          const ended = TERMINAL.includes(e.status);
          let remove = deletes.get(e.id);
          if (ended && !remove) deletes.set(e.id, (remove = deleteButton(io, e, 'delete', () => void refresh())));
          return h('tr', { 'data-id': e.id, 'data-status': e.status }, [
            h('td', { class: 'muted', text: formatTime(e.createdAt) }),
            h('td', {}, [h('a', { href: `#/experiments/${e.id}`, title: e.id, text: nameOf(e) })]),
            h('td', { text: e.request.preset ?? '' }),
            h('td', { class: 'muted', text: axesLine(e) }),
            h('td', {}, [badge(e.status)]),
            h('td', {}, [progressBar(e.progress, 'row-progress')]),
            h('td', { class: 'row-actions' }, [ended ? remove : null]),
          ]);
        }),
      );
      if (page.items.length === 0) tbody.replaceChildren(h('tr', {}, [h('td', { colspan: COLUMNS.length, class: 'muted', text: 'No experiment yet: submit one with "New experiment", POST /v1/experiments (see the API docs) or npm run cli -- sweep.' })]));
      refreshed(updated);
    } catch (err) {
      refreshed(updated, err);
    }
  };

  /** @type {HTMLFormElement | null} built when first opened (it lists the presets) */
  let form = null;
  const formHolder = h('div');
  const toggle = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', 'data-testid': 'new-experiment', 'aria-expanded': 'false', text: 'New experiment' }));
  const setOpen = (/** @type {boolean} */ open) => {
    if (open && !form) formHolder.append((form = experimentForm(io, (id) => (location.hash = `#/experiments/${id}`))));
    if (form) form.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = open ? 'Close the form' : 'New experiment';
    // Kept in the address (a reload or a link opens the form), without a new history entry.
    history.replaceState(null, '', open ? '#/experiments?new=1' : '#/experiments');
  };
  toggle.addEventListener('click', () => setOpen(toggle.getAttribute('aria-expanded') !== 'true'));

  view.replaceChildren(
    h('section', { class: 'list' }, [
      h('div', { class: 'toolbar' }, [h('h2', { text: 'Experiments' }), toggle, updated]),
      formHolder,
      h('table', { class: 'experiments', 'data-testid': 'experiments' }, [h('thead', {}, [h('tr', {}, COLUMNS.map((c) => h('th', { text: c })))]), tbody]),
    ]),
  );
  if (params.get('new') === '1') setOpen(true);
  void refresh();
  const timer = setInterval(refresh, LIST_REFRESH_MS);
  return () => clearInterval(timer);
}
