import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../src/sim/event-queue.js';
import { IntMap } from '../../src/sim/intmap.js';
import { Bitmap, SelectIndex } from '../../src/sim/memory.js';
import { Rng } from '../../src/sim/rng.js';
import { Placement, PieceDist } from '../../src/sim/workload.js';
import { bucketOf, LatencyHistogram } from '../../src/sim/stats.js';
import { ChunksInFlight } from '../../src/sim/model/chunks-in-flight.js';

describe('Bitmap and SelectIndex', () => {
  it('agree with a boolean array under random range operations', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { maxLength: 60 }), (size, ops) => {
        const ref = new Array<boolean>(size).fill(true);
        const idx = new SelectIndex(size);
        const bm = new Bitmap(size);
        for (const [x, y, op] of ops) {
          const a = x % size;
          const b = Math.min(size, a + (y % 700));
          if (op) {
            let n = 0;
            for (let i = a; i < b; i++) {
              if (ref[i]) {
                ref[i] = false;
                n++;
              }
            }
            expect(idx.clearRange(a, b)).toBe(n);
            bm.setRange(a, b);
          } else if (a < size) {
            if (!ref[a]) idx.set(a);
            ref[a] = true;
            bm.clear(a);
          }
        }
        const setPositions = ref.flatMap((v, i) => (v ? [i] : []));
        expect(idx.count).toBe(setPositions.length);
        for (let k = 0; k < setPositions.length; k += Math.max(1, Math.floor(setPositions.length / 50))) expect(idx.select(k)).toBe(setPositions[k]);
        for (let i = 0; i <= size; i += Math.max(1, Math.floor(size / 40))) expect(idx.prefix(i)).toBe(setPositions.filter((p) => p < i).length);
        // Ranges short (counted from the words) and long (from the prefix sums), at every offset.
        for (let a = 0; a < size; a += Math.max(1, Math.floor(size / 23))) {
          for (const len of [0, 1, 16, 31, 512, 513, 4000]) {
            const b = Math.min(size, a + len);
            expect(idx.countRange(a, b)).toBe(setPositions.filter((p) => p >= a && p < b).length);
          }
        }
        const first = ref.indexOf(true);
        expect(idx.bits.nextSet(0, size)).toBe(first);
        expect(bm.countRange(0, size)).toBe(bm.words.reduce((s, w) => s + w.toString(2).split('1').length - 1, 0));
      }),
      { numRuns: 60 },
    );
  });
});

describe('IntMap', () => {
  it('behaves like a Map under random operations', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 3000 }), fc.boolean()), { maxLength: 2000 }), (ops) => {
        const m = new IntMap(4);
        const ref = new Map<number, number>();
        ops.forEach(([k, del], i) => {
          const key = k * 2 ** 21; // large keys
          if (del) expect(m.delete(key)).toBe(ref.delete(key));
          else {
            m.set(key, i);
            ref.set(key, i);
          }
        });
        expect(m.size).toBe(ref.size);
        for (const [k, v] of ref) expect(m.get(k)).toBe(v);
        expect(m.get(12345)).toBe(-1);
      }),
      { numRuns: 40 },
    );
  });
});

describe('ChunksInFlight', () => {
  it('finds every chunk by its sequence number while chunks finish out of order and the finished prefix is dropped', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 5000, max: 20_000 }), fc.integer(), (window, total, seed) => {
        const chunks = new ChunksInFlight();
        const rng = new Rng(seed);
        const open: number[] = [];
        for (let k = 0; k < total; k++) {
          expect(chunks.push(k * 256, k * 256 + 256, k, k + 0.5, k + 1, k + 2)).toBe(k);
          open.push(k);
          // Finish one of the `window` oldest open chunks (several receive threads), in any order.
          while (open.length >= window || (k === total - 1 && open.length > 0)) {
            const [seq] = open.splice(Math.floor(rng.float() * Math.min(window, open.length)), 1);
            const i = chunks.indexOf(seq);
            expect([chunks.start[i], chunks.end[i], chunks.sentAt[i], chunks.arrival[i], chunks.fillStart[i], chunks.installAt[i]]).toEqual([seq * 256, seq * 256 + 256, seq, seq + 0.5, seq + 1, seq + 2]);
            expect(chunks.done[i]).toBe(0);
            chunks.finish(i);
          }
          if (k % 997 === 0) for (let i = chunks.head; i < chunks.length; i++) expect(chunks.done[i] === 0).toBe(open.includes(chunks.start[i] / 256));
        }
        expect(chunks.head).toBe(chunks.length);
        // The finished prefix was dropped: the columns hold far fewer than all the chunks sent.
        expect(chunks.length).toBeLessThan(8200);
      }),
      { numRuns: 8 },
    );
  });
});

describe('EventQueue', () => {
  it('pops in (time, insertion) order', () => {
    const q = new EventQueue(2);
    const rng = new Rng(3);
    const ref: [number, number][] = [];
    for (let i = 0; i < 5000; i++) {
      const t = Math.floor(rng.float() * 100);
      q.push(t, 1, i);
      ref.push([t, i]);
    }
    ref.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (const [t, i] of ref) {
      expect(q.pop()).toBe(true);
      expect(q.t).toBe(t);
      expect(q.a).toBe(i);
    }
    expect(q.pop()).toBe(false);
  });
});

describe('Rng', () => {
  it('is reproducible and roughly uniform', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    let sum = 0;
    for (let i = 0; i < 10000; i++) {
      const x = a.float();
      expect(x).toBe(b.float());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      sum += x;
    }
    expect(sum / 10000).toBeCloseTo(0.5, 1);
    const g = new Rng(1);
    let gs = 0;
    for (let i = 0; i < 20000; i++) gs += g.geometric(0.1);
    expect(gs / 20000).toBeCloseTo(10, 0);
  });
});

describe('Placement and PieceDist', () => {
  it('placement is a block permutation with an exact inverse', () => {
    for (const frames of [512 * 64, 512 * 3 * 7, 2 ** 22]) {
      const p = new Placement(frames, 512, true, new Rng(5));
      const seen = new Set<number>();
      for (let blk = 0; blk < frames / 512; blk++) {
        const f = p.rankToFrame(blk * 512 + 3);
        expect(p.frameToRank(f)).toBe(blk * 512 + 3);
        seen.add(Math.floor(f / 512));
      }
      expect(seen.size).toBe(frames / 512);
    }
  });

  it('zipf pieces cover the working set and track the faulting mass', () => {
    const w = 100_000;
    const idx = new SelectIndex(w);
    const d = PieceDist.zipf(w, 1.1);
    d.init(idx);
    expect(d.sizes.reduce((a, b) => a + b, 0)).toBe(w);
    expect(d.mass).toBeCloseTo(1, 9);
    const removed = idx.clearRange(0, 1);
    d.onCleared(0, 1, idx, removed);
    expect(d.mass).toBeLessThan(1);
    const rng = new Rng(1);
    for (let i = 0; i < 200; i++) {
      const r = d.pick(rng, idx);
      expect(idx.has(r)).toBe(true);
    }
  });
});

describe('LatencyHistogram', () => {
  it('reports percentiles within 2 % and the exact max', () => {
    const h = new LatencyHistogram();
    for (let i = 1; i <= 100_000; i++) h.addInBucket(bucketOf(i * 37), i * 37);
    const s = h.summary();
    expect(s.count).toBe(100_000);
    expect(s.maxNs).toBe(3_700_000);
    expect(Math.abs(s.p50Ns - 1_850_000) / 1_850_000).toBeLessThan(0.02);
    expect(Math.abs(s.p99Ns - 3_663_000) / 3_663_000).toBeLessThan(0.02);
  });
});
