/**
 * Preloaded into a worker process by bench/experiments.ts (`node --import tsx --import <this file>`):
 * samples the process's event-loop delay with perf_hooks and prints one JSON line per second (then
 * starts a new histogram), so the bench can keep the windows in which a migration ran. A block of the
 * loop by the simulation shows as the delay of the histogram's timer, i.e. its length.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

const WINDOW_MS = 1000;
const histogram = monitorEventLoopDelay({ resolution: 5 });
histogram.enable();
setInterval(() => {
  const sample = { at: Date.now(), windowMs: WINDOW_MS, maxMs: histogram.max / 1e6, p99Ms: histogram.percentile(99) / 1e6 };
  process.stdout.write(`${JSON.stringify({ eventLoopDelay: sample })}\n`);
  histogram.reset();
}, WINDOW_MS).unref();
