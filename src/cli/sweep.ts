import type { Experiment, ExperimentEvent, ExperimentRequest, PostcopyClient } from '../../sdk/src/index.js';
import { experimentTable } from './render.js';

/**
 * `sweep`: an experiment from a spec file and --axis/--with options, followed to its end with a
 * progress bar, then its results table. Also `experiment <id>`: the table of an existing one.
 */

type AxisInput = NonNullable<ExperimentRequest['axes']>[number];
type AxisValue = AxisInput['values'][number];

export interface SweepOptions {
  /** The --axis and --with options in command-line order (a --with belongs to the --axis before it). */
  axisArgs: Array<{ name: 'axis' | 'with'; value: string }>;
  seeds?: string;
  preset?: string;
  label?: string;
  'fault-events'?: string;
  follow?: boolean;
  json?: boolean;
  csv?: boolean;
}

/**
 * The request: the file is a migration spec (the base) or a whole experiment request; each
 * `--axis path=v1,v2` adds an axis, each `--with path=v1,v2` a field that moves with the axis
 * before it. Values are JSON where they parse (1, true, null), else strings.
 */
export function sweepRequest(file: Record<string, unknown> | undefined, opts: SweepOptions, usage: (m: string) => Error): ExperimentRequest {
  const isRequest = file !== undefined && ('base' in file || 'preset' in file || 'axes' in file);
  const request = (isRequest ? { ...file } : file !== undefined ? { base: file } : {}) as ExperimentRequest & { axes?: AxisInput[] };
  const axes: AxisInput[] = [...(request.axes ?? [])];
  for (const { name, value } of opts.axisArgs) {
    if (name === 'axis') {
      axes.push({ path: pathOf(value, usage), values: valuesOf(value) });
      continue;
    }
    const axis = axes.at(-1);
    if (!axis) throw usage(`--with ${value} needs an --axis before it`);
    axis.with = { ...axis.with, [pathOf(value, usage)]: valuesOf(value) };
  }
  if (axes.length > 0) request.axes = axes;
  if (opts.seeds !== undefined) request.seeds = Number(opts.seeds);
  if (opts.preset !== undefined) request.preset = opts.preset as ExperimentRequest['preset'];
  if (opts.label !== undefined) request.label = opts.label;
  if (opts['fault-events'] !== undefined) request.faultEvents = opts['fault-events'] as ExperimentRequest['faultEvents'];
  return request;
}

function pathOf(item: string, usage: (m: string) => Error): string {
  const eq = item.indexOf('=');
  if (eq <= 0) throw usage(`"${item}": expected path=value1,value2,...`);
  return item.slice(0, eq);
}

function valuesOf(item: string): AxisValue[] {
  return item
    .slice(item.indexOf('=') + 1)
    .split(',')
    .map((v) => {
      try {
        return JSON.parse(v) as AxisValue;
      } catch {
        return v;
      }
    });
}

/** Follows the experiment's events, drawing the runs' progress, until it ends; prints the table (or JSON/CSV). */
export async function followExperiment(client: PostcopyClient, id: string, out: { json?: boolean; csv?: boolean }): Promise<number> {
  const tty = process.stderr.isTTY === true;
  let last = '';
  const done = await client.followExperiment(id, {
    onEvent: (e) => {
      if (e.type !== 'progress') return;
      const line = experimentProgressLine(e);
      if (tty) process.stderr.write(`\r${line}\x1b[K`);
      else if (line !== last) process.stderr.write(`${line}\n`);
      last = line;
    },
  });
  if (tty) process.stderr.write('\n');
  return printExperiment(client, done, out);
}

export async function printExperiment(client: PostcopyClient, e: Experiment, out: { json?: boolean; csv?: boolean }): Promise<number> {
  if (out.csv) process.stdout.write(await client.experimentCsv(e.id));
  else if (out.json) process.stdout.write(`${JSON.stringify(e, null, 2)}\n`);
  else process.stdout.write(`${experimentTable(e)}\n`);
  return e.status === 'succeeded' ? 0 : 1;
}

/** The bar counts the running runs' progress too: a sweep of long runs moves between two ends. */
function experimentProgressLine(e: Extract<ExperimentEvent, { type: 'progress' }>): string {
  const { done, total, byStatus } = e.progress;
  const width = 30;
  const inFlight = e.running.reduce((sum, r) => sum + r.progress, 0);
  const filled = Math.round((total > 0 ? Math.min(1, (done + inFlight) / total) : 0) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} runs  ${e.status}  (${byStatus.running} running, ${byStatus.queued} queued${byStatus.failed ? `, ${byStatus.failed} failed` : ''})`;
}
