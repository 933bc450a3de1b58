import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { authMode, loadConfig } from '../../src/config.js';

/**
 * The container artefacts, checked statically (no Docker engine where the tests run): the image
 * (Dockerfile) and the compose file, against the service's own configuration schema and files.
 */
const root = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

interface ComposeService {
  image?: string;
  build?: string;
  profiles?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  command?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as { services: Record<string, ComposeService> };

/** Compose's interpolation of `${VAR:-default}`, from `vars` (the shell's environment) or the default. */
function interpolate(env: Record<string, string>, vars: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).map(([k, v]) => [k, String(v).replace(/\$\{(\w+):-([^}]*)\}/g, (_, name: string, dflt: string) => vars[name] ?? dflt)]),
  );
}

/** The Dockerfile as [instruction, arguments] pairs (continuation lines joined, comments dropped). */
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8')
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'))
  .map((l) => {
    const [instr, ...rest] = l.split(/\s+/);
    return [instr.toUpperCase(), rest.join(' ')] as const;
  });
const args = (instr: string) => dockerfile.filter(([i]) => i === instr).map(([, a]) => a);
/** ENV of the final stage, as `KEY=value` pairs. */
const imageEnv = (): Record<string, string> => {
  const lastFrom = dockerfile.map(([i]) => i).lastIndexOf('FROM');
  const env: Record<string, string> = {};
  for (const [i, a] of dockerfile.slice(lastFrom)) if (i === 'ENV') for (const m of a.matchAll(/(\w+)=(\S+)/g)) env[m[1]] = m[2];
  return env;
};

describe('docker-compose.yml', () => {
  const { services } = compose;

  it('`docker compose up -d` starts only Postgres and Redis; the stack profile adds the API and a worker', () => {
    const always = Object.keys(services).filter((s) => !services[s].profiles?.length);
    expect(always.sort()).toEqual(['postgres', 'redis']);
    for (const s of ['api', 'worker']) {
      expect(services[s].profiles).toEqual(['stack']);
      expect(services[s].build).toBe('.');
    }
    expect(services.api.image).toBe(services.worker.image); // one image, two roles
  });

  it('the API and the worker get a valid configuration, wired to the compose Postgres and Redis', () => {
    for (const [name, role] of [
      ['api', 'api'],
      ['worker', 'worker'],
    ] as const) {
      const s = services[name];
      // What the process sees: the image's ENV, then the service's environment.
      const config = loadConfig({ ...imageEnv(), ...interpolate(s.environment!) }, []);
      expect(config.ROLE).toBe(role);
      expect(config.LOCAL_SERVICES).toBe('off');
      const db = new URL(config.DATABASE_URL);
      expect(db.hostname).toBe('postgres');
      expect(db.pathname.slice(1)).toBe(services.postgres.environment!.POSTGRES_DB);
      expect(new URL(config.REDIS_URL).hostname).toBe('redis');
      // Started only once both answer their health checks.
      expect(s.depends_on).toEqual({ postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
      expect(services.postgres.healthcheck?.test).toContain('pg_isready');
      expect(services.redis.healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping']);
      expect(s.command).toEqual(['node', '--import', 'tsx', 'src/main.ts']);
      // Published on the host's loopback only, at the port the process listens on.
      const listens = role === 'api' ? config.PORT : config.METRICS_PORT;
      expect(s.ports).toEqual([`127.0.0.1:${listens}:${listens}`]);
      // AUTH off by default (loopback only, like npm start), on when asked.
      expect(authMode(config)).toBe('off');
      expect(authMode(loadConfig({ ...imageEnv(), ...interpolate(s.environment!, { AUTH: 'on' }) }, []))).toBe('on');
    }
  });
});

describe('Dockerfile', () => {
  it('builds on Node 20 with npm install from the lockfile (no npm ci), then drops the devDependencies', () => {
    const nodeImage = /^NODE_IMAGE=(\S+)$/.exec(args('ARG')[0])![1];
    expect(nodeImage).toMatch(/^node:20\.\d+/);
    expect(args('FROM').every((f) => f.startsWith('${NODE_IMAGE}'))).toBe(true);
    const runs = args('RUN').join('\n');
    expect(runs).toMatch(/npm install --ignore-scripts/);
    expect(runs).not.toMatch(/npm ci/);
    expect(runs).toMatch(/npm prune --omit=dev/);
  });

  it('copies only files that exist and that .dockerignore lets through', () => {
    const ignored = readFileSync(join(root, '.dockerignore'), 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'));
    for (const copy of args('COPY').filter((a) => !a.startsWith('--from'))) {
      const sources = copy.split(/\s+/).slice(0, -1);
      for (const src of sources) {
        expect(existsSync(join(root, src)), src).toBe(true);
        expect(ignored.some((p) => src === p || src.startsWith(`${p}/`)), `${src} is ignored`).toBe(false);
      }
    }
  });

  it('runs the service as a non-root user with a HEALTHCHECK on /healthz', () => {
    const users = args('USER');
    expect(users.at(-1)).toBe('node');
    const order = dockerfile.map(([i]) => i);
    expect(order.lastIndexOf('USER')).toBeLessThan(order.lastIndexOf('CMD'));
    expect(args('HEALTHCHECK')[0]).toMatch(/CMD \["node", "ops\/docker\/healthcheck\.mjs"\]$/);
    expect(args('COPY').some((c) => c.startsWith('ops/docker/healthcheck.mjs '))).toBe(true);
    expect(readFileSync(join(root, 'ops/docker/healthcheck.mjs'), 'utf8')).toContain('/healthz');
    expect(JSON.parse(args('CMD')[0])).toEqual(['node', '--import', 'tsx', 'src/main.ts']);
    const env = imageEnv();
    expect(env).toMatchObject({ NODE_ENV: 'production', HOST: '0.0.0.0', LOCAL_SERVICES: 'off', LOG_FORMAT: 'json' });
    expect(() => loadConfig(env, [])).not.toThrow();
  });

  it('everything the service imports at run time is a runtime dependency (the image has no devDependencies)', () => {
    expect(pkg.dependencies.tsx).toBeDefined(); // the CMD runs TypeScript through it
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) => {
        const p = join(dir, f);
        return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
      });
    // Not in the image's run time: the generated client (checked by Prisma), the browser's
    // dashboard, and the CLI (an operator's tool, run from a checkout; it imports the SDK).
    const skip = ['src/generated/', 'src/dashboard/', 'src/cli/'];
    const outside: string[] = [];
    for (const file of files(join(root, 'src'))) {
      const rel = relative(root, file);
      if (skip.some((s) => rel.startsWith(s))) continue;
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:from|import\()\s*'([^'.][^']*)'/g)) {
        const spec = m[1];
        if (spec.startsWith('node:')) continue;
        const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
        if (!(name in pkg.dependencies)) outside.push(`${rel}: ${name}`);
      }
    }
    expect(outside).toEqual([]);
  });
});

describe('ops/docker/healthcheck.mjs (the HEALTHCHECK command)', () => {
  const servers: Server[] = [];
  afterAll(() => servers.forEach((s) => s.close()));

  async function serve(status: number, body: unknown): Promise<number> {
    const server = createServer((req, res) => {
      res.writeHead(req.url === '/healthz' ? status : 404, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return (server.address() as AddressInfo).port;
  }
  async function check(env: Record<string, string>): Promise<number> {
    const base = { PATH: process.env.PATH ?? '' };
    try {
      await promisify(execFile)(process.execPath, [join(root, 'ops/docker/healthcheck.mjs')], { env: { ...base, ...env } });
      return 0;
    } catch (err) {
      return (err as { code: number }).code;
    }
  }

  it('healthy when /healthz answers ok on PORT (API) or METRICS_PORT (worker); unhealthy otherwise', async () => {
    const ok = String(await serve(200, { status: 'ok', modelVersion: 7, version: '0.1.0' }));
    const down = String(await serve(503, { status: 'unavailable' }));
    expect(await check({ ROLE: 'api', PORT: ok })).toBe(0);
    expect(await check({ ROLE: 'worker', METRICS_PORT: ok, PORT: down })).toBe(0);
    expect(await check({ ROLE: 'api', PORT: down })).toBe(1);
    expect(await check({ ROLE: 'worker', METRICS_PORT: down, PORT: ok })).toBe(1);
    const closed = await serve(200, {});
    servers.pop()!.close();
    await new Promise((r) => setTimeout(r, 50));
    expect(await check({ ROLE: 'api', PORT: String(closed) })).toBe(1);
    expect(await check({ ROLE: 'worker' })).toBe(0); // no HTTP port to probe
  });
});
