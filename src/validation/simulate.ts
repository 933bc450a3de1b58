/**
 * Runs one simulation to the end for validation (docs/validation.md, the trend tests): the result,
 * plus whatever a caller folds over the fault events as they stream out (nothing is kept).
 */
import { createSimulation, migrationSpecSchema, type FaultEventBatch, type MigrationResult, type MigrationSpecInput } from '../sim/index.js';

export function simulate(input: MigrationSpecInput, onBatch?: (batch: FaultEventBatch) => void): MigrationResult {
  const sim = createSimulation(migrationSpecSchema.parse(input));
  for (let b = sim.next(200_000); b; b = sim.next(200_000)) onBatch?.(b);
  return sim.result();
}
