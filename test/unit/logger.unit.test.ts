import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { prettyInstalled, resolveLogFormat } from '../../src/lib/logger.js';

const root = join(import.meta.dirname, '..', '..');
// A process that logs one line through the service's logger, as main.ts makes it.
const dir = mkdtempSync(join(tmpdir(), 'logger-test-'));
const program = join(dir, 'log-once.mts');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(
  program,
  `import { createLogger } from ${JSON.stringify(pathToFileURL(join(root, 'src/lib/logger.ts')).href)};
createLogger({ level: 'info', base: { role: 'all' } }, process.env.LOG_FORMAT ?? 'auto').info({ migrationId: 'm-1' }, 'hello from the logger');
`,
);

function hasScript(): boolean {
  return spawnSync('script', ['--version']).status === 0;
}

describe('log format', () => {
  it('auto is pretty only on a terminal with pino-pretty installed; json and a missing pino-pretty force JSON', () => {
    expect(resolveLogFormat('auto', { isTTY: true, prettyInstalled: true })).toBe('pretty');
    expect(resolveLogFormat('auto', { isTTY: false, prettyInstalled: true })).toBe('json');
    expect(resolveLogFormat('auto', { isTTY: true, prettyInstalled: false })).toBe('json');
    expect(resolveLogFormat('json', { isTTY: true, prettyInstalled: true })).toBe('json');
    expect(resolveLogFormat('pretty', { isTTY: false, prettyInstalled: true })).toBe('pretty');
    expect(resolveLogFormat('pretty', { isTTY: false, prettyInstalled: false })).toBe('json');
    expect(prettyInstalled()).toBe(true); // a devDependency: present wherever the tests run
  });

  it('a pipe gets JSON lines', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', program], { cwd: root, encoding: 'utf8' });
    const line = JSON.parse(out.trim()) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 30, msg: 'hello from the logger', migrationId: 'm-1', role: 'all' });
  });

  it.skipIf(!hasScript())('a terminal gets human-readable lines (pino-pretty)', () => {
    // script(1) runs the program on a pseudo-terminal, so stdout.isTTY is true as in a shell.
    const cmd = `'${process.execPath}' --import tsx '${program}'`;
    const out = execFileSync('script', ['-qec', cmd, '/dev/null'], { cwd: root, encoding: 'utf8', env: { ...process.env, LOG_FORMAT: 'auto' } });
    const text = stripVTControlCharacters(out); // colours off for the assertion
    expect(text).toMatch(/\d\d:\d\d:\d\d\.\d{3}\] INFO.*: hello from the logger/);
    expect(text).toMatch(/migrationId: "m-1"/);
    expect(text.trim().startsWith('{')).toBe(false);
  });
});
