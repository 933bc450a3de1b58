import { z } from 'zod';
import { VIOLATION_KINDS } from '../sim/index.js';
import type { MigrationsRepo } from '../db/migrations-repo.js';
import type { ViolationRow, ViolationsRepo } from '../db/violations-repo.js';
import { NotFoundError } from '../errors.js';
import { cursorCodec } from './cursor.js';
import type { Page } from './cursor.js';

export type { ViolationRow };

/** The keyset of violation pages: the seq of the last violation of the previous page (fits violations.seq, int4). */
const violationCursor = cursorCodec(z.strictObject({ seq: z.int().min(0).max(2 ** 31 - 1) }));

/** GET /violations: an optional kind, a page size and where the previous page ended. */
export const violationPageQuerySchema = z.object({
  kind: z.enum(VIOLATION_KINDS).optional().describe('Only violations of this kind.'),
  limit: z.coerce.number().int().min(1).max(1000).default(100).describe('Page size (at most 1000).'),
  cursor: violationCursor.param().describe('nextCursor of the previous page.'),
});

export type ViolationPageQuery = z.output<typeof violationPageQuerySchema>;

/** Reads of a migration's recorded correctness violations (stored by the worker when the run ends). */
export class ViolationService {
  constructor(
    private readonly migrations: MigrationsRepo,
    private readonly violations: ViolationsRepo,
  ) {}

  /**
   * One page in the simulator's order, after `cursor`. The list is written once, with the summary,
   * so a page is stable; a migration that has not ended has none yet. nextCursor is null on the
   * last page.
   */
  async list(id: string, q: ViolationPageQuery): Promise<Page<ViolationRow>> {
    // A forged cursor is a bad request whatever the migration: decoded before it is looked up.
    const after = q.cursor === undefined ? undefined : violationCursor.decode(q.cursor);
    const migration = await this.migrations.find(id);
    if (!migration) throw new NotFoundError('migration', id);
    const rows = await this.violations.page(migration.key, { kind: q.kind, afterSeq: after?.seq, limit: q.limit + 1 });
    const items = rows.slice(0, q.limit);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > q.limit && last ? violationCursor.encode({ seq: last.seq }) : null };
  }
}
