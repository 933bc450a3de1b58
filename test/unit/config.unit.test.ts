import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

describe('configuration', () => {
  it('has defaults that work on a developer machine', () => {
    const c = loadConfig({}, []);
    expect(c).toMatchObject({
      PORT: 3000,
      HOST: '127.0.0.1',
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/postcopy_lab',
      REDIS_URL: 'redis://127.0.0.1:6379',
      ROLE: 'all',
    });
  });

  it('--role selects the API or the worker', () => {
    expect(loadConfig({}, ['--role=worker']).ROLE).toBe('worker');
    expect(loadConfig({ ROLE: 'worker' }, ['--role=api']).ROLE).toBe('api');
  });

  it('refuses invalid values at boot, naming each variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', ROLE: 'both' }, [])).toThrowError(
      /PORT[\s\S]*DATABASE_URL: must be a postgresql:\/\/ URL[\s\S]*ROLE/,
    );
  });
});
