import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_SUBMISSION } from '../../src/routes/migrations.js';
import { formatInt, formatNs, log2Histogram } from '../../src/cli/render.js';
import { ROOT } from '../support/processes.js';
import { startStack, type Stack } from '../support/stack.js';

let stack: Stack;
let dir: string;
beforeAll(async () => {
  stack = await startStack({ worker: true, auth: true }); // the CLI sends the tenant's key ($POSTCOPY_API_KEY)
  dir = await mkdtemp(path.join(os.tmpdir(), 'pcl-cli-'));
});
afterAll(async () => {
  await stack?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/**
 * Runs exactly what a user types: npm run cli -- <args>, with the stack tenant's key in
 * POSTCOPY_API_KEY (unless `env` says otherwise) and the stack's database for the keys commands.
 */
function cli(args: string[], env: Record<string, string | undefined> = {}, url = stack.baseUrl): Promise<{ code: number; stdout: string; stderr: string }> {
  const vars = { ...process.env, NO_COLOR: '1', POSTCOPY_API_KEY: stack.api.apiKey, DATABASE_URL: stack.config.DATABASE_URL, ...env };
  return new Promise((resolve) => {
    execFile('npm', ['run', '--silent', 'cli', '--', ...args, '--url', url], { cwd: ROOT, env: vars as NodeJS.ProcessEnv }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run cli', () => {
  it('submit file.json --follow: a progress bar, then the summary table with the migration\'s numbers', async () => {
    const file = path.join(dir, 'spec.json');
    await writeFile(file, JSON.stringify({ ...EXAMPLE_SUBMISSION, seed: 61, vm: { arch: 'x86_64', memoryMiB: 1024, vcpus: 4 } }));
    const { code, stdout, stderr } = await cli(['submit', file, '--follow']);
    expect(code, stderr).toBe(0);

    const id = /^submitted ([0-9a-f-]{36}) \(queued\)$/m.exec(stderr)![1];
    const m = await stack.api.sdk.get(id);
    const s = m.summary!;
    expect(m.status).toBe('succeeded');

    // progress bar lines (stderr is not a terminal here: one line per step) ending at 100 %
    const bars = stderr.split('\n').filter((l) => l.startsWith('['));
    expect(bars.length).toBeGreaterThanOrEqual(2);
    expect(bars[0]).toMatch(/^\[\.{30}\]\s+0\.0%/);
    expect(bars.at(-1)).toMatch(/^\[#{30}\] 100\.0% {2}succeeded\//);
    expect(bars.at(-1)).toContain(`faults ${formatInt(s.faults.total)}`);
    // the last line's time is the completion (timing.totalNs less setup), its blocktime says it is the sum over vCPUs
    expect(bars.at(-1)).toContain(`t=${formatNs(s.timing.totalNs - s.timing.setupNs - s.timing.precopyNs)}`);
    expect(bars.at(-1)).toContain(`blocktime (sum) ${formatNs(s.blocktime.sumNs)}`);

    // the summary table
    expect(stdout).toContain(`Migration ${id}: succeeded (correct)`);
    expect(stdout).toMatch(new RegExp(`^  total time +${escape(formatNs(s.timing.totalNs))}$`, 'm'));
    expect(stdout).toMatch(new RegExp(`^  faults +${escape(formatInt(s.faults.total))}$`, 'm'));
    expect(stdout).toMatch(new RegExp(`^  setup +${escape(formatNs(s.timing.setupNs))}$`, 'm'));
    expect(stdout).toMatch(new RegExp(`^  transferred +${escape(formatInt(s.ram.transferredBytes))} bytes at ${escape(formatInt(Math.round(s.ram.throughputMbps)))} Mbit/s, 0 remaining, ${escape(formatInt(s.ram.postcopyRequests))} postcopy requests$`, 'm'));
    expect(stdout).toMatch(new RegExp(`^  blocktime \\(all vCPUs\\) +${escape(formatNs(s.blocktime.allVcpusNs))}$`, 'm'));
    expect(stdout).toMatch(new RegExp(`^  blocktime \\(sum\\) +${escape(formatNs(s.blocktime.sumNs))}$`, 'm'));
    const vcpu = s.faults.byPath.vcpu_access;
    expect(stdout).toMatch(new RegExp(`^vcpu_access +${escape(formatInt(vcpu.count))} +${escape(formatNs(vcpu.p50Ns))} +${escape(formatNs(vcpu.p99Ns))}`, 'm'));
    s.blocktime.perVcpuNs.forEach((ns, i) => expect(stdout).toMatch(new RegExp(`^${i} +${escape(formatNs(ns))} +${escape(formatNs(s.faults.meanLatency.perVcpuNs[i]))} `, 'm')));
    // The log2 latency histogram, bpftrace-style: one line per bucket of the summary, counts as stored.
    const hist = stdout.split('\n').filter((l) => /^\[[^\]]+[\])] +\d+ \|@*\s*\|$/.test(l));
    expect(hist).toEqual(log2Histogram(s.faults.latencyLog2));
    expect(hist.map((l) => Number(/ (\d+) \|/.exec(l)![1])).reduce((a, b) => a + b, 0)).toBe(s.faults.total);
  });

  it('sweep spec.json --axis ... --with ... --seeds 2 --follow: runs progress, then one line per combination with the mean over seeds', async () => {
    const file = path.join(dir, 'base.json');
    await writeFile(file, JSON.stringify({ seed: 5, vm: { memoryMiB: 64, vcpus: 1, backing: 'shmem' }, strategy: { mechanism: 'uffd_minor' } }));
    const { code, stdout, stderr } = await cli([
      'sweep', file, '--axis', 'vm.vcpus=1,4', '--with', 'vm.memoryMiB=64,256', '--axis', 'strategy.mechanism=uffd_minor,kvm_exit_on_missing', '--seeds', '2', '--label', 'cli sweep', '--follow',
    ]);
    expect(code, stderr).toBe(0);
    const id = /^submitted experiment ([0-9a-f-]{36}): 8 runs/m.exec(stderr)![1];
    const e = await stack.api.sdk.getExperiment(id);
    expect(e.status).toBe('succeeded');
    expect(e.request.axes).toEqual([
      { path: 'vm.vcpus', values: [1, 4], with: { 'vm.memoryMiB': [64, 256] } },
      { path: 'strategy.mechanism', values: ['uffd_minor', 'kvm_exit_on_missing'] },
    ]);
    expect(stderr.split('\n').filter((l) => l.startsWith('[')).at(-1)).toMatch(/^\[#{30}\] 8\/8 runs {2}succeeded/);
    expect(stdout).toContain(`Experiment ${id} "cli sweep": succeeded, 8/8 runs`);
    const lines = stdout.split('\n');
    for (const agg of e.results!.aggregates) {
      const [vcpus, memory, mechanism] = [agg.values['vm.vcpus'], agg.values['vm.memoryMiB'], agg.values['strategy.mechanism']];
      const line = lines.find((l) => new RegExp(`^${vcpus} +${memory} +${mechanism} `).test(l));
      expect(line, `${vcpus} ${mechanism}`).toBeDefined();
      const total = agg.metrics!.totalNs;
      expect(line).toContain(`${formatNs(total.mean)} ±${formatNs(total.sd!)} (${formatNs(total.min)}..${formatNs(total.max)})`);
      expect(line).toContain(formatNs(agg.metrics!.blocktimeAllVcpusNs.mean));
      expect(line).toContain(' 2/2 ');
    }
    const csv = await cli(['experiment', id, '--csv']);
    expect(csv.code).toBe(0);
    expect(csv.stdout.trimEnd().split('\r\n')).toHaveLength(9);
  });

  it('no service at the URL: says which address it tried, why, and how to name another one', async () => {
    // A port that was free a moment ago: nothing listens there.
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const { code, stderr } = await cli(['get', '00000000-0000-4000-8000-000000000000'], {}, `http://127.0.0.1:${port}`);
    expect(code).toBe(1);
    expect(stderr).toBe(`error: cannot reach the service at http://127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}\n  is it running (npm start)? Another address: --url <url> or POSTCOPY_URL\n`);
  });

  it('delete and experiment-delete remove what has ended; a run alone is refused (409, exit 1)', async () => {
    const m = await stack.api.sdk.waitFor((await stack.api.sdk.submit({ ...EXAMPLE_SUBMISSION, seed: 64 })).id);
    expect(await cli(['delete', m.id])).toMatchObject({ code: 0, stdout: `${m.id} deleted\n` });
    expect((await stack.api.request('GET', `/v1/migrations/${m.id}`)).status).toBe(404);
    const e = await stack.api.sdk.waitForExperiment((await stack.api.sdk.experiment({ base: { seed: 5, vm: { memoryMiB: 64, vcpus: 1 } } })).id, { intervalMs: 100 });
    const run = e.results!.runs[0].migrationId;
    const refused = await cli(['delete', run]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`409 Conflict: migration ${run} is run 0 of experiment ${e.id}`);
    expect(await cli(['experiment-delete', e.id])).toMatchObject({ code: 0, stdout: `${e.id} deleted\n` });
    expect((await stack.api.request('GET', `/v1/experiments/${e.id}`)).status).toBe(404);
  });

  it('sweep with a malformed --axis is a usage error (exit 2)', async () => {
    const { code, stderr } = await cli(['sweep', '--axis', 'vm.vcpus']);
    expect(code).toBe(2);
    expect(stderr).toContain('expected path=value1,value2');
  });

  it('a migration stopped by a limit: the run succeeded, its outcome says truncated and why (never "correct")', async () => {
    const m = await stack.api.sdk.submit({ ...EXAMPLE_SUBMISSION, seed: 63, limits: { maxFaultEvents: 20 } });
    await stack.api.sdk.waitFor(m.id, { intervalMs: 100 });
    const { code, stdout } = await cli(['follow', m.id]);
    expect(code).toBe(0);
    expect(stdout).toContain(`Migration ${m.id}: succeeded (TRUNCATED)`);
    expect(stdout).toMatch(/^ {2}outcome +truncated: limit: reached limits\.maxFaultEvents \(20\) before the migration finished$/m);
  });

  it('violations <id> pages through every recorded violation (--kind filters, --json prints one per line)', async () => {
    const quiet = { kvmUserAccessPerSecond: 0, instructionEmulationPerSecond: 0, vhostAccessesPerSecond: 0 };
    const m = await stack.api.sdk.submit({
      seed: 4,
      vm: { memoryMiB: 512, vcpus: 2, poisonedPages: [{ start: 0, count: 2000 }] },
      workload: { pattern: 'uniform', faultSources: { ...quiet, vhostAccessesPerSecond: 20_000, vhostBufferMiB: 512 } },
      strategy: { mechanism: 'kvm_exit_on_missing', uffdMode: 'none', poisonHandling: 'none' },
    });
    const s = (await stack.api.sdk.waitFor(m.id, { intervalMs: 100 })).summary!;
    expect(s.violationCount).toBeGreaterThan(1000);
    const json = await cli(['violations', m.id, '--json']);
    expect(json.code, json.stderr).toBe(0);
    const lines = json.stdout.trim().split('\n').map((l) => JSON.parse(l) as { seq: number; kind: string });
    expect(lines).toHaveLength(s.violationCount);
    expect(lines.map((v) => v.seq)).toEqual(lines.map((_, i) => i));
    const escapes = await cli(['violations', m.id, '--kind', 'poison_escape']);
    expect(escapes.code).toBe(0);
    const rows = escapes.stdout.trim().split('\n');
    expect(rows[0]).toMatch(/^kind +at +gfn +vCPU +detail$/);
    expect(rows.slice(2)).toHaveLength(s.violationsByKind.poison_escape);
    for (const r of rows.slice(2)) expect(r).toMatch(/^poison_escape /);
    // The summary table lists the first 20 and says how to get the rest.
    const followed = await cli(['follow', m.id]);
    expect(followed.stdout).toContain(`VIOLATIONS (${formatInt(s.violationCount)}, the first 20 listed; npm run cli -- violations ${m.id} lists every one)`);
  });

  it('get prints the migration as JSON; follow of a finished migration prints its summary at once', async () => {
    const m = await stack.api.sdk.submit({ ...EXAMPLE_SUBMISSION, seed: 62 });
    await stack.api.sdk.waitFor(m.id, { intervalMs: 100 });
    const got = await cli(['get', m.id]);
    expect(got.code).toBe(0);
    expect(JSON.parse(got.stdout)).toEqual(await stack.api.sdk.get(m.id));
    const followed = await cli(['follow', m.id, '--json']);
    expect(followed.code).toBe(0);
    expect(JSON.parse(followed.stdout)).toEqual(await stack.api.sdk.get(m.id));
  });

  it('errors: an invalid spec names the field (exit 1); a missing file or command is a usage error (exit 2)', async () => {
    const file = path.join(dir, 'bad.json');
    await writeFile(file, JSON.stringify({ vm: { memoryMiB: 64, vcpus: 0 } }));
    const invalid = await cli(['submit', file]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('error: 400 Invalid request');
    expect(invalid.stderr).toContain('body vm.vcpus:');

    const missing = await cli(['submit', path.join(dir, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read');
    expect((await cli(['explode', 'x'])).code).toBe(2);
  });

  it('keys create / list / revoke; --key and POSTCOPY_API_KEY authenticate, a revoked or missing key is a 401', async () => {
    const m = await stack.api.sdk.submit({ ...EXAMPLE_SUBMISSION, seed: 63 });
    const created = await cli(['keys', 'create', '--tenant', stack.tenant, '--name', 'ci']);
    expect(created.code, created.stderr).toBe(0);
    const key = created.stdout.trim();
    expect(key).toMatch(/^pcl_[0-9a-f]{32}_[\w-]{43}$/);
    const id = /key ([0-9a-f-]{36}) for tenant/.exec(created.stderr)![1];

    const withKey = await cli(['get', m.id, '--key', key], { POSTCOPY_API_KEY: undefined });
    expect(withKey.code, withKey.stderr).toBe(0);
    expect(JSON.parse(withKey.stdout).id).toBe(m.id);

    const listed = await cli(['keys', 'list', '--tenant', stack.tenant, '--json']);
    const entry = (JSON.parse(listed.stdout) as Array<Record<string, unknown>>).find((k) => k.id === id);
    expect(entry).toMatchObject({ role: 'tenant', tenant: stack.tenant, name: 'ci', revokedAt: null });
    expect(listed.stdout).not.toContain(key.slice(-43)); // never the secret

    expect((await cli(['keys', 'revoke', id])).code).toBe(0);
    const revoked = await cli(['get', m.id, '--key', key]);
    expect(revoked.code).toBe(1);
    expect(revoked.stderr).toContain('error: 401 Unauthorized');
    const none = await cli(['get', m.id], { POSTCOPY_API_KEY: undefined });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('headers authorization: required');
    expect((await cli(['keys', 'create'])).code).toBe(2); // neither --tenant nor --admin
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
