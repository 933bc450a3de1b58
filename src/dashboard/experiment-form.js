// @ts-check
/**
 * The form that submits an experiment (POST /v1/experiments): a preset, or a base spec with axes;
 * seeds, label and which fault events to keep. A refusal (400 problem+json) shows its detail and
 * each offending field's message beside that field; an accepted one opens the experiment's page.
 */
import { h } from './dom.js';
import { formatInt } from './format.js';

/** @typedef {import('./experiment-common.js').Io} Io */
/** @typedef {import('./experiment-common.js').Schemas['ExperimentPresetList']['items'][number]} Preset */
/** @typedef {{ in: string, field: string, message: string }} FieldError */

/** A small sweep to start from: 64 MiB runs take milliseconds. */
const BASE_SPEC = {
  seed: 1,
  vm: { arch: 'x86_64', memoryMiB: 64, vcpus: 2 },
  workload: { pattern: 'zipf' },
  strategy: { mechanism: 'uffd_missing' },
  network: { bandwidthGbps: 25, rttUs: 50 },
};
const FIRST_AXIS = { path: 'vm.vcpus', values: '1, 2, 4' };
/** Paths offered while typing (any spec field's path is accepted). */
const COMMON_PATHS = ['seed', 'vm.vcpus', 'vm.memoryMiB', 'vm.pageSize', 'vm.backing', 'strategy.mechanism', 'strategy.handlerThreads', 'workload.pattern', 'network.bandwidthGbps', 'network.rttUs', 'network.postcopyPreempt'];
const MAX_SEEDS = 100;

/**
 * An axis value as typed: JSON when it parses (numbers, true, false, null, "quoted"), else the
 * text itself (uffd_minor, 4K).
 * @param {string} text
 */
function parseValue(text) {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * A spec as JSON with one line per top-level field (short enough to read without scrolling).
 * @param {Record<string, unknown>} spec
 */
const specText = (spec) => `{\n${Object.entries(spec).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v, null, 1).replace(/\n\s*/g, ' ')}`).join(',\n')}\n}`;

/** @param {string} text comma-separated values */
const parseValues = (text) =>
  text
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '')
    .map(parseValue);

/** @param {Io} io @param {(id: string) => void} onCreated */
export function experimentForm(io, onCreated) {
  /** Inputs by the request field they hold, for the server's errors. @type {Map<string, HTMLElement>} */
  const fields = new Map();
  /** @param {string} name @param {string} label @param {HTMLElement} input @param {string} [hint] */
  const row = (name, label, input, hint) => {
    fields.set(name, input);
    return h('div', { class: 'form-row', 'data-field': name }, [
      h('label', { class: 'form-label', text: label }),
      h('div', { class: 'form-field' }, [input, hint ? h('span', { class: 'muted hint', text: hint }) : null, h('div', { class: 'field-error', 'data-testid': 'field-error', 'data-field': name })]),
    ]);
  };

  // What to run: a preset, or a base spec and axes.
  const kindPreset = /** @type {HTMLInputElement} */ (h('input', { type: 'radio', name: 'kind', value: 'preset', 'data-testid': 'kind-preset' }));
  const kindSweep = /** @type {HTMLInputElement} */ (h('input', { type: 'radio', name: 'kind', value: 'sweep', 'data-testid': 'kind-sweep', checked: true }));
  const kind = h('span', { class: 'choices' }, [h('label', {}, [kindSweep, ' base spec and axes']), h('label', {}, [kindPreset, ' a preset (a published measurement)'])]);

  /** @type {Preset[]} */
  let presets = [];
  const preset = /** @type {HTMLSelectElement} */ (h('select', { name: 'preset', 'data-testid': 'form-preset' }, [h('option', { value: '', text: 'loading…' })]));
  const presetAbout = h('div', { class: 'muted hint', 'data-testid': 'preset-about' });

  const base = /** @type {HTMLTextAreaElement} */ (h('textarea', { name: 'base', class: 'mono', rows: 9, spellcheck: false, 'data-testid': 'form-base' }));
  base.value = specText(BASE_SPEC);

  const datalist = h('datalist', { id: 'spec-paths' }, COMMON_PATHS.map((p) => h('option', { value: p })));
  const axisRows = h('div', { class: 'axis-rows', 'data-testid': 'axis-rows' });
  const addAxis = h('button', { type: 'button', 'data-testid': 'add-axis', text: '+ axis' });
  /** @param {{ path: string, values: string }} [init] */
  const axisRow = (init = { path: '', values: '' }) => {
    const path = /** @type {HTMLInputElement} */ (h('input', { type: 'text', class: 'mono axis-path', list: 'spec-paths', placeholder: 'vm.vcpus', 'aria-label': 'axis path', 'data-testid': 'axis-path' }));
    const values = /** @type {HTMLInputElement} */ (h('input', { type: 'text', class: 'mono axis-values', placeholder: '1, 2, 4', 'aria-label': 'axis values, comma-separated', 'data-testid': 'axis-values' }));
    path.value = init.path;
    values.value = init.values;
    const remove = h('button', { type: 'button', title: 'remove this axis', 'data-testid': 'remove-axis', text: '✕' });
    // Fields that move with this axis (the request's `with`): one value per value of the axis.
    const linked = h('div', { class: 'linked-rows', 'data-testid': 'linked-rows' });
    const addLinked = h('button', { type: 'button', title: 'another field that takes one value per value of this axis', 'data-testid': 'add-linked', text: '+ with' });
    addLinked.addEventListener('click', () => linked.append(linkedRow()));
    const line = h('div', { class: 'axis-row', 'data-testid': 'axis-row' }, [
      path,
      h('span', { class: 'muted', text: '=' }),
      values,
      remove,
      h('div', { class: 'linked-field' }, [linked, addLinked]),
      h('div', { class: 'field-error', 'data-testid': 'field-error' }),
    ]);
    remove.addEventListener('click', () => {
      line.remove();
      sync();
    });
    for (const input of [path, values]) input.addEventListener('input', () => sync());
    return line;
  };
  const linkedRow = () => {
    const path = h('input', { type: 'text', class: 'mono linked-path', list: 'spec-paths', placeholder: 'vm.memoryMiB', 'aria-label': 'linked field path', 'data-testid': 'linked-path' });
    const values = h('input', { type: 'text', class: 'mono linked-values', placeholder: '1024, 2048, 4096', 'aria-label': 'its values, one per axis value', 'data-testid': 'linked-values' });
    const remove = h('button', { type: 'button', title: 'remove this field', 'data-testid': 'remove-linked', text: '✕' });
    const line = h('div', { class: 'linked-row', 'data-testid': 'linked-row' }, [h('span', { class: 'muted', text: 'with' }), path, h('span', { class: 'muted', text: '=' }), values, remove]);
    remove.addEventListener('click', () => line.remove());
    return line;
  };
  addAxis.addEventListener('click', () => {
    axisRows.append(axisRow());
    sync();
  });
  axisRows.append(axisRow(FIRST_AXIS));
  const axes = h('div', { class: 'axes-field' }, [axisRows, addAxis, datalist]);

  const seeds = /** @type {HTMLInputElement} */ (h('input', { type: 'number', name: 'seeds', min: 1, max: MAX_SEEDS, value: 1, class: 'narrow', 'data-testid': 'form-seeds' }));
  const label = /** @type {HTMLInputElement} */ (h('input', { type: 'text', name: 'label', maxlength: 200, placeholder: 'blocktime vs vCPUs', class: 'wide', 'data-testid': 'form-label' }));
  const faultEvents = /** @type {HTMLSelectElement} */ (
    h('select', { name: 'faultEvents', 'data-testid': 'form-fault-events' }, [
      h('option', { value: 'none', text: 'none (the summaries are complete)' }),
      h('option', { value: 'sample', text: 'sample (every 64th)' }),
      h('option', { value: 'all', text: 'all' }),
    ])
  );
  const runs = h('span', { class: 'muted', 'data-testid': 'form-runs' });
  const submit = /** @type {HTMLButtonElement} */ (h('button', { type: 'submit', class: 'primary', 'data-testid': 'form-submit', text: 'Submit experiment' }));
  const problem = h('div', { class: 'problem', 'data-testid': 'form-problem', hidden: true });

  const presetRow = row('preset', 'preset', h('div', { class: 'preset-field' }, [preset, presetAbout]));
  fields.set('preset', preset);
  const baseRow = row('base', 'base spec', base, 'a migration request (JSON); every run starts from it');
  const axesRow = row('axes', 'axes', axes, 'a spec field by its path, and its values, comma-separated: one group of runs per value; "+ with" moves another field along (one value each)');
  const form = /** @type {HTMLFormElement} */ (
    h('form', { class: 'card new-experiment', 'data-testid': 'experiment-form', novalidate: true }, [
      h('h3', { text: 'New experiment' }),
      h('div', { class: 'form-columns' }, [
        h('div', {}, [h('div', { class: 'form-row' }, [h('span', { class: 'form-label', text: 'runs' }), kind]), presetRow, baseRow]),
        h('div', {}, [
          axesRow,
          row('seeds', 'seeds', seeds, 'repetitions of every combination, seed + 0, 1, …'),
          row('label', 'label', label),
          row('faultEvents', 'fault events kept', faultEvents),
        ]),
      ]),
      h('div', { class: 'form-actions' }, [submit, runs]),
      problem,
    ])
  );

  /** The axis rows with a path or values, in order (the request's axes[i] is rows[i]). */
  const filledRows = () => [...axisRows.querySelectorAll('[data-testid="axis-row"]')].filter((r) => [...r.querySelectorAll('input')].some((i) => i.value.trim() !== ''));
  /** @param {Element} r @param {string} selector */
  const text = (r, selector) => /** @type {HTMLInputElement} */ (r.querySelector(selector)).value;
  /** @param {Element} r */
  const axisOf = (r) => {
    const linked = [...r.querySelectorAll('[data-testid="linked-row"]')].filter((l) => text(l, '.linked-path').trim() !== '');
    return {
      path: text(r, '.axis-path').trim(),
      values: parseValues(text(r, '.axis-values')),
      ...(linked.length ? { with: Object.fromEntries(linked.map((l) => [text(l, '.linked-path').trim(), parseValues(text(l, '.linked-values'))])) } : {}),
    };
  };

  /** Shows what the choice needs, and how many runs it makes. */
  const sync = () => {
    const usePreset = kindPreset.checked;
    presetRow.hidden = !usePreset;
    baseRow.hidden = usePreset;
    axesRow.hidden = usePreset;
    const chosen = presets.find((p) => p.name === preset.value);
    presetAbout.replaceChildren(...(chosen ? [h('strong', { text: chosen.title }), `. ${chosen.source} Axes: ${chosen.axes.join(', ')}.`] : []));
    const perSeed = usePreset ? chosen?.runCount ?? 0 : filledRows().reduce((n, r) => n * Math.max(axisOf(r).values.length, 1), 1);
    const n = perSeed * Math.max(1, Math.floor(Number(seeds.value) || 1));
    runs.textContent = n > 0 ? `→ ${formatInt(n)} run${n === 1 ? '' : 's'}` : '';
    runs.setAttribute('data-runs', String(n));
  };
  for (const input of [kindPreset, kindSweep, preset, seeds]) input.addEventListener('input', sync);
  sync();

  void io.api('/v1/experiments/presets').then(
    (/** @type {{ items: Preset[] }} */ list) => {
      presets = list.items;
      preset.replaceChildren(...presets.map((p) => h('option', { value: p.name, text: `${p.name} (${formatInt(p.runCount)} runs)` })));
      sync();
    },
    (/** @type {Error} */ err) => preset.replaceChildren(h('option', { value: '', text: `cannot list the presets: ${err.message}` })),
  );

  const clearProblem = () => {
    problem.hidden = true;
    problem.replaceChildren();
    for (const el of form.querySelectorAll('.invalid')) el.classList.remove('invalid');
    for (const el of form.querySelectorAll('[data-testid="field-error"]')) el.replaceChildren();
  };

  /**
   * The problem's detail above, and each error beside its field: axes.<i>… on that axis's row,
   * base.… on the base spec, the request's other fields on theirs; the rest in the list.
   * @param {string} detail @param {FieldError[]} errors @param {Element[]} sentRows
   */
  const showProblem = (detail, errors, sentRows) => {
    const unplaced = [];
    for (const e of errors) {
      const [top, index] = e.field.split('.');
      const axisRow = top === 'axes' && /^\d+$/.test(index ?? '') ? sentRows[Number(index)] : undefined;
      const holder = axisRow ?? form.querySelector(`.form-row[data-field="${top}"]:not([hidden])`);
      const message = axisRow ? e.message : `${e.field}: ${e.message}`;
      if (!holder) {
        unplaced.push(`${e.field}: ${e.message}`);
        continue;
      }
      for (const input of axisRow ? axisRow.querySelectorAll('input') : [fields.get(top)]) input?.classList.add('invalid');
      holder.querySelector('[data-testid="field-error"]')?.append(h('div', { 'data-error-field': e.field, text: message }));
    }
    problem.replaceChildren(h('strong', { text: detail }), ...(unplaced.length ? [h('ul', {}, unplaced.map((t) => h('li', { text: t })))] : []));
    problem.hidden = false;
  };

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearProblem();
    /** @type {Record<string, unknown>} */
    const request = { seeds: Number(seeds.value), faultEvents: faultEvents.value };
    if (label.value.trim()) request.label = label.value.trim();
    const sentRows = filledRows();
    if (kindPreset.checked) request.preset = preset.value;
    else {
      try {
        request.base = JSON.parse(base.value);
      } catch (err) {
        showProblem('The base spec is not JSON.', [{ in: 'body', field: 'base', message: /** @type {Error} */ (err).message }], sentRows);
        return;
      }
      request.axes = sentRows.map(axisOf);
    }
    submit.disabled = true;
    try {
      /** @type {import('./experiment-common.js').Experiment} */
      const created = await io.api('/v1/experiments', 'POST', request);
      onCreated(created.id);
    } catch (err) {
      const p = /** @type {{ problem?: { detail?: string, errors?: FieldError[] } }} */ (err).problem;
      showProblem(p?.detail ?? /** @type {Error} */ (err).message, p?.errors ?? [], sentRows);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}
