import { z } from 'zod';
import { ValidationError } from '../errors.js';

/**
 * Opaque pagination cursors: base64url JSON of a shape each list defines with zod. A cursor comes
 * back from the client, so it is parsed like any other input: whatever was forged or mangled in it
 * (not base64url, not JSON, another shape, values the database cannot compare) is a 400 naming the
 * `cursor` query parameter, before anything reaches the database.
 */
export interface CursorCodec<S extends z.ZodType> {
  encode(value: z.input<S>): string;
  /** The cursor's value, as the schema outputs it; throws ValidationError when it is not one we issue. */
  decode(cursor: string): z.output<S>;
  /**
   * The query parameter: a string that decodes. A forged one then fails request validation with the
   * other parameters (400 naming `cursor`), before any route hook or lookup runs, such as the
   * tenant's ownership check of the migration (which would otherwise answer 404 first).
   */
  param(): z.ZodOptional<z.ZodString>;
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

export function cursorCodec<S extends z.ZodType>(schema: S): CursorCodec<S> {
  return {
    encode: (value) => Buffer.from(JSON.stringify(value)).toString('base64url'),
    decode(cursor) {
      // Buffer.from skips characters outside the alphabet; reject them rather than decode a remainder.
      if (!BASE64URL.test(cursor)) throw invalidCursor('not base64url');
      let json: unknown;
      try {
        json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      } catch {
        throw invalidCursor('not base64url-encoded JSON');
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) throw invalidCursor('not a cursor this API issued');
      return parsed.data;
    },
    param() {
      return z
        .string()
        .max(512)
        .superRefine((cursor, ctx) => {
          try {
            this.decode(cursor);
          } catch (err) {
            ctx.addIssue({ code: 'custom', message: (err as ValidationError).errors?.[0]?.message ?? 'not a cursor this API issued' });
          }
        })
        .optional();
    },
  };
}

function invalidCursor(why: string): ValidationError {
  return new ValidationError('Invalid query: cursor', [
    { in: 'query', field: 'cursor', message: `${why}: pass nextCursor of the previous page unchanged` },
  ]);
}

/**
 * The keyset of the newest-first lists (migrations, experiments): the last row of the previous page.
 * created_at is a Postgres timestamptz, so only instants it can hold pass (years 1..9999 in the ISO
 * form toISOString writes); the id is compared with a uuid column.
 */
export const newestFirstCursor = cursorCodec(
  z.strictObject({
    createdAt: z.iso.datetime().refine((iso) => !iso.startsWith('0000'), 'year 0 is no Postgres timestamp').transform((iso) => new Date(iso)),
    id: z.uuid(),
  }),
);

/**
 * The query of a newest-first list: how many, and after which row (nextCursor of the previous page).
 * A cursor that is not one we issued fails validation: a 400 naming `cursor`.
 */
export const newestFirstQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: newestFirstCursor.param().describe('nextCursor of the previous page.'),
});

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A page of a newest-first list from `limit + 1` rows: the extra row only says there is a next page. */
export function newestFirstPage<T extends { createdAt: Date; id: string }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? newestFirstCursor.encode({ createdAt: last.createdAt.toISOString(), id: last.id }) : null };
}
