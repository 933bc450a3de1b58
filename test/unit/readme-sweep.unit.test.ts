import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { experimentRequestSchema } from '../../src/experiments/plan.js';
import { runInProcess } from '../../src/experiments/in-process.js';
import type { RunMetricName } from '../../src/experiments/metrics.js';
import { sweepRequest } from '../../src/cli/sweep.js';
import { formatInt, formatNs } from '../../src/cli/render.js';
import { ROOT } from '../support/processes.js';

/**
 * The README's sweep ("Experiments: a sweep in one request"): the CLI command, the table it prints
 * and the same experiment as HTTP. A reader who sends the curl gets the CLI's runs, and the figures
 * shown are the simulator's today (re-simulated: 24 runs of 1 GiB).
 */
const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
const section = /^## Experiments: a sweep in one request\n([\s\S]*?)^## /m.exec(readme)?.[1] ?? '';

/** The request the README's `npm run cli -- sweep base.json ...` sends. */
function cliRequest() {
  const base = JSON.parse(/cat > base\.json <<'JSON'\n([\s\S]*?)\nJSON/.exec(section)![1]) as Record<string, unknown>;
  const command = /npm run cli -- sweep base\.json ([\s\S]*?--follow)/.exec(section)![1].replace(/\\\n/g, ' ');
  const args = [...command.matchAll(/--(axis|with|seeds|label) (?:"([^"]*)"|(\S+))/g)].map((m) => ({ name: m[1], value: m[2] ?? m[3] }));
  const option = (name: string) => args.find((a) => a.name === name)?.value;
  const axisArgs = args.flatMap((a) => (a.name === 'axis' || a.name === 'with' ? [{ name: a.name as 'axis' | 'with', value: a.value }] : []));
  return sweepRequest(base, { axisArgs, seeds: option('seeds'), label: option('label') }, (m) => new Error(m));
}

/** Table column → metric and its rendering, as the CLI's table shows them (src/cli/render.ts). */
const COLUMNS: Record<string, [RunMetricName, (v: number) => string]> = {
  'post-copy': ['postcopyNs', formatNs],
  blocktime: ['blocktimeAllVcpusNs', formatNs],
  'blocked/vCPU': ['blocktimePerVcpuMeanNs', formatNs],
  faults: ['faults', (v) => formatInt(Math.round(v))],
  p50: ['latencyP50Ns', formatNs],
  p99: ['latencyP99Ns', formatNs],
  slowdown: ['slowdown', (v) => `${v.toFixed(2)}x`],
  'pages/s': ['pagingRatePagesPerSec', (v) => formatInt(Math.round(v))],
};

describe('the README sweep', () => {
  it('as HTTP is the same experiment as the CLI command (same base, axes, seeds and label)', () => {
    const body = JSON.parse(/curl -s localhost:3000\/v1\/experiments -H 'content-type: application\/json' -d '([\s\S]*?)'\n/.exec(section)![1]);
    const { runs: viaHttp, ...http } = experimentRequestSchema.parse(body);
    const { runs: viaCli, ...cli } = experimentRequestSchema.parse(cliRequest());
    expect(http).toEqual(cli);
    expect(viaHttp.map((r) => r.spec)).toEqual(viaCli.map((r) => r.spec));
  });

  it('shows the table the CLI prints for it today (re-simulated)', () => {
    const plan = experimentRequestSchema.parse(cliRequest());
    const results = runInProcess(plan);
    const table = /```\n(vm\.vcpus[\s\S]*?)```/.exec(section)![1].trimEnd().split('\n');
    const header = table[0].split(/ {2,}/);
    const rows = table.slice(1).map((line) => line.split(/ {2,}/));
    expect(rows.length).toBeGreaterThanOrEqual(4);
    const shown = header.filter((h) => h in COLUMNS);
    expect(shown.length).toBeGreaterThanOrEqual(6);
    for (const cells of rows) {
      const at = (name: string) => cells[header.indexOf(name)];
      const agg = results.aggregates.find((a) => String(a.values['vm.vcpus']) === at('vm.vcpus') && a.values['strategy.mechanism'] === at('strategy.mechanism'));
      expect(agg, cells.join(' ')).toBeDefined();
      expect(at('n')).toBe(`${agg!.measured}/${agg!.runs}`);
      for (const name of shown) {
        const [metric, show] = COLUMNS[name];
        expect(at(name), `${cells[0]} ${cells[1]} ${name}`).toBe(show(agg!.metrics![metric]!.mean));
      }
    }
  });
});
