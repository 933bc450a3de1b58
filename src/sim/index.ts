/**
 * The simulator's public surface. Pure: no I/O, no clock, no randomness but its seeded generator.
 * A Simulation is pulled in batches so that the caller controls pace (backpressure while storing
 * events) and can stop between batches (cancellation).
 */
import type { FaultEventBatch } from './events.js';
import type { MigrationResult, SimulationProgress } from './result.js';

export interface Simulation {
  /**
   * Runs until up to `maxEvents` more fault events exist, or (when given) until at least
   * `pauseAtPagesPresent` frames are on the target, so that progress can be sampled at the moment
   * pages arrive; returns the events (possibly none), or null once the simulation is over. Pausing
   * changes nothing in the run.
   */
  next(maxEvents: number, pauseAtPagesPresent?: number): FaultEventBatch | null;
  progress(): SimulationProgress;
  /** The summary; only after next() has returned null. */
  result(): MigrationResult;
}

export type { FaultEventBatch } from './events.js';
export type { MigrationOutcome, MigrationResult, SimulationProgress } from './result.js';
export type { MigrationSpec, MigrationSpecInput } from './spec.js';
export { migrationSpecSchema } from './spec.js';
export { migrationResultSchema, simulationProgressSchema } from './result.js';
export * from './vocabulary.js';

export { createSimulation } from './kernel/engine.js';
export { MODEL_VERSION } from './model-version.js';
export { COST_DEFS, COST_NAMES } from './costs.js';
