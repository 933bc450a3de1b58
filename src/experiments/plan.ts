import { z } from 'zod';
import { migrationSpecSchema, type MigrationSpec } from '../sim/index.js';
import type { RunMetricName } from './metrics.js';
import { PRESETS, PRESET_NAMES, type PresetName } from './presets.js';
import { fieldMessage } from '../lib/field-message.js';

/**
 * An experiment request and its expansion into runs: pure (no I/O), so the API, the CLI and
 * scripts/calibrate.ts expand a request identically.
 */

/** Most runs one experiment may have: a bound on the work and rows one request creates. */
const MAX_RUNS = 1000;
const MAX_SEEDS = 100;
/** Most fields one axis may link (`with`): far more than a sweep needs, few enough to check quickly. */
const MAX_LINKED_FIELDS = 64;
export const FAULT_EVENT_POLICIES = ['all', 'sample', 'none'] as const;
type FaultEventsPolicy = (typeof FAULT_EVENT_POLICIES)[number];

const specPathSchema = z
  .string()
  .max(200)
  .regex(/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/, 'a dotted path of spec fields, e.g. "vm.vcpus"');

/**
 * A value an axis gives a field: any JSON value (written out one level deep: a recursive schema has
 * no OpenAPI rendering); null removes the field so that its default applies.
 */
export const axisValueSchema = z
  .union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.unknown()), z.record(z.string(), z.unknown())])
  .meta({ id: 'AxisValue', description: 'A JSON value of a spec field; null: the field is left out (its default applies).' });
type AxisValue = z.infer<typeof axisValueSchema>;

export const axisSchema = z
  .strictObject({
    path: specPathSchema.describe('Dotted path of the migration spec field this axis varies, e.g. "vm.vcpus" or "strategy.mechanism".'),
    values: z
      .array(axisValueSchema)
      .min(1)
      .max(MAX_RUNS)
      .describe('The values the field takes, one group of runs each, in this order. null removes the field from the base (its default applies).'),
    with: z
      .record(specPathSchema, z.array(axisValueSchema))
      .refine((linked) => Object.keys(linked).length <= MAX_LINKED_FIELDS, `at most ${MAX_LINKED_FIELDS} linked fields`)
      .meta({ maxProperties: MAX_LINKED_FIELDS })
      .optional()
      .describe(
        'Fields that move together with this axis: for each path, one value per entry of `values` (e.g. vm.memoryMiB scaled with vm.vcpus, or strategy.uffdMode set only for one mechanism).',
      ),
  })
  .meta({
    id: 'ExperimentAxis',
    examples: [{ path: 'vm.vcpus', values: [1, 4, 16], with: { 'vm.memoryMiB': [64, 256, 1024] } }],
  });
export type Axis = z.output<typeof axisSchema>;

const requestShape = z.strictObject({
  label: z
    .string()
    .trim()
    .min(1)
    .max(200)
    // PostgreSQL's text and jsonb take neither (the request is stored as both).
    // (\p{Cs} in a u regex: a surrogate not paired into one code point.)
    .refine((label) => !/[\0\p{Cs}]/u.test(label), 'must not contain NUL characters or unpaired UTF-16 surrogates')
    .optional()
    .describe('A name for people (lists, the dashboard, exports); a preset\'s name when a preset is given without one.'),
  preset: z
    .enum(PRESET_NAMES)
    .optional()
    .describe('A published measurement to reproduce: the preset defines `base` and `axes` (leave them out), and its results carry the published figures beside the simulated ones (docs/validation.md).'),
  base: migrationSpecSchema.optional().describe('The migration every run starts from (a MigrationRequest); required unless `preset` is given.'),
  axes: z
    .array(axisSchema)
    .max(8)
    .default([])
    .describe('The fields to vary. Runs are the cartesian product of the axes, the first axis outermost.'),
  seeds: z
    .int()
    .min(1)
    .max(MAX_SEEDS)
    .default(1)
    .describe('Repetitions of every combination with different seeds: repetition i runs with seed = spec seed + i. The results aggregate over them (mean, min, max).'),
  faultEvents: z
    .enum(FAULT_EVENT_POLICIES)
    .default('none')
    .describe('Which per-page fault events each run stores: all, sample (every 64th by seq), or none (the summaries are complete either way).'),
}).meta({
  id: 'ExperimentRequest',
  examples: [
    {
      label: 'blocktime vs vCPUs',
      base: { seed: 1, vm: { memoryMiB: 256, vcpus: 4, backing: 'shmem' }, workload: { pattern: 'zipf' }, strategy: { mechanism: 'uffd_missing' } },
      axes: [
        { path: 'vm.vcpus', values: [1, 4, 16] },
        { path: 'strategy.mechanism', values: ['uffd_minor', 'kvm_exit_on_missing'] },
      ],
      seeds: 2,
      faultEvents: 'none',
    },
  ],
});

/** One run of an experiment: its place, the values the axes gave it, and its whole spec. */
export interface PlannedRun {
  index: number;
  /** { path: value } for every axis and linked field, plus the seed repetition. */
  params: RunParams;
  spec: MigrationSpec;
}
export interface RunParams {
  values: Record<string, AxisValue>;
  seedIndex: number;
}

export interface ExperimentPlan {
  label: string | null;
  preset: string | null;
  base: MigrationSpec;
  axes: Axis[];
  seeds: number;
  faultEvents: FaultEventsPolicy;
  runs: PlannedRun[];
}

/** What is stored and shown as the experiment's request: the plan without its runs. */
export type ExperimentRequestRecord = Omit<ExperimentPlan, 'runs'>;

/**
 * The request of POST /v1/experiments. Parsing expands it: the output is the plan with every run's
 * spec validated like a migration's, so an axis value that makes any run invalid is a 400 naming
 * the axis, the run and the field.
 */
export const experimentRequestSchema = requestShape
  .transform((req, ctx): ExperimentPlan => {
    let { base, axes } = req;
    if (req.preset !== undefined) {
      if (base !== undefined || axes.length > 0) {
        ctx.addIssue({ code: 'custom', path: ['preset'], message: 'a preset defines base and axes: leave them out' });
        return z.NEVER;
      }
      const preset = PRESETS[req.preset];
      base = migrationSpecSchema.parse(preset.base);
      axes = preset.axes;
    }
    if (base === undefined) {
      ctx.addIssue({ code: 'custom', path: ['base'], message: 'required (or give a preset)' });
      return z.NEVER;
    }
    const shapeIssues = axesIssues(axes, req.seeds);
    for (const issue of shapeIssues) ctx.addIssue({ code: 'custom', ...issue });
    if (shapeIssues.length > 0) return z.NEVER;
    const runs = expandRuns(base, axes, req.seeds, (issue) => ctx.addIssue({ code: 'custom', ...issue }));
    if (runs === null) return z.NEVER;
    // A preset names itself in lists unless the request names it otherwise.
    return { label: req.label ?? req.preset ?? null, preset: req.preset ?? null, base, axes, seeds: req.seeds, faultEvents: req.faultEvents, runs };
  });


type Issue = { path: (string | number)[]; message: string };

/** A preset as offered to people choosing one (GET /v1/experiments/presets). */
export interface PresetSummary {
  name: PresetName;
  title: string;
  source: string;
  axes: string[];
  runCount: number;
  metric: RunMetricName;
}

/** The presets, with the runs each one expands to (one seed: a request may ask for more). */
export function presetSummaries(): PresetSummary[] {
  return PRESET_NAMES.map((name) => {
    const p = PRESETS[name];
    return { name, title: p.title, source: p.source, axes: p.axes.map((a) => a.path), runCount: runCount(p.axes, 1), metric: p.metric };
  });
}

/** Number of runs of these axes and seeds. */
function runCount(axes: readonly Pick<Axis, 'values'>[], seeds: number): number {
  return axes.reduce((n, a) => n * a.values.length, 1) * seeds;
}

/** Axis shapes: one field per axis, linked lists as long as their axis, and the run cap. */
function axesIssues(axes: Axis[], seeds: number): Issue[] {
  const issues: Issue[] = [];
  const seen = new Map<string, string>();
  axes.forEach((axis, k) => {
    const paths: [string, (string | number)[]][] = [[axis.path, ['axes', k, 'path']]];
    for (const [p, values] of Object.entries(axis.with ?? {})) {
      paths.push([p, ['axes', k, 'with', p]]);
      if (values.length !== axis.values.length) {
        issues.push({ path: ['axes', k, 'with', p], message: `needs ${axis.values.length} values (one per value of ${axis.path}), has ${values.length}` });
      }
    }
    for (const [p, at] of paths) {
      const clash = [...seen.keys()].find((q) => q === p || q.startsWith(`${p}.`) || p.startsWith(`${q}.`));
      if (clash !== undefined) issues.push({ path: at, message: `${p} overlaps ${clash}, already set by ${seen.get(clash)}` });
      seen.set(p, `axes[${k}]`);
    }
  });
  const n = runCount(axes, seeds);
  if (n > MAX_RUNS) issues.push({ path: ['axes'], message: `${n} runs (axes x seeds); at most ${MAX_RUNS}` });
  return issues;
}

/** At most this many invalid runs are reported (one bad axis value usually breaks many). */
const MAX_RUN_ISSUES = 20;

/**
 * The runs in order: the cartesian product of the axes (first axis outermost), seeds innermost.
 * Each spec is the base with the run's values set, parsed by the migration schema. Returns null
 * (after reporting) when any run is invalid.
 */
function expandRuns(base: MigrationSpec, axes: Axis[], seeds: number, report: (issue: Issue) => void): PlannedRun[] | null {
  const runs: PlannedRun[] = [];
  let invalid = 0;
  const combos = cartesian(axes.map((a) => a.values.length));
  // Each run starts from a copy of the base: JSON.parse of its text is several times quicker than
  // structuredClone, for a thousand runs per request.
  const baseText = JSON.stringify(base);
  for (const combo of combos) {
    const values: Record<string, AxisValue> = {};
    axes.forEach((axis, k) => {
      values[axis.path] = axis.values[combo.at[k]];
      for (const [p, linked] of Object.entries(axis.with ?? {})) values[p] = linked[combo.at[k]];
    });
    const input = JSON.parse(baseText) as Record<string, unknown>;
    for (const [p, v] of Object.entries(values)) setPath(input, p, v);
    // Absent when an axis value null removed it: then the default seed, as parsing sets it.
    let seed = input.seed;
    let first: MigrationSpec | undefined;
    for (let s = 0; s < seeds; s++) {
      // Repetition s: the run's seed (the base's, an axis's, or the default) + s.
      if (typeof seed === 'number') input.seed = (seed + s) % 2 ** 31;
      if (first && typeof seed === 'number') {
        // The seed is a plain integer no other field depends on, and every repetition's stays in
        // its range: the first repetition's spec with this seed is what parsing would give (a
        // test checks it). Parsing each one again was most of a 1,000-run request's time.
        runs.push({ index: runs.length, params: { values, seedIndex: s }, spec: { ...(JSON.parse(JSON.stringify(first)) as MigrationSpec), seed: input.seed as number } });
        continue;
      }
      const parsed = migrationSpecSchema.safeParse(input);
      if (!parsed.success) {
        if (s > 0) continue; // the same values fail for every seed: report once
        if (invalid++ < MAX_RUN_ISSUES) {
          for (const issue of parsed.error.issues.slice(0, 3)) {
            // An unknown key is reported on its parent object: name the key itself.
            const at = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
            const field = at.join('.');
            // The axis that set this field, one inside it, or one whose path goes through it (vm.memoryMiB.x).
            const sets = (p: string) => p === field || field.startsWith(`${p}.`) || p.startsWith(`${field}.`);
            const axis = axes.findIndex((a) => sets(a.path) || Object.keys(a.with ?? {}).some(sets));
            report({
              path: axis >= 0 ? ['axes', axis] : ['base', ...at.map((x) => (typeof x === 'symbol' ? String(x) : x))],
              message: `run ${combo.index * seeds + s} (${describeValues(values)}): ${field}: ${fieldMessage(issue.message)}`,
            });
          }
        }
        continue;
      }
      first = parsed.data;
      seed = first.seed;
      runs.push({ index: runs.length, params: { values, seedIndex: s }, spec: parsed.data });
    }
  }
  return invalid > 0 ? null : runs;
}

/** A value in an error message: long ones cut (a message per invalid run repeats them). */
const MAX_VALUE_CHARS = 60;

function describeValues(values: Record<string, AxisValue>): string {
  const parts = Object.entries(values).map(([p, v]) => {
    const text = JSON.stringify(v);
    return `${p}=${text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 3)}...` : text}`;
  });
  return parts.length > 0 ? parts.join(', ') : 'base';
}

/** Every index combination of lists of these lengths, the first varying slowest, numbered. */
function cartesian(lengths: number[]): { index: number; at: number[] }[] {
  let combos: number[][] = [[]];
  for (const n of lengths) combos = combos.flatMap((c) => Array.from({ length: n }, (_, i) => [...c, i]));
  return combos.map((at, index) => ({ index, at }));
}

/** Sets (or, for null, deletes) a dotted path in a plain object, creating the objects on the way. */
function setPath(target: Record<string, unknown>, path: string, value: AxisValue): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const last = keys.at(-1)!;
  if (value === null) delete node[last];
  else node[last] = typeof value === 'object' ? structuredClone(value) : value;
}
