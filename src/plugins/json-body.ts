import fp from 'fastify-plugin';
import { RequestError } from '../errors.js';

/**
 * The JSON body parser, stricter than fastify's own:
 * - the body is UTF-8 (RFC 8259 §8.1): a declared charset other than UTF-8 (utf-16, latin1...) is a
 *   415, and bytes that are not valid UTF-8 are a 400, instead of being decoded into something else;
 * - a duplicate key anywhere is a 400 naming it: which of two values a parser keeps differs between
 *   parsers (JSON.parse keeps the last), so a proxy or a signature check could see another request;
 * - `__proto__` and `constructor` keys are a 400 (what fastify's secure-json-parse does by default).
 */
export default fp(
  async (app) => {
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body: Buffer, done) => {
      try {
        done(null, parseJsonBody(body, req.headers['content-type'] ?? ''));
      } catch (err) {
        done(err as Error, undefined);
      }
    });
  },
  { name: 'json-body' },
);

const utf8 = new TextDecoder('utf-8', { fatal: true });

function parseJsonBody(body: Buffer, contentType: string): unknown {
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(contentType)?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new RequestError(415, `JSON bodies are UTF-8; charset "${charset}" is not supported.`, { in: 'headers', field: 'content-type', message: 'charset must be utf-8' });
  }
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    throw new RequestError(400, 'The body is not valid UTF-8.', { in: 'body', field: '(root)', message: 'not valid UTF-8' });
  }
  if (text.trim() === '') throw new RequestError(400, 'The body is empty; send a JSON document or no Content-Type.', { in: 'body', field: '(root)', message: 'empty' });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new RequestError(400, `The body is not valid JSON: ${(err as Error).message}`, { in: 'body', field: '(root)', message: 'not valid JSON' });
  }
  const bad = findBadKey(text);
  if (bad) {
    const message = bad.reason === 'duplicate' ? 'duplicate key' : 'forbidden key';
    throw new RequestError(400, `The body has a ${message}: ${bad.path}`, { in: 'body', field: bad.path, message });
  }
  return value;
}

interface Frame {
  object: boolean;
  keys: Set<string>;
  /** The current key (objects) or index (arrays), for the dotted path of a finding. */
  at: string;
  expectKey: boolean;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor']);

/**
 * One linear pass over text that JSON.parse accepted: the first duplicate or forbidden key, with its
 * dotted path (array indexes as numbers, like validation errors). Keys are compared after unescaping
 * ("a" and "\u0061" are the same key).
 */
function findBadKey(text: string): { path: string; reason: 'duplicate' | 'forbidden' } | undefined {
  const stack: Frame[] = [];
  const path = (key: string) => [...stack.slice(0, -1).map((f) => f.at), key].join('.');
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        let backslashes = 0;
        for (let k = q - 1; text.charCodeAt(k) === 0x5c; k--) backslashes++;
        if (backslashes % 2 === 0) {
          j = q;
          break;
        }
        j = q + 1;
      }
      const top = stack.at(-1);
      if (top?.object && top.expectKey) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (FORBIDDEN_KEYS.has(key)) return { path: path(key), reason: 'forbidden' };
        if (top.keys.has(key)) return { path: path(key), reason: 'duplicate' };
        top.keys.add(key);
        top.at = key;
        top.expectKey = false;
      }
      i = j;
    } else if (c === 0x7b /* { */) {
      stack.push({ object: true, keys: new Set(), at: '', expectKey: true });
    } else if (c === 0x5b /* [ */) {
      stack.push({ object: false, keys: new Set(), at: '0', expectKey: false });
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
    } else if (c === 0x2c /* , */) {
      const top = stack.at(-1);
      if (top?.object) top.expectKey = true;
      else if (top) top.at = String(Number(top.at) + 1);
    }
  }
  return undefined;
}
