// @ts-check
/** The dashboard's access to the API: the tenant's key, JSON requests, fault statistics, live events. */
/** @typedef {import('../../sdk/src/generated/openapi.js').components['schemas']} Schemas */
/** @typedef {Schemas['Migration']} Migration */
/** @typedef {Schemas['FaultStats']} FaultStats */
/** @typedef {Schemas['MigrationStatusEvent']} StatusEvent */
/** @typedef {Schemas['MigrationPhaseEvent']} PhaseEvent */
/** @typedef {Schemas['MigrationProgressEvent']} Sample a progress event */
/** @typedef {Schemas['MigrationSummaryEvent']} SummaryEvent */
/** @typedef {Schemas['ExperimentProgressEvent']} ExperimentProgressEvent */
/** @typedef {Schemas['ExperimentRunEvent']} ExperimentRunEvent */
/** @typedef {Schemas['ExperimentSummaryEvent']} ExperimentSummaryEvent */
/** @typedef {{name: string, atNs: number}} Phase */

/** Buckets of the faults-over-time chart. */
const TIMELINE_BUCKETS = 50;
/** Latency histogram resolution: 32 log-scale buckets per power of two (each 2.2% wider than the last). */
const LATENCY_BUCKETS_PER_DOUBLING = 32;
// ---------------------------------------------------------------------------------------------
// API key. With AUTH on (README "Security") the API wants a tenant's key: the page asks for it on
// the first 401 and keeps it in this tab's sessionStorage (gone when the tab closes; never in a URL).

const KEY_ITEM = 'postcopy-lab.apiKey';
const apiKey = () => sessionStorage.getItem(KEY_ITEM);
/** Keeps the key for this tab (sessionStorage). @param {string} key */
export const useApiKey = (key) => sessionStorage.setItem(KEY_ITEM, key);
/** @returns {Record<string, string>} */
export const authHeaders = () => {
  const key = apiKey();
  return key ? { authorization: `Bearer ${key}` } : {};
};

/** What a 401 does (the page asks for a key): set by the app. @type {(why: string) => void} */
let onUnauthorized = () => {};
/** @param {(why: string) => void} fn */
export const whenUnauthorized = (fn) => {
  onUnauthorized = fn;
};

/**
 * A request to the API. A failure throws an Error with the problem's detail as message, the status,
 * and the problem+json itself (`problem`: its `errors` name the offending fields).
 * @param {string} path @param {string} [method] @param {unknown} [json] a request body, sent as JSON
 * @returns {Promise<any>} the JSON body (null for none): callers annotate its schema
 */
export async function api(path, method = 'GET', json = undefined) {
  const sent = apiKey();
  const res = await fetch(path, {
    method,
    headers: { accept: 'application/json', ...(json === undefined ? {} : { 'content-type': 'application/json' }), ...authHeaders() },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  const body = await res.json().catch(() => null);
  // A 401 to a request sent before a key was entered (a view left meanwhile) is stale: only the
  // answer to the key in use asks for another one.
  if (res.status === 401 && apiKey() === sent) {
    sessionStorage.removeItem(KEY_ITEM);
    onUnauthorized(sent === null ? 'The service wants an API key.' : `${body?.detail ?? 'The API key was refused.'}`);
  }
  if (!res.ok) throw Object.assign(new Error(body?.detail ?? `HTTP ${res.status}`), { status: res.status, problem: body });
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
export const fetchMigration = (id) => api(`/v1/migrations/${id}`);

/** Fault statistics, or null when the service has none (an older service, or a passing error). @param {string} id @returns {Promise<FaultStats | null>} */
export async function fetchStats(id) {
  try {
    return await api(`/v1/migrations/${id}/faults/stats?buckets=${TIMELINE_BUCKETS}&latencyBucketsPerDoubling=${LATENCY_BUCKETS_PER_DOUBLING}`);
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Live history of one migration: Server-Sent Events (history replay, then live)

/**
 * Follows a migration's events; calls onChange after each batch of events. EventSource reconnects
 * by itself with Last-Event-ID; the stream ends with the summary.
 * @param {string} id
 * @param {(h: { samples: Sample[], phases: Phase[], status: string | null, migration: Migration | null, live: boolean }) => void} onChange
 */
export function followEvents(id, onChange) {
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
// Live experiment: Server-Sent Events (progress, each run as it ends, the summary)

/**
 * Follows an experiment's events. EventSource resumes by itself with Last-Event-ID (no run is sent
 * twice); the stream ends with the summary. `live` says whether the stream is connected.
 * @param {string} id
 * @param {{ progress: (e: ExperimentProgressEvent) => void, run: (e: ExperimentRunEvent) => void, summary: (e: ExperimentSummaryEvent) => void, live: (connected: boolean) => void }} on
 * @returns {() => void} stops following
 */
export function followExperiment(id, on) {
  const url = `/v1/experiments/${id}/events`;
  const source = apiKey() ? keyedEventSource(url) : new EventSource(url);
  source.addEventListener('open', () => on.live(true));
  source.addEventListener('error', () => on.live(false));
  source.addEventListener('progress', (e) => on.progress(JSON.parse(/** @type {MessageEvent} */ (e).data)));
  source.addEventListener('run', (e) => on.run(JSON.parse(/** @type {MessageEvent} */ (e).data)));
  source.addEventListener('summary', (e) => {
    source.close();
    on.live(false);
    on.summary(JSON.parse(/** @type {MessageEvent} */ (e).data));
  });
  return () => source.close();
}
