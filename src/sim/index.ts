/**
 * The simulator's public surface. Pure: no I/O, no clock, no randomness but its seeded generator.
 * A Simulation is pulled in batches so that the caller controls pace (backpressure while storing
 * events) and can stop between batches (cancellation).
 */
import type { FaultEventBatch } from './events.js';
import type { MigrationResult, SimulationProgress, Violation } from './result.js';

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
  /**
   * Every correctness violation in the order the simulator detected them, up to MAX_RECORDED_VIOLATIONS (the
   * summary holds only the first VIOLATION_SAMPLE_SIZE); only after next() has returned null.
   */
  violations(): readonly Violation[];
}

export type { FaultEventBatch } from './events.js';
export type { MigrationOutcome, MigrationResult, SimulationProgress, Violation } from './result.js';
export type { MigrationSpec, MigrationSpecInput } from './spec.js';
export { migrationSpecSchema } from './spec.js';
export { MAX_RECORDED_VIOLATIONS, VIOLATION_SAMPLE_SIZE, migrationResultSchema, simulationProgressSchema, violationSchema } from './result.js';
export * from './vocabulary.js';

export { createSimulation } from './kernel/engine.js';
export { MODEL_VERSION } from './model-version.js';
export { COST_DEFS, COST_NAMES, resolveCosts, resolvedCostsSchema } from './costs.js';
