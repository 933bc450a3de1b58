import { z } from 'zod';
import type { MigrationStatus } from '../generated/prisma/enums.js';
import { migrationStatusSchema } from '../lib/migration-status.js';
import { axisValueSchema, type ExperimentRequestRecord, type RunParams } from './plan.js';
import { aggregate, aggregateRowSchema, runMetrics, runMetricsSchema, RUN_METRICS, RUN_METRIC_NAMES, type SummaryRead } from './metrics.js';
import { PRESETS, publishedFigure, type Preset, type PresetName } from './presets.js';

/** A run as stored: a migration row of the experiment. */
export interface StoredRun {
  id: string;
  runIndex: number;
  runParams: RunParams;
  /** Its spec's seed. */
  seed: number;
  status: MigrationStatus;
  /** Its summary, or the part of it the table reads (SUMMARY_FIELDS_READ). */
  summary: SummaryRead | null;
}

export const resultRowSchema = z.object({
  index: z.int().describe('Position of the run (the order of the axes, seeds innermost).'),
  migrationId: z.uuid().describe('The run is this migration: its summary, faults and events are at /v1/migrations/{migrationId}.'),
  values: z.record(z.string(), axisValueSchema).describe('The axis values of the run ({ path: value }).'),
  seedIndex: z.int().describe('Seed repetition, from 0: the run\'s seed is that of its combination + seedIndex.'),
  seed: z.int().describe('The run\'s seed (its spec\'s): submitting that spec alone gives the same run.'),
  status: migrationStatusSchema.describe('The run\'s migration status.'),
  outcome: z.string().nullable().describe('summary.outcome, once the run ended.'),
  correct: z.boolean().nullable().describe('summary.correct: completed with no correctness violation.'),
  guestImpaired: z.boolean().nullable().describe('summary.guestImpaired: poison reached by a kernel access left part of the guest broken (a livelocked vCPU, a broken virtqueue).'),
  metrics: runMetricsSchema.nullable(),
});
export type ResultRow = z.infer<typeof resultRowSchema>;

export const experimentResultsSchema = z
  .object({
    columns: z.array(z.string()).describe('The varied fields, in axis order (linked fields after their axis).'),
    metrics: z.array(z.object({ name: z.enum(RUN_METRIC_NAMES), unit: z.string(), description: z.string() })).describe('The metrics of every row, with their units.'),
    runs: z.array(resultRowSchema),
    aggregates: z
      .array(
        aggregateRowSchema.extend({
          published: z
            .object({ value: z.number(), ratio: z.number().nullable().describe('simulated mean / published.') })
            .nullable()
            .describe('For a preset: the published figure of this combination, in the metric\'s unit.'),
        }),
      )
      .describe('One row per combination of axis values: the metrics over the seeds.'),
    preset: z
      .object({ name: z.string(), title: z.string(), source: z.string(), metric: z.enum(RUN_METRIC_NAMES), unit: z.string(), scale: z.number().describe('Display: metric / scale, in unit.') })
      .nullable(),
  })
  .describe('The results table of an experiment.');
export type ExperimentResults = z.infer<typeof experimentResultsSchema>;

/** A run's row of the results table: its place, axis values, state and metrics. */
export function resultRow(run: StoredRun): ResultRow {
  return {
    index: run.runIndex,
    migrationId: run.id,
    values: run.runParams.values,
    seedIndex: run.runParams.seedIndex,
    seed: run.seed,
    status: run.status,
    outcome: run.summary?.outcome ?? null,
    correct: run.summary?.correct ?? null,
    // Summaries stored before the field existed say nothing about it.
    guestImpaired: run.summary?.guestImpaired ?? null,
    metrics: run.summary ? runMetrics(run.summary) : null,
  };
}

/** The results table of an experiment from its request and its runs' rows (resultRow), in run order. */
export function experimentResults(request: ExperimentRequestRecord, rows: ResultRow[]): ExperimentResults {
  const preset: Preset | null = request.preset ? PRESETS[request.preset as PresetName] : null;
  const aggregates = aggregate(rows.map((r) => ({ params: { values: r.values, seedIndex: r.seedIndex }, outcome: r.outcome, metrics: r.metrics }))).map((row) => {
    if (!preset) return { ...row, published: null };
    const value = publishedFigure(preset, row.values);
    if (value === null) return { ...row, published: null };
    const simulated = row.metrics?.[preset.metric]?.mean;
    return { ...row, published: { value, ratio: simulated === undefined ? null : simulated / value } };
  });
  return {
    columns: request.axes.flatMap((a) => [a.path, ...Object.keys(a.with ?? {})]),
    metrics: RUN_METRIC_NAMES.map((name) => ({ name, unit: RUN_METRICS[name].unit, description: RUN_METRICS[name].describe })),
    runs: rows,
    aggregates,
    preset:
      preset && request.preset
        ? { name: request.preset, title: preset.title, source: preset.source, metric: preset.metric, unit: preset.unit, scale: preset.scale }
        : null,
  };
}

/** CSV of the runs: one line per run, axis values then metrics (RFC 4180 quoting). */
export function resultsCsv(results: ExperimentResults): string {
  const header = ['run', 'migrationId', ...results.columns, 'seedIndex', 'seed', 'status', 'outcome', 'correct', 'guestImpaired', ...RUN_METRIC_NAMES];
  const lines = [header.map(csvCell).join(',')];
  for (const r of results.runs) {
    const cells = [
      r.index,
      r.migrationId,
      ...results.columns.map((c) => r.values[c]),
      r.seedIndex,
      r.seed,
      r.status,
      r.outcome,
      r.correct,
      r.guestImpaired,
      ...RUN_METRIC_NAMES.map((m) => r.metrics?.[m] ?? null),
    ];
    lines.push(cells.map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
