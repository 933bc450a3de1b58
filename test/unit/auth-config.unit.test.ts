import { describe, expect, it } from 'vitest';
import { authMode, hostsBesidesLoopback, loadConfig } from '../../src/config.js';

describe('AUTH and ALLOWED_ORIGINS', () => {
  it('auto is off only while the service listens on a loopback address', () => {
    for (const HOST of ['127.0.0.1', '127.8.0.1', 'localhost', '::1']) expect(authMode(loadConfig({ HOST }, [])), HOST).toBe('off');
    for (const HOST of ['0.0.0.0', '::', '10.0.0.5', 'lab.example', '127.0.0.1.nip.io']) expect(authMode(loadConfig({ HOST }, [])), HOST).toBe('on');
    expect(authMode(loadConfig({ HOST: '0.0.0.0', AUTH: 'off' }, []))).toBe('off');
    expect(authMode(loadConfig({ HOST: '127.0.0.1', AUTH: 'on' }, []))).toBe('on');
  });

  it('Host names are checked only without keys on a loopback address: loopback ones and the hosts of ALLOWED_ORIGINS', () => {
    expect(hostsBesidesLoopback(loadConfig({ HOST: '127.0.0.1' }, []))).toEqual([]);
    expect(hostsBesidesLoopback(loadConfig({ HOST: '127.0.0.1', ALLOWED_ORIGINS: 'http://Lab.Local:3000' }, []))).toEqual(['lab.local']);
    expect(hostsBesidesLoopback(loadConfig({ HOST: '127.0.0.1', AUTH: 'on' }, []))).toBeNull(); // a rebound page has no key
    expect(hostsBesidesLoopback(loadConfig({ HOST: '0.0.0.0', AUTH: 'off' }, []))).toBeNull(); // reached by other machines' names
  });

  it('an unknown AUTH value is refused at boot, naming the variable', () => {
    expect(() => loadConfig({ AUTH: 'yes' }, [])).toThrow(/AUTH/);
  });

  it('ALLOWED_ORIGINS: comma-separated http(s) URLs, kept as origins', () => {
    expect(loadConfig({}, []).ALLOWED_ORIGINS).toEqual([]);
    expect(loadConfig({ ALLOWED_ORIGINS: 'https://lab.example/, http://10.0.0.5:8080' }, []).ALLOWED_ORIGINS).toEqual(['https://lab.example', 'http://10.0.0.5:8080']);
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'lab.example' }, [])).toThrow(/ALLOWED_ORIGINS/);
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'ftp://lab.example' }, [])).toThrow(/ALLOWED_ORIGINS/);
  });
});
