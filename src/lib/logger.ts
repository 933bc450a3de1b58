import { createRequire } from 'node:module';
import { pino, type Logger, type LoggerOptions } from 'pino';

export type LogFormat = 'auto' | 'json' | 'pretty';

/** Whether pino-pretty can be loaded: a devDependency, absent from production installs (the image). */
export function prettyInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

/**
 * JSON lines are what log collectors parse, so they are the default everywhere but a terminal:
 * `auto` is pretty only when stdout is a TTY and pino-pretty is installed (a production install
 * has no devDependencies and stays JSON even under `docker run -t`).
 */
export function resolveLogFormat(format: LogFormat, env: { isTTY: boolean; prettyInstalled: boolean }): 'json' | 'pretty' {
  if (format === 'json') return 'json';
  if (!env.prettyInstalled) return 'json';
  return format === 'pretty' || env.isTTY ? 'pretty' : 'json';
}

/** The process logger: JSON to stdout, or pino-pretty (a transport, in a worker thread) on a terminal. */
export function createLogger(options: LoggerOptions, format: LogFormat = 'auto'): Logger {
  const installed = prettyInstalled();
  const resolved = resolveLogFormat(format, { isTTY: process.stdout.isTTY === true, prettyInstalled: installed });
  if (resolved === 'json') {
    const log = pino(options);
    if (format === 'pretty' && !installed) log.warn('LOG_FORMAT=pretty but pino-pretty is not installed (a devDependency): logging JSON');
    return log;
  }
  return pino({
    ...options,
    transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } },
  });
}
