import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { experimentRequestSchema } from '../../src/experiments/plan.js';
import { ROOT } from '../support/processes.js';

/**
 * The vCPU-scaling example for the README: docs/experiment.json is the request, and
 * docs/images/experiment.png the dashboard's plot of its results (scripts/dashboard-screenshot.ts
 * --experiment), 1400 px wide as the dashboard is reviewed.
 */
describe('the experiment example', () => {
  it('is a request the service accepts: 5 vCPU counts x 3 mechanisms', async () => {
    const request = JSON.parse(await readFile(path.join(ROOT, 'docs/experiment.json'), 'utf8'));
    const parsed = experimentRequestSchema.safeParse(request);
    expect(parsed.error?.issues).toBeUndefined();
    expect(parsed.data!.runs).toHaveLength(15);
  });

  it('has its plot as a PNG 1400 px wide, small enough for a README', async () => {
    const png = await readFile(path.join(ROOT, 'docs/images/experiment.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1400);
    expect(png.length).toBeLessThan(400_000);
  });
});
