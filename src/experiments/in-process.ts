import type { ExperimentPlan } from './plan.js';
import { experimentResults, resultRow, type ExperimentResults } from './results.js';
import type { MigrationResult } from '../sim/index.js';
import { simulate } from '../validation/simulate.js';

/**
 * Runs an experiment's plan in this process, one run after another, and builds the same results
 * table the service builds from its stored runs: what scripts/calibrate.ts uses to write
 * docs/validation.md from the presets.
 */
export function runInProcess(plan: ExperimentPlan, onRun?: (index: number, result: MigrationResult) => void): ExperimentResults {
  const { runs, ...request } = plan;
  return experimentResults(
    request,
    runs.map((run) => {
      const summary = simulate(run.spec);
      onRun?.(run.index, summary);
      return resultRow({ id: `run-${run.index}`, runIndex: run.index, runParams: run.params, seed: run.spec.seed, status: 'succeeded', summary });
    }),
  );
}
