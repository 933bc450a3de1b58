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

/** Mean resolve - raise latency of the faults raised by vCPUs (not the vhost thread nor the restore). */
export function simulateVcpuMeanLatency(input: MigrationSpecInput): { result: MigrationResult; meanLatencyNs: number } {
  let sum = 0;
  let n = 0;
  const result = simulate(input, (b) => {
    for (let i = 0; i < b.length; i++) {
      if (b.vcpu[i] < 0) continue;
      sum += b.resolvedAtNs[i] - b.raisedAtNs[i];
      n++;
    }
  });
  return { result, meanLatencyNs: n > 0 ? sum / n : 0 };
}
