import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_SUBMISSION } from '../../src/routes/migrations.js';
import type { EventMessage, Migration, MigrationEvent } from '../../sdk/src/index.js';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { connectionOptions } from '../../src/queue/queues.js';
import { LiveEvents } from '../../src/services/live-events.js';
import { until } from '../support/processes.js';
import { startStack, type Stack } from '../support/stack.js';

/** A run long enough (about a second or more) to give several progress samples. */
const LONG = { ...EXAMPLE_SUBMISSION, seed: 5, vm: { arch: 'x86_64', memoryMiB: 8192, vcpus: 16 }, workload: { pattern: 'uniform' } } as const;

let stack: Stack;
beforeAll(async () => {
  // No worker yet: each test starts it when it wants the migration to run.
  stack = await startStack({ env: { EVENT_BATCH_SIZE: '2000', SSE_HEARTBEAT_MS: '300' } });
  stack.startWorker();
});
afterAll(() => stack?.close());

async function collect(id: string, lastEventId?: string, stopAfter?: (m: EventMessage) => boolean): Promise<EventMessage[]> {
  const out: EventMessage[] = [];
  const abort = new AbortController();
  try {
    for await (const m of stack.api.sdk.events(id, { lastEventId, signal: abort.signal, reconnect: false })) {
      out.push(m);
      if (stopAfter?.(m)) {
        abort.abort(); // drop the connection mid-stream
        break;
      }
    }
  } catch (err) {
    if (!abort.signal.aborted) throw err;
  }
  return out;
}

/** Redis stream ids "<ms>-<seq>" compare as pairs. */
const streamOrder = (a: string, b: string) => {
  const [am, as] = a.split('-').map(BigInt);
  const [bm, bs] = b.split('-').map(BigInt);
  return am === bm ? Number(as - bs) : Number(am - bm);
};

function checkHistory(events: EventMessage[], final: Migration) {
  const types = events.map((m) => m.event.type);
  expect(types[0]).toBe('status');
  expect(types.at(-1)).toBe('summary');
  expect(types.filter((t) => t === 'summary')).toHaveLength(1);
  const logged = events.slice(0, -1);
  for (let i = 1; i < logged.length; i++) expect(streamOrder(logged[i - 1].id, logged[i].id)).toBeLessThan(0);
  expect(events.at(-1)!.id).toBe('end');

  const progress = events.map((m) => m.event).filter((e): e is Extract<MigrationEvent, { type: 'progress' }> => e.type === 'progress');
  expect(progress.length).toBeGreaterThan(0);
  for (let i = 1; i < progress.length; i++) {
    expect(progress[i].simTimeNs).toBeGreaterThanOrEqual(progress[i - 1].simTimeNs);
    expect(progress[i].pagesPresent).toBeGreaterThanOrEqual(progress[i - 1].pagesPresent);
    expect(progress[i].faults).toBeGreaterThanOrEqual(progress[i - 1].faults);
  }
  // the last sample is the final state
  const last = progress.at(-1)!;
  const { type: _t, progress: fraction, ...detail } = last;
  expect(detail).toEqual(final.progressDetail);
  expect(fraction).toBe(final.progress);
  expect(last.faults).toBe(final.summary!.faults.total);
  expect(last.blocktimeNs).toBe(final.summary!.blocktime.totalNs);

  // every phase change is announced before the first sample of the new phase
  let phase: string | null = null;
  for (const { event } of events) {
    if (event.type === 'phase') {
      expect(event.previousPhase).toBe(phase);
      phase = event.phase;
    }
    if (event.type === 'progress') expect(event.phase).toBe(phase);
  }
  const summary = events.at(-1)!.event;
  expect(summary.type === 'summary' && summary.migration).toEqual(final);
}

describe('GET /v1/migrations/{id}/events', () => {
  let done: Migration;
  let history: EventMessage[];

  beforeAll(async () => {
    done = await stack.api.sdk.waitFor((await stack.api.sdk.submit(EXAMPLE_SUBMISSION)).id, { intervalMs: 100, timeoutMs: 45_000 });
    history = await collect(done.id);
  });

  it('a finished migration: the whole history, then the final state and summary, then the stream ends', () => {
    expect(done.status).toBe('succeeded');
    checkHistory(history, done);
    expect(history[0].event).toMatchObject({ type: 'status', status: 'running', attempt: 1 });
  });

  it('Last-Event-ID resumes right after that event, at every point of the history', async () => {
    for (let k = 0; k < history.length - 1; k++) {
      const rest = await collect(done.id, history[k].id);
      expect(rest).toEqual(history.slice(k + 1));
    }
  });

  it('resuming after the last event ("end") answers 204: nothing will follow', async () => {
    const { response } = await stack.api.sdk.raw.GET('/v1/migrations/{id}/events', {
      params: { path: { id: done.id }, header: { 'last-event-id': 'end' } },
      parseAs: 'stream',
    });
    expect(response.status).toBe(204);
    expect(await collect(done.id, 'end')).toEqual([]);
  });

  it('an event id it never issued is a 400 problem; an unknown migration a 404', async () => {
    const bad = await stack.api.request('GET', `/v1/migrations/${done.id}/events`, { headers: { 'last-event-id': 'yesterday' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ in: 'headers', field: 'last-event-id' })]);
    expect((await stack.api.request('GET', `/v1/migrations/${randomUUID()}/events`)).status).toBe(404);
  });

  it('a running migration streams live; a dropped connection resumes without gaps or repeats', async () => {
    const worker = stack.startWorker(); // a second worker, so the run does not wait behind other tests
    try {
      const m = await stack.api.sdk.submit({ ...LONG, seed: 21 });
      // Follow live, drop the connection after the second progress sample, resume with Last-Event-ID.
      let samples = 0;
      const first = await collect(m.id, undefined, (e) => e.event.type === 'progress' && ++samples === 2);
      const firstSummary = first.find((e) => e.event.type === 'summary');
      const second = firstSummary ? [] : await collect(m.id, first.at(-1)!.id);
      const live = [...first, ...second];
      const final = await stack.api.sdk.get(m.id);
      checkHistory(live, final);
      expect(live.filter((e) => e.event.type === 'progress').length).toBeGreaterThanOrEqual(2);
      // What the live client saw is exactly what a late client replays.
      expect(await collect(m.id)).toEqual(live);
    } finally {
      await worker.close();
    }
  });

  it('a queued migration: heartbeats keep the stream open; a cancellation ends it with the summary', async () => {
    await stack.close();
    stack = await startStack({ env: { SSE_HEARTBEAT_MS: '200' } }); // no worker: the migration stays queued
    const m = await stack.api.sdk.submit({ ...EXAMPLE_SUBMISSION, seed: 22 });
    const res = await fetch(`${stack.baseUrl}/v1/migrations/${m.id}/events`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while ((text.match(/: heartbeat/g) ?? []).length < 2) text += (await reader.read()).value ?? '';
    expect(text).not.toContain('event:');

    await stack.api.sdk.cancel(m.id);
    for (let r = await reader.read(); !r.done; r = await reader.read()) text += r.value;
    const summary = text.split('\n\n').find((block) => block.includes('event: summary'))!;
    expect(summary).toContain('id: end');
    const data = JSON.parse(summary.split('\n').find((l) => l.startsWith('data: '))!.slice(6));
    expect(data).toMatchObject({ type: 'summary', migration: { id: m.id, status: 'cancelled', summary: null } });
  });

  it('a retried attempt (after a worker crash) continues the history instead of replaying it', async () => {
    const log = stack.container.progressLog;
    const id = randomUUID();
    const sample = (simTimeNs: number, phase: string) => ({ simTimeNs, phase, pagesPresent: simTimeNs, pagesTotal: 10, faults: simTimeNs, blocktimeNs: 0 });
    const first = await log.recorder(id);
    await first.started(1);
    for (const [t, phase] of [[1, 'switchover'], [2, 'postcopy'], [3, 'postcopy']] as const) await first.record(sample(t, phase));
    // the worker dies; the retry re-simulates from the start (deterministically)
    const retry = await log.recorder(id);
    await retry.started(2);
    for (const [t, phase] of [[1, 'switchover'], [2, 'postcopy'], [3, 'postcopy'], [4, 'postcopy'], [5, 'completed']] as const) await retry.record(sample(t, phase));
    const entries = (await log.read(id)).map(({ entry: e }) => (e.type === 'progress' ? `p${e.simTimeNs}` : e.type === 'phase' ? e.phase : `attempt${e.attempt}`));
    expect(entries).toEqual(['attempt1', 'switchover', 'p1', 'postcopy', 'p2', 'p3', 'attempt2', 'p4', 'completed', 'p5']);
  });

  it('closing the server ends the open streams (a client then resumes elsewhere)', async () => {
    const other = await startStack(); // no worker
    const m = await other.api.sdk.submit({ ...EXAMPLE_SUBMISSION, seed: 23 });
    const res = await fetch(`${other.baseUrl}/v1/migrations/${m.id}/events`);
    const reader = res.body!.getReader();
    await reader.read(); // the stream is open
    await other.close(); // would wait for the stream if it were not ended
    for (let r = await reader.read(); !r.done; r = await reader.read());
    const metrics = await stack.api.request('GET', '/metrics');
    expect(metrics.body).not.toContain('route="/v1/migrations/:id/events"'); // streams stay out of the latency histogram
  });
});

describe('runs of an experiment that share a job (experiments/batches.ts)', () => {
  it("the job's progress events and its completion wake each run's listeners, not only its first run's", async () => {
    const batched = await startStack(); // no worker until every run is listened to
    const redis = new Redis(batched.config.REDIS_URL);
    const live = new LiveEvents({ connection: connectionOptions(batched.config.REDIS_URL, true), prefix: batched.config.QUEUE_PREFIX, redis, log: pino({ level: 'silent' }) });
    try {
      const exp = await batched.api.sdk.experiment({ base: { ...EXAMPLE_SUBMISSION, vm: { arch: 'x86_64', memoryMiB: 1024, vcpus: 2 } }, seeds: 3 });
      const runs = (await batched.api.sdk.getExperiment(exp.id)).results!.runs.map((r) => r.migrationId);
      const { rows } = await batched.container.pool.query<{ job_id: string }>('SELECT DISTINCT job_id FROM migrations WHERE experiment_id = $1', [exp.id]);
      expect(rows).toEqual([{ job_id: runs[0] }]); // one job, named after the first run
      const signals = new Map(runs.map((id) => [id, new Set<string>()]));
      for (const id of runs) await live.subscribe(id, (signal) => signals.get(id)!.add(signal));
      batched.startWorker();
      await until(async () => runs.every((id) => signals.get(id)!.has('settled')), 30_000, 'every run to be settled');
      for (const id of runs) expect([...signals.get(id)!].sort(), id).toEqual(['progress', 'settled']);
    } finally {
      await live.close();
      redis.disconnect();
      await batched.close();
    }
  });
});
