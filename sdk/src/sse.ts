/** One dispatched Server-Sent Event (https://html.spec.whatwg.org/multipage/server-sent-events.html). */
export interface SseMessage {
  /** The event type (`event:` field), "message" when absent. */
  event: string;
  data: string;
  /** The last event id seen so far on this stream (what a reconnection sends as Last-Event-ID). */
  lastEventId: string;
}

/**
 * Parses an event stream as the HTML standard's EventSource does: fields `event`, `data`, `id`
 * and `retry`, comments, and any of CRLF, LF or CR as line ends. Works in browsers and Node.
 */
export async function* parseSse(
  body: ReadableStream<Uint8Array>,
  options: { lastEventId?: string; onRetry?: (ms: number) => void } = {},
): AsyncGenerator<SseMessage> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let lastEventId = options.lastEventId ?? '';
  let event = '';
  let data: string[] = [];
  let pendingCR = false;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      // Split into complete lines; keep the unterminated rest.
      let start = 0;
      for (let i = 0; i < buffer.length; i++) {
        const c = buffer[i];
        if (c !== '\n' && c !== '\r') continue;
        if (c === '\n' && pendingCR && i === start) {
          // the LF of a CRLF whose CR ended the previous line
          pendingCR = false;
          start = i + 1;
          continue;
        }
        pendingCR = c === '\r';
        const line = buffer.slice(start, i);
        start = i + 1;
        if (line === '') {
          if (data.length > 0) yield { event: event || 'message', data: data.join('\n'), lastEventId };
          event = '';
          data = [];
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        let val = colon === -1 ? '' : line.slice(colon + 1);
        if (val.startsWith(' ')) val = val.slice(1);
        if (field === 'event') event = val;
        else if (field === 'data') data.push(val);
        else if (field === 'id' && !val.includes('\0')) lastEventId = val;
        else if (field === 'retry' && /^\d+$/.test(val)) options.onRetry?.(Number(val));
      }
      buffer = buffer.slice(start);
      if (done) return; // an unterminated last event is discarded, as EventSource does
    }
  } finally {
    reader.releaseLock();
    await body.cancel().catch(() => undefined);
  }
}
