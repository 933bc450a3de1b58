import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventMessage, Experiment, ExperimentEvent, ExperimentRequest } from '../../sdk/src/index.js';
import { schemaProblems } from '../support/openapi-validator.js';
import { until } from '../support/processes.js';
import { startStack, type Stack } from '../support/stack.js';

let stack: Stack;
beforeAll(async () => {
  // No worker yet: the first stream opens before any run can end.
  stack = await startStack({ auth: true });
});
afterAll(() => stack?.close());

/**
 * 2 vCPU counts x 12 seeds of 16 GiB (~60 ms of simulation each, in batches of 2 runs): about 1.5 s
 * of runs ending one after another, long enough for the stream to see them come in.
 */
const SWEEP = {
  label: 'streamed',
  base: { seed: 11, vm: { arch: 'x86_64', memoryMiB: 16384, vcpus: 4 }, workload: { pattern: 'uniform' } },
  axes: [{ path: 'vm.vcpus', values: [4, 16] }],
  seeds: 12,
} satisfies ExperimentRequest;

type RunEvent = Extract<ExperimentEvent, { type: 'run' }>;
type ProgressEvent = Extract<ExperimentEvent, { type: 'progress' }>;

/**
 * The events of one connection, each checked against openapi.yaml (`out`, when given, fills in as
 * they come); `stopAfter` drops the connection after that event.
 */
async function collect(
  id: string,
  lastEventId?: string,
  stopAfter?: (m: EventMessage<ExperimentEvent>) => boolean,
  out: EventMessage<ExperimentEvent>[] = [],
): Promise<EventMessage<ExperimentEvent>[]> {
  const abort = new AbortController();
  try {
    for await (const m of stack.api.sdk.experimentEvents(id, { lastEventId, signal: abort.signal, reconnect: false })) {
      expect(schemaProblems('ExperimentEvent', m.event)).toEqual([]);
      out.push(m);
      if (stopAfter?.(m)) {
        abort.abort();
        break;
      }
    }
  } catch (err) {
    if (!abort.signal.aborted) throw err;
  }
  return out;
}

const runsOf = (events: EventMessage<ExperimentEvent>[]) => events.map((m) => m.event).filter((e): e is RunEvent => e.type === 'run');
const progressOf = (events: EventMessage<ExperimentEvent>[]) => events.map((m) => m.event).filter((e): e is ProgressEvent => e.type === 'progress');

describe('an experiment followed live from its submission', () => {
  let submitted: Experiment;
  let events: EventMessage<ExperimentEvent>[];

  beforeAll(async () => {
    submitted = await stack.api.sdk.experiment(SWEEP);
    const received: EventMessage<ExperimentEvent>[] = [];
    const collected = collect(submitted.id, undefined, undefined, received);
    await until(async () => received.length > 0, 10_000, 'the first event');
    stack.startWorker();
    events = await collected;
  });

  it('sends its progress first (nothing ended yet), each run once as it ends, and last the experiment as GET answers it', async () => {
    expect(events[0].event).toMatchObject({ type: 'progress', status: 'queued', progress: { done: 0, total: 24 } });
    const last = events.at(-1)!;
    expect(last.id).toBe('end');
    if (last.event.type !== 'summary') throw new Error(`last event: ${last.event.type}`);
    expect(events.filter((m) => m.event.type === 'summary')).toHaveLength(1);

    const final = await stack.api.sdk.getExperiment(submitted.id);
    expect(last.event.experiment).toEqual(final);
    expect(final.status).toBe('succeeded');
    expect(final.links.events).toBe(`/v1/experiments/${submitted.id}/events`);

    // Every run once, with its final row of the table.
    const runs = runsOf(events);
    expect(runs.map((e) => e.run.index).sort((a, b) => a - b)).toEqual(final.results!.runs.map((r) => r.index));
    for (const { run } of runs) expect(run).toEqual(final.results!.runs[run.index]);
  });

  it('shows the runs coming in: progress only grows, runs end before the experiment does', () => {
    const progress = progressOf(events);
    expect(progress[0].progress.total).toBe(24);
    for (let i = 1; i < progress.length; i++) expect(progress[i].progress.done).toBeGreaterThanOrEqual(progress[i - 1].progress.done);
    expect(progress.at(-1)!.progress).toMatchObject({ done: 24, fraction: 1 });
    expect(progress.at(-1)!.status).toBe('succeeded');
    // Seen while running, not only at the end: some progress between none and all.
    expect(progress.some((p) => p.status === 'running' && p.progress.done > 0 && p.progress.done < 24), JSON.stringify(progress.map((p) => p.progress.done))).toBe(true);
    // Each event's count of runs is that of the run events before it.
    let sent = 0;
    for (const { event } of events) {
      if (event.type === 'run') sent++;
      if (event.type === 'progress') expect(event.progress.done).toBe(sent);
    }
  });

  it('resumes with Last-Event-ID: the runs the client had are not sent again, the others are', async () => {
    let seen = 0;
    const first = await collect(submitted.id, undefined, (m) => m.event.type === 'run' && ++seen === 9);
    const had = runsOf(first).map((e) => e.run.index);
    expect(had).toHaveLength(9);
    const rest = await collect(submitted.id, first.at(-1)!.id);
    const got = runsOf(rest).map((e) => e.run.index);
    expect(got).toHaveLength(15);
    expect(new Set([...had, ...got]).size).toBe(24);
    // The experiment has ended: the other runs, its progress (all of them), the summary.
    expect(rest.map((m) => m.event.type)).toEqual([...got.map(() => 'run'), 'progress', 'summary']);
    expect(progressOf(rest)[0].progress.done).toBe(24);
    expect(rest.at(-1)!.id).toBe('end');

    // After the end: nothing follows (204; the SDK's iteration is empty).
    expect(await collect(submitted.id, 'end')).toEqual([]);
  });

  it('refuses a Last-Event-ID that this experiment\'s stream could not have issued (400 naming the header)', async () => {
    const path = `/v1/experiments/${submitted.id}/events`;
    // Not base64url; not canonical base64url; a run beyond the last (24 runs: bit 24 is the 25th).
    for (const id of ['runs-!', 'runs-A', 'runs-____AQ', 'run-AA', '123-0']) {
      const res = await stack.api.request('GET', path, { headers: { 'last-event-id': id } });
      expect(res.status, id).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.body.errors[0]).toMatchObject({ in: 'headers', field: 'last-event-id' });
    }
    expect((await stack.api.request('GET', '/v1/experiments/00000000-0000-4000-8000-000000000000/events')).status).toBe(404);
  });
});

it('a cancel mid-way ends the stream with the cancelled experiment, every run sent once', async () => {
  const long = await stack.api.sdk.experiment({ ...SWEEP, label: 'streamed, cancelled', base: { ...SWEEP.base, seed: 12, vm: { arch: 'x86_64' as const, memoryMiB: 65536, vcpus: 4 } }, seeds: 10 });
  let cancelled = false;
  const events: EventMessage<ExperimentEvent>[] = [];
  for await (const m of stack.api.sdk.experimentEvents(long.id)) {
    events.push(m);
    if (!cancelled && m.event.type === 'run') {
      cancelled = true;
      await stack.api.sdk.cancelExperiment(long.id);
    }
  }
  const last = events.at(-1)!.event;
  if (last.type !== 'summary') throw new Error(`last event: ${last.type}`);
  expect(last.experiment.status).toBe('cancelled');
  expect(last.experiment.progress.byStatus.cancelled).toBeGreaterThan(0);
  const runs = runsOf(events);
  expect(runs.map((e) => e.run.index).sort((a, b) => a - b)).toEqual(last.experiment.results!.runs.map((r) => r.index));
  expect(runs.filter((e) => e.run.status === 'cancelled').length).toBe(last.experiment.progress.byStatus.cancelled);
});

it('tells how far the running runs are: a long run moves between its start and its end', async () => {
  // 2 runs of 512 GiB, ~1 s each or more: each reports its progress every 250 ms.
  const long = await stack.api.sdk.experiment({ label: 'long runs', base: { seed: 13, vm: { arch: 'x86_64', memoryMiB: 524288, vcpus: 8 }, workload: { pattern: 'uniform' } }, seeds: 2 });
  const events = await collect(long.id);
  const seen = new Map<number, number[]>();
  for (const p of progressOf(events)) for (const r of p.running) seen.set(r.index, [...(seen.get(r.index) ?? []), r.progress]);
  // Some run was seen part of the way, and each run's progress only grew.
  expect([...seen.values()].flat().some((f) => f > 0 && f < 1), JSON.stringify([...seen])).toBe(true);
  for (const fractions of seen.values()) for (let i = 1; i < fractions.length; i++) expect(fractions[i]).toBeGreaterThanOrEqual(fractions[i - 1]);
  // A run listed as running has not been sent as ended before; the last progress lists none.
  const ended = new Set<number>();
  for (const { event } of events) {
    if (event.type === 'run') ended.add(event.run.index);
    if (event.type === 'progress') for (const r of event.running) expect(ended.has(r.index), `run ${r.index}`).toBe(false);
  }
  expect(progressOf(events).at(-1)!.running).toEqual([]);
});
