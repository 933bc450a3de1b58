import { describe, expect, it } from 'vitest';
import { createSimulation, migrationResultSchema, migrationSpecSchema } from '../../src/sim/index.js';
import { run, SMALL } from './helpers.js';

describe('determinism', () => {
  it('the same request gives byte-identical events and results', () => {
    const a = run(SMALL);
    const b = run(SMALL);
    expect(JSON.stringify(a.events)).toBe(JSON.stringify(b.events));
    expect(JSON.stringify(a.result)).toBe(JSON.stringify(b.result));
  });

  it('the event sequence does not depend on the batch size', () => {
    const a = run(SMALL, 1);
    const b = run(SMALL, 7);
    const c = run(SMALL, 100_000);
    const strip = (e: ReturnType<typeof run>['events']) => JSON.stringify({ ...e, firstSeqs: [] });
    expect(strip(a.events)).toBe(strip(b.events));
    expect(strip(a.events)).toBe(strip(c.events));
    expect(JSON.stringify(a.result)).toBe(JSON.stringify(c.result));
  });

  it('pausing at page arrivals (to sample progress) changes neither the events nor the result', () => {
    const plain = run(SMALL, 5000);
    const sim = createSimulation(migrationSpecSchema.parse(SMALL));
    const total = sim.progress().pagesTotal;
    const step = Math.ceil(total / 100);
    let pauseAt = sim.progress().pagesPresent + step;
    const seqs: number[] = [];
    const samples: number[] = [];
    let pauses = 0;
    for (let b = sim.next(5000, pauseAt); b; b = sim.next(5000, pauseAt)) {
      for (let i = 0; i < b.length; i++) seqs.push(b.firstSeq + i);
      const p = sim.progress();
      if (p.pagesPresent >= pauseAt) {
        pauses++;
        samples.push(p.pagesPresent);
        pauseAt = p.pagesPresent + step;
      }
    }
    expect(seqs).toEqual(Array.from({ length: plain.events.n }, (_, i) => i));
    expect(JSON.stringify(sim.result())).toBe(JSON.stringify(plain.result));
    // it stopped at (nearly) every 1% of the pages: right after the arrival that crossed each threshold
    expect(pauses).toBeGreaterThanOrEqual(50);
    for (let i = 1; i < samples.length; i++) expect(samples[i] - samples[i - 1]).toBeGreaterThanOrEqual(step);
  });

  it('seqs are dense from 0 and batches never exceed maxEvents', () => {
    const { events } = run(SMALL, 13);
    let expected = 0;
    for (const s of events.firstSeqs) {
      expect(s).toBe(expected);
      expected += 13;
    }
    expect(events.firstSeqs.length).toBe(Math.ceil(events.n / 13));
  });

  it('a different seed gives a different run', () => {
    const a = run(SMALL);
    const b = run({ ...SMALL, seed: 43 });
    expect(JSON.stringify(a.events)).not.toBe(JSON.stringify(b.events));
  });

  it('the small example completes and its result validates', () => {
    const { result, events } = run(SMALL);
    expect(result.outcome).toBe('completed');
    expect(() => migrationResultSchema.parse(result)).not.toThrow();
    expect(result.faults.total).toBe(events.n);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});
