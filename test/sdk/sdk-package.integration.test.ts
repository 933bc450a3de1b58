import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT } from '../support/processes.js';
import { startStack, type Stack } from '../support/stack.js';

const execFileAsync = promisify(execFile);
/** execFile, failing with the command's output (tsc reports compile errors on stdout). */
async function run(file: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  try {
    return await execFileAsync(file, args, options);
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${file} ${args.join(' ')} failed:\n${stdout ?? ''}${stderr ?? ''}`, { cause: error });
  }
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let stack: Stack;
let scratch: string;
beforeAll(async () => {
  stack = await startStack({ worker: true, auth: true });
  scratch = await mkdtemp(path.join(tmpdir(), 'postcopy-sdk-pack-'));
});
afterAll(async () => {
  await stack?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

it('the SDK packs (npm pack in sdk/), installs into an empty project, and its README example compiles and runs against the service', async () => {
  // What the README's "From a tarball" says: `npm pack` in sdk/ (its prepack builds dist/).
  const packDir = path.join(scratch, 'pack');
  const project = path.join(scratch, 'project');
  await Promise.all([mkdir(packDir), mkdir(project)]);
  const { stdout: packed } = await run(npm, ['pack', '--pack-destination', packDir, '--json'], { cwd: path.join(ROOT, 'sdk') });
  const [{ filename, files }] = JSON.parse(packed) as { filename: string; files: { path: string }[] }[];
  expect(await readdir(packDir)).toEqual([filename]);
  const sdkManifest = JSON.parse(await readFile(path.join(ROOT, 'sdk/package.json'), 'utf8'));
  expect(filename).toBe(`postcopy-lab-sdk-${sdkManifest.version}.tgz`); // the name the README tells to install
  const shipped = files.map((f) => f.path);
  for (const entry of Object.values<string>(sdkManifest.exports['.'])) expect(shipped).toContain(path.normalize(entry));

  // An empty ESM project outside the repository, so nothing resolves from the repository's node_modules.
  await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
  // The tarball's dependencies come from the npm cache when it has them, from the registry otherwise.
  await run(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', path.join(packDir, filename)], { cwd: project });
  const installed = JSON.parse(await readFile(path.join(project, 'node_modules/@postcopy-lab/sdk/package.json'), 'utf8'));
  expect(installed.version).toBe(sdkManifest.version);

  // The README's example, verbatim, as TypeScript: compiled against the packed declarations, then run.
  const readme = await readFile(path.join(ROOT, 'sdk/README.md'), 'utf8');
  const example = /```ts\n([\s\S]*?)```/.exec(readme)![1];
  expect(example).toContain(`from '@postcopy-lab/sdk'`);
  await writeFile(path.join(project, 'example.ts'), example);
  const tsconfig = {
    compilerOptions: {
      module: 'nodenext',
      target: 'es2022',
      strict: true,
      outDir: 'out',
      types: ['node'],
      // The example uses `process`: Node's types from the repository instead of another install.
      typeRoots: [path.join(ROOT, 'node_modules/@types')],
    },
    files: ['example.ts'],
  };
  await writeFile(path.join(project, 'tsconfig.json'), JSON.stringify(tsconfig));
  await run(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', project]);
  const { stdout } = await run(process.execPath, [path.join(project, 'out/example.js')], {
    cwd: project,
    env: { ...process.env, POSTCOPY_URL: stack.baseUrl, POSTCOPY_API_KEY: stack.api.apiKey },
  });

  // What it prints is what the service holds.
  const id = /^submitted ([0-9a-f-]{36})$/m.exec(stdout)?.[1];
  expect(id, stdout).toBeDefined();
  expect(stdout).toMatch(/^\d{1,3}\.\d% \w+, \d+ faults so far$/m); // the live progress it followed
  const done = await stack.api.sdk.get(id!);
  const summary = done.summary!;
  expect(done.status).toBe('succeeded');
  expect(stdout).toContain(`succeeded, outcome ${summary.outcome}: ${summary.verdict}\n`);
  expect(stdout).toContain(`${summary.faults.total} faults, p99 latency ${summary.faults.latency.p99Ns} ns, downtime ${summary.timing.downtimeNs} ns\n`);
  expect(summary.faults.total).toBeGreaterThan(0);
  expect(stdout).toContain(`blocktime: all vCPUs at once ${summary.blocktime.allVcpusNs} ns, sum over vCPUs ${summary.blocktime.sumNs} ns\n`);
  const vcpuStats = await stack.api.sdk.faultStats(id!, { path: 'vcpu_access' });
  expect(vcpuStats.latency.maxNs).toBeGreaterThan(0);
  expect(stdout).toMatch(new RegExp(`^slowest vCPU fault: ${vcpuStats.latency.maxNs} ns$`, 'm'));
});
