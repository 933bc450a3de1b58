import { EventSourceParserStream } from 'eventsource-parser/stream';
import createFetchClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, paths } from './generated/openapi.js';

export type Schemas = components['schemas'];
export type Migration = Schemas['Migration'];
export type MigrationStatus = Migration['status'];
export type MigrationSummary = NonNullable<Migration['summary']>;
export type MigrationPage = Schemas['MigrationPage'];
/** The body of a submission (defaults may be omitted). */
export type MigrationRequest = paths['/v1/migrations']['post']['requestBody']['content']['application/json'];
export type FaultEvent = Schemas['FaultEvent'];
export type FaultEventPage = Schemas['FaultEventPage'];
export type Problem = Schemas['Problem'];
/** The `data` of one event of GET /v1/migrations/{id}/events. */
export type MigrationEvent = Schemas['MigrationEvent'];
export type ListQuery = NonNullable<paths['/v1/migrations']['get']['parameters']['query']>;
export type FaultQuery = NonNullable<paths['/v1/migrations/{id}/faults']['get']['parameters']['query']>;
export type FaultStats = Schemas['FaultStats'];
export type Violation = Schemas['Violation'];
export type ViolationPage = Schemas['ViolationPage'];
export type ViolationQuery = NonNullable<paths['/v1/migrations/{id}/violations']['get']['parameters']['query']>;
export type FaultStatsQuery = NonNullable<paths['/v1/migrations/{id}/faults/stats']['get']['parameters']['query']>;

export type Experiment = Schemas['Experiment'];
export type ExperimentRequest = paths['/v1/experiments']['post']['requestBody']['content']['application/json'];
export type ExperimentResults = Schemas['ExperimentResults'];
export type ExperimentPage = Schemas['ExperimentPage'];
export type ExperimentPresetList = Schemas['ExperimentPresetList'];
export type ExperimentListQuery = NonNullable<paths['/v1/experiments']['get']['parameters']['query']>;
/** The `data` of one event of GET /v1/experiments/{id}/events. */
export type ExperimentEvent = Schemas['ExperimentEvent'];

export const TERMINAL_STATUSES: readonly MigrationStatus[] = ['succeeded', 'failed', 'cancelled'];

/** A non-2xx answer; `problem` is the RFC 9457 body the API sends with every error. */
export class PostcopyApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
    readonly response: Response,
  ) {
    super(problem ? `${status} ${problem.title}: ${problem.detail}` : `HTTP ${status}`);
    this.name = 'PostcopyApiError';
  }
}

/**
 * The service could not be reached (nothing listening, a wrong URL, DNS, TLS): no HTTP answer.
 * `cause` is what fetch threw; an aborted request rejects with the signal's reason instead.
 */
export class PostcopyConnectionError extends Error {
  constructor(
    readonly baseUrl: string,
    override readonly cause: unknown,
  ) {
    super(`cannot reach the service at ${baseUrl}: ${describeCause(cause)}`);
    this.name = 'PostcopyConnectionError';
  }
}

/** "connect ECONNREFUSED 127.0.0.1:3000" rather than undici's bare "fetch failed". */
function describeCause(err: unknown): string {
  const cause = (err as { cause?: unknown }).cause;
  const inner = cause instanceof AggregateError ? cause.errors[0] : cause; // both of localhost's addresses refused
  if (inner instanceof Error && inner.message) return inner.message;
  return err instanceof Error ? err.message : String(err);
}

export interface PostcopyClientOptions {
  /** e.g. http://127.0.0.1:3000 */
  baseUrl: string;
  /**
   * An API key (`pcl_...`, from `npm run cli -- keys create --tenant <name>`), sent as
   * `Authorization: Bearer <key>`. Not needed when the service runs with AUTH=off.
   */
  apiKey?: string;
  /** Headers sent with every request (a tracing header...). */
  headers?: Record<string, string>;
  fetch?: typeof globalThis.fetch;
  /** openapi-fetch middleware, run on every request and response. */
  middleware?: Middleware[];
}

export interface EventMessage<E = MigrationEvent> {
  /** The SSE event id: pass it as `lastEventId` to resume after this event. */
  id: string;
  event: E;
}

export interface EventsOptions {
  /** Resume after this event (the `id` of the last event you processed). */
  lastEventId?: string;
  /** Reconnect (resuming with Last-Event-ID) when the connection drops before the summary. Default true. */
  reconnect?: boolean;
  signal?: AbortSignal;
}

/**
 * The typed client. Every method goes through `raw`, an openapi-fetch client typed by the types
 * generated from openapi.yaml: use `raw` for anything the helpers do not cover.
 */
export class PostcopyClient {
  readonly raw: Client<paths>;

  constructor(options: PostcopyClientOptions) {
    const headers = options.apiKey ? { ...options.headers, authorization: `Bearer ${options.apiKey}` } : options.headers;
    const fetchOnce = options.fetch ?? globalThis.fetch;
    // fetch rejects with a TypeError when no HTTP answer came (an abort rejects with the signal's reason).
    const fetch: typeof globalThis.fetch = (input, init) =>
      fetchOnce(input, init).catch((err: unknown) => {
        throw err instanceof TypeError ? new PostcopyConnectionError(options.baseUrl, err) : err;
      });
    this.raw = createFetchClient<paths>({ baseUrl: options.baseUrl, headers, fetch });
    if (options.middleware?.length) this.raw.use(...options.middleware);
  }

  /** Submits a migration; with an idempotency key, a retry returns the first migration instead of a second one. */
  async submit(spec: MigrationRequest, options: { idempotencyKey?: string; requestId?: string; signal?: AbortSignal } = {}): Promise<Migration> {
    return unwrap(
      await this.raw.POST('/v1/migrations', {
        body: spec,
        params: { header: options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {} },
        headers: options.requestId ? { 'x-request-id': options.requestId } : undefined,
        signal: options.signal,
      }),
    );
  }

  async get(id: string, options: { signal?: AbortSignal } = {}): Promise<Migration> {
    return unwrap(await this.raw.GET('/v1/migrations/{id}', { params: { path: { id } }, signal: options.signal }));
  }

  /** One page of migrations, newest first. */
  async list(query: ListQuery = {}): Promise<MigrationPage> {
    return unwrap(await this.raw.GET('/v1/migrations', { params: { query } }));
  }

  async cancel(id: string): Promise<Migration> {
    return unwrap(await this.raw.POST('/v1/migrations/{id}/cancel', { params: { path: { id } } }));
  }

  /** Deletes an ended migration with its fault events (a run of an experiment goes with its experiment: deleteExperiment). */
  async delete(id: string): Promise<void> {
    const result = await this.raw.DELETE('/v1/migrations/{id}', { params: { path: { id } } });
    if (!result.response.ok) unwrap(result);
  }

  /** Every page of a migration's fault events, in sequence order, following nextCursor. */
  async *faultPages(id: string, query: Omit<FaultQuery, 'cursor'> = {}): AsyncGenerator<FaultEventPage> {
    let cursor: string | undefined;
    do {
      const page = unwrap(await this.raw.GET('/v1/migrations/{id}/faults', { params: { path: { id }, query: { ...query, cursor } } }));
      yield page;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  /** Every fault event of a migration (filtered by `query`), in sequence order. */
  async *faults(id: string, query: Omit<FaultQuery, 'cursor'> = {}): AsyncGenerator<FaultEvent> {
    for await (const page of this.faultPages(id, query)) yield* page.items;
  }

  /** Latency histogram and percentiles, counts by path / mechanism / resolution, blocktime per vCPU and a timeline of the (filtered) fault events. */
  async faultStats(id: string, query: FaultStatsQuery = {}): Promise<FaultStats> {
    return unwrap(await this.raw.GET('/v1/migrations/{id}/faults/stats', { params: { path: { id }, query } }));
  }

  /** Every page of a migration's recorded correctness violations (of one `kind` if given), following nextCursor. */
  async *violationPages(id: string, query: Omit<ViolationQuery, 'cursor'> = {}): AsyncGenerator<ViolationPage> {
    let cursor: string | undefined;
    do {
      const page = unwrap(await this.raw.GET('/v1/migrations/{id}/violations', { params: { path: { id }, query: { ...query, cursor } } }));
      yield page;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  /** Every recorded correctness violation of a migration (the summary holds only the first 20), in the simulator's order. */
  async *violations(id: string, query: Omit<ViolationQuery, 'cursor'> = {}): AsyncGenerator<Violation> {
    for await (const page of this.violationPages(id, query)) yield* page.items;
  }

  /**
   * Submits an experiment: a base spec, axes (`{ path: 'vm.vcpus', values: [1, 4, 16] }`) and seed
   * repetitions, or a preset (`{ preset: 'demand-paging-scaling' }`). One run per combination and seed.
   */
  async experiment(request: ExperimentRequest, options: { idempotencyKey?: string; signal?: AbortSignal } = {}): Promise<Experiment> {
    return unwrap(
      await this.raw.POST('/v1/experiments', {
        body: request,
        params: { header: options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {} },
        signal: options.signal,
      }),
    );
  }

  /** The published measurements `experiment({ preset })` can reproduce, with their run counts. */
  async experimentPresets(): Promise<ExperimentPresetList['items']> {
    return unwrap(await this.raw.GET('/v1/experiments/presets')).items;
  }

  /** Status, progress and the results table. */
  async getExperiment(id: string, options: { signal?: AbortSignal } = {}): Promise<Experiment> {
    return unwrap(await this.raw.GET('/v1/experiments/{id}', { params: { path: { id } }, signal: options.signal }));
  }

  /** One page of experiments, newest first (of one status if given). */
  async listExperiments(query: ExperimentListQuery = {}): Promise<ExperimentPage> {
    return unwrap(await this.raw.GET('/v1/experiments', { params: { query } }));
  }

  async cancelExperiment(id: string): Promise<Experiment> {
    return unwrap(await this.raw.POST('/v1/experiments/{id}/cancel', { params: { path: { id } } }));
  }

  /** Deletes an ended experiment with its runs and their fault events. */
  async deleteExperiment(id: string): Promise<void> {
    const result = await this.raw.DELETE('/v1/experiments/{id}', { params: { path: { id } } });
    if (!result.response.ok) unwrap(result);
  }

  /** The results table as CSV (one line per run), for spreadsheets and notebooks. */
  async experimentCsv(id: string): Promise<string> {
    return unwrap(await this.raw.GET('/v1/experiments/{id}/results', { params: { path: { id }, query: { format: 'csv' } }, parseAs: 'text' }));
  }

  /** Polls until the experiment has ended (calling onProgress at each poll) and returns it with its results. */
  async waitForExperiment(
    id: string,
    options: { onProgress?: (e: Experiment) => void; timeoutMs?: number; intervalMs?: number; signal?: AbortSignal } = {},
  ): Promise<Experiment> {
    const deadline = Date.now() + (options.timeoutMs ?? Number.POSITIVE_INFINITY);
    for (;;) {
      const experiment = await this.getExperiment(id, { signal: options.signal });
      options.onProgress?.(experiment);
      if (TERMINAL_STATUSES.includes(experiment.status)) return experiment;
      if (Date.now() > deadline) throw new Error(`experiment ${id} still ${experiment.status} after ${options.timeoutMs} ms`);
      await sleep(options.intervalMs ?? 500, options.signal);
    }
  }

  /** Polls until the migration reaches one of `until` (default: any end) and returns it. */
  async waitFor(
    id: string,
    options: { until?: readonly MigrationStatus[]; timeoutMs?: number; intervalMs?: number; signal?: AbortSignal } = {},
  ): Promise<Migration> {
    const until = options.until ?? TERMINAL_STATUSES;
    const deadline = Date.now() + (options.timeoutMs ?? Number.POSITIVE_INFINITY);
    for (;;) {
      const migration = await this.get(id, { signal: options.signal });
      if (until.includes(migration.status)) return migration;
      if (Date.now() > deadline) throw new Error(`migration ${id} still ${migration.status} after ${options.timeoutMs} ms`);
      await sleep(options.intervalMs ?? 500, options.signal);
    }
  }

  /**
   * The migration's live events (Server-Sent Events): the history so far, then live progress, and
   * last the `summary` event, after which the iteration ends. A dropped connection is resumed with
   * Last-Event-ID, so no event is lost or repeated.
   */
  events(id: string, options: EventsOptions = {}): AsyncGenerator<EventMessage> {
    return this.eventStream<MigrationEvent>(
      (lastEventId) =>
        this.raw.GET('/v1/migrations/{id}/events', { params: { path: { id }, header: lastEventId ? { 'last-event-id': lastEventId } : {} }, parseAs: 'stream', signal: options.signal }),
      options,
    );
  }

  /**
   * The experiment's live events (Server-Sent Events): `progress` whenever the runs' statuses
   * change, `run` with each run's row of the results table as it ends, and last `summary`, the
   * experiment with its results, after which the iteration ends. A dropped connection is resumed
   * with Last-Event-ID: no run is missed or repeated.
   */
  experimentEvents(id: string, options: EventsOptions = {}): AsyncGenerator<EventMessage<ExperimentEvent>> {
    return this.eventStream<ExperimentEvent>(
      (lastEventId) =>
        this.raw.GET('/v1/experiments/{id}/events', { params: { path: { id }, header: lastEventId ? { 'last-event-id': lastEventId } : {} }, parseAs: 'stream', signal: options.signal }),
      options,
    );
  }

  /**
   * Follows an experiment to its end through its events; `onEvent` sees each one (a progress bar,
   * a table that fills in). Returns the final experiment, results included.
   */
  async followExperiment(id: string, options: EventsOptions & { onEvent?: (e: ExperimentEvent) => void } = {}): Promise<Experiment> {
    for await (const { event } of this.experimentEvents(id, options)) {
      options.onEvent?.(event);
      if (event.type === 'summary') return event.experiment;
    }
    return this.getExperiment(id, { signal: options.signal }); // resumed after the end
  }

  /** Reads an event stream up to its `summary` event, reconnecting with Last-Event-ID when it drops. */
  private async *eventStream<E extends { type: string }>(
    open: (lastEventId: string | undefined) => Promise<{ response: Response; error?: unknown }>,
    options: EventsOptions,
  ): AsyncGenerator<EventMessage<E>> {
    let lastEventId = options.lastEventId;
    let retryMs = 1_000;
    for (;;) {
      try {
        const { response, error } = await open(lastEventId);
        if (response.status === 204) return; // resumed after the end: nothing follows
        if (!response.ok || !response.body) throw new PostcopyApiError(response.status, error as Problem | undefined, response);
        // A reader loop rather than `for await` over the stream: browsers without async-iterable streams work too.
        const reader = response.body
          .pipeThrough(new TextDecoderStream())
          .pipeThrough(new EventSourceParserStream({ onRetry: (ms) => (retryMs = ms) }))
          .getReader();
        try {
          for (;;) {
            const { value: message, done } = await reader.read();
            if (done) break; // closed before the summary: reconnect (an unterminated last event is dropped, as EventSource does)
            // The parser reports only the id of this event; EventSource keeps the last one seen.
            if (message.id !== undefined) lastEventId = message.id;
            const event = JSON.parse(message.data) as E;
            yield { id: lastEventId ?? '', event };
            if (event.type === 'summary') return;
          }
        } finally {
          await reader.cancel().catch(() => undefined); // also cancels the response body: the connection closes
        }
      } catch (err) {
        if (options.signal?.aborted) throw err;
        if (err instanceof PostcopyApiError && err.status < 500) throw err;
        if (options.reconnect === false) throw err;
      }
      if (options.reconnect === false) return;
      await sleep(retryMs, options.signal);
    }
  }

  /**
   * Follows a migration to its end through its events; `onEvent` sees each one (a progress bar, a
   * live plot). Returns the final migration, summary included.
   */
  async follow(id: string, options: EventsOptions & { onEvent?: (e: MigrationEvent) => void } = {}): Promise<Migration> {
    for await (const { event } of this.events(id, options)) {
      options.onEvent?.(event);
      if (event.type === 'summary') return event.migration;
    }
    return this.get(id, { signal: options.signal }); // resumed after the end
  }
}

export function createPostcopyClient(options: PostcopyClientOptions): PostcopyClient {
  return new PostcopyClient(options);
}

function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (!result.response.ok || result.data === undefined) {
    const problem = typeof result.error === 'object' && result.error !== null ? (result.error as Problem) : undefined;
    throw new PostcopyApiError(result.response.status, problem, result.response);
  }
  return result.data;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
