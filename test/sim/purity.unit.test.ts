import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(import.meta.dirname, '../../src/sim');
// Relative paths of every source file of the simulator, subfolders included.
const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts'))
  .sort();

const forbidden: [RegExp, string][] = [
  [/from\s+['"]node:/, 'node: import'],
  [/from\s+['"](fs|path|os|crypto|child_process|worker_threads|process|util|events|stream|net|http|https)['"]/, 'node builtin import'],
  [/require\(/, 'require()'],
  [/\bimport\(/, 'dynamic import'],
  [/\bDate\b/, 'Date'],
  [/Math\.random/, 'Math.random'],
  [/\bprocess\./, 'process'],
  [/\bperformance\./, 'performance clock'],
  [/\bsetTimeout\b|\bsetInterval\b|\bsetImmediate\b/, 'timers'],
  [/\bconsole\./, 'console I/O'],
  [/\bfetch\(/, 'fetch I/O'],
  [/crypto\./, 'crypto randomness'],
];

describe('src/sim is pure', () => {
  it('has source files', () => {
    expect(files.length).toBeGreaterThan(5);
  });
  for (const f of files) {
    it(`${f} uses no I/O, clock or ambient randomness`, () => {
      const src = readFileSync(join(dir, f), 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/(^|[^:])\/\/.*$/gm, '$1');
      for (const [re, what] of forbidden) expect(src, `${f}: ${what}`).not.toMatch(re);
      const imports = [...src.matchAll(/from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);
      for (const i of imports) {
        const inside = i.startsWith('.') && !normalize(join(dirname(f), i)).startsWith('..');
        expect(i === 'zod' || inside, `${f} imports ${i}`).toBe(true);
      }
    });
  }
});

describe('docs/model.md', () => {
  // The module table of section 1 names every file of src/sim, and only files that exist.
  const doc = readFileSync(join(import.meta.dirname, '../../docs/model.md'), 'utf8');
  const table = doc.slice(doc.indexOf('| file | what it holds |'), doc.indexOf('## 2. Guest memory'));
  const listed = [...table.matchAll(/`([\w/-]+\.ts)`/g)].map((m) => m[1]).sort();

  it('lists every module of src/sim, and nothing else', () => {
    expect(listed).toEqual(files);
  });
});
