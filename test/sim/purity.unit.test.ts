import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(import.meta.dirname, '../../src/sim');
const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));

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
      for (const i of imports) expect(i === 'zod' || i.startsWith('./'), `${f} imports ${i}`).toBe(true);
    });
  }
});
