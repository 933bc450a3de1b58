import { z } from 'zod';
import { migrationStatusSchema } from '../services/migration-service.js';
import { axisSchema, FAULT_EVENT_POLICIES } from '../experiments/plan.js';
import { PRESET_NAMES } from '../experiments/presets.js';
import { experimentResultsSchema } from '../experiments/results.js';
import { migrationSpecSchema } from '../sim/index.js';

/** HTTP shapes of the experiments routes (see schemas.ts for the conventions). */

const progressSchema = z
  .object({
    total: z.int().min(0).describe('Runs of the experiment.'),
    done: z.int().min(0).describe('Runs that have ended (succeeded, failed or cancelled).'),
    fraction: z.number().min(0).max(1).describe('done / total.'),
    byStatus: z.record(migrationStatusSchema, z.int().min(0)).describe('Runs per status.'),
  })
  .meta({ id: 'ExperimentProgress' });

/** The request as stored: every default filled in, a preset expanded to its base and axes. */
const storedRequestSchema = z.object({
  label: z.string().nullable(),
  preset: z.enum(PRESET_NAMES).nullable(),
  base: migrationSpecSchema,
  axes: z.array(axisSchema),
  seeds: z.int(),
  faultEvents: z.enum(FAULT_EVENT_POLICIES),
});

export const experimentSchema = z
  .object({
    id: z.uuid(),
    label: z.string().nullable(),
    status: migrationStatusSchema.describe('queued until a run starts; running; then succeeded (every run ended, whatever its outcome), failed (no run could be run by the service) or cancelled.'),
    runCount: z.int().min(1),
    modelVersion: z.int().min(0).describe('MODEL_VERSION of the service that accepted it; each run records the version that produced it (see its migration).'),
    cancelRequested: z.boolean(),
    createdAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
    progress: progressSchema,
    request: storedRequestSchema.describe('The request as stored: defaults filled in, a preset expanded.'),
    results: experimentResultsSchema.nullable().describe('The results table (GET /v1/experiments/{id} only; null in lists).'),
    links: z.object({ self: z.string(), results: z.string(), cancel: z.string() }),
  })
  .meta({ id: 'Experiment' });

export const experimentPageSchema = z.object({ items: z.array(experimentSchema), nextCursor: z.string().nullable() }).meta({ id: 'ExperimentPage' });

export const experimentIdParamsSchema = z.object({ id: z.uuid().describe('Experiment id.') });

export const resultsQuerySchema = z.object({
  format: z.enum(['json', 'csv', 'ndjson']).default('json').describe('json: the ExperimentResults object; csv: one line per run; ndjson: one ResultRow per line.'),
});

export function experimentPath(id: string): string {
  return `/v1/experiments/${id}`;
}

export type ExperimentDto = z.output<typeof experimentSchema>;
