import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Metrics } from '../../src/metrics.js';
import { migrationSpecSchema } from '../../src/sim/index.js';
import { simulate } from '../../src/validation/simulate.js';
import { ROOT } from '../support/processes.js';

/** The README's "Tour" section: what a reader runs and looks at must exist and be accepted. */
const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
const tour = /^## Tour\n([\s\S]*?)^## /m.exec(readme)?.[1] ?? '';

describe('the README tour', () => {
  it('submits a spec file the service accepts', async () => {
    const file = /npm run cli -- submit (\S+\.json) --follow/.exec(tour)?.[1];
    expect(file).toBeDefined();
    const spec = JSON.parse(await readFile(path.join(ROOT, file!), 'utf8'));
    expect(migrationSpecSchema.safeParse(spec).error?.issues).toBeUndefined();
  });

  it('shows the summary of that spec as the simulator gives it today (re-simulated)', async () => {
    const file = /npm run cli -- submit (\S+\.json) --follow/.exec(tour)![1];
    const shown = JSON.parse(/```json\n([\s\S]*?)```/.exec(tour)![1]) as Record<string, unknown>;
    const r = simulate(JSON.parse(await readFile(path.join(ROOT, file), 'utf8')));
    // The jq filter of the tour, applied to the summary.
    const expected = { status: 'succeeded', outcome: r.outcome, timing: r.timing, latency: r.faults.latency, blocktime: { allVcpusNs: r.blocktime.allVcpusNs, sumNs: r.blocktime.sumNs }, slowdown: r.slowdown, ram: r.ram };
    expect(shown).toEqual(expected);
  });

  it('shows the result metrics of that run as the service exports them', async () => {
    const file = /npm run cli -- submit (\S+\.json) --follow/.exec(tour)![1];
    const spec = migrationSpecSchema.parse(JSON.parse(await readFile(path.join(ROOT, file), 'utf8')));
    const metrics = new Metrics({ queues: [], migrationsByStatus: async () => ({}), sseConnections: () => 0 });
    metrics.observeResult(spec.strategy.mechanism, simulate(spec));
    // The tour's grep, on this process's metrics; the Node.js version is the reader's own.
    const shown = /grep -E '\^postcopy_\(build_info\|vmi_\)' \| grep -v _bucket\n```\n\n```\n([\s\S]*?)```/.exec(tour)?.[1];
    expect(shown).toBeDefined();
    const exported = (await metrics.registry.metrics()).split('\n').filter((l) => /^postcopy_(build_info|vmi_)/.test(l) && !l.includes('_bucket'));
    const nodeFree = (lines: string[]) => lines.map((l) => l.replace(/node_version="[^"]*"/, 'node_version=""'));
    expect(nodeFree(shown!.trimEnd().split('\n'))).toEqual(nodeFree(exported));
  });

  it('shows a dashboard screenshot: a PNG 1400 px wide, as the dashboard is reviewed', async () => {
    const image = /!\[[^\]]+\]\(([^)]+\.png)\)/.exec(tour)?.[1];
    expect(image).toBeDefined();
    const png = await readFile(path.join(ROOT, image!));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1400); // IHDR width
    expect(png.length).toBeLessThan(400_000); // small enough for a README
  });

  it('links files that are in the repository (the spec, the Grafana dashboard, the screenshot script, tests)', async () => {
    const cited = [...tour.matchAll(/\b((?:ops|scripts|docs|test)\/[\w./-]+\.\w+)/g)].map((m) => m[1]);
    expect(cited).toEqual(expect.arrayContaining(['ops/grafana/postcopy-lab.json', 'scripts/dashboard-screenshot.ts']));
    for (const file of cited) await access(path.join(ROOT, file));
  });
});
