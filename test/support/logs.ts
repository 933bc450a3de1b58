import { PassThrough } from 'node:stream';

/** A log stream for a test stack that parses each JSON line (pino's output) into `lines` as it arrives. */
export function captureJsonLogs(): { stream: PassThrough; lines: Array<Record<string, unknown>> } {
  const stream = new PassThrough();
  const lines: Array<Record<string, unknown>> = [];
  let pending = '';
  stream.on('data', (chunk: Buffer) => {
    const parts = (pending + chunk.toString()).split('\n');
    pending = parts.pop()!;
    for (const l of parts) if (l) lines.push(JSON.parse(l));
  });
  return { stream, lines };
}
