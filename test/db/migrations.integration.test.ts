// Proves that prisma/migrations, applied by our own runner (src/db/migrate.ts), build exactly the
// database that prisma/schema.prisma describes, as Prisma itself would create it.
//
// Two fresh databases on the local Postgres: A gets the script Prisma's schema engine generates from
// an empty database to schema.prisma (`migrate diff --from-empty --to-schema`, run as WebAssembly,
// see ./prisma-schema-engine.ts); B gets `applyMigrations`. Their catalogs (schema public, without
// `_prisma_migrations`) are described by name and compared with deep equality, so a failure shows
// exactly which table/column/constraint/index differs.
//
// Uses the test run's Postgres server (see test/support/global-setup.ts) for CREATE/DROP DATABASE.
//
// ONE ALLOWANCE, for what Prisma cannot express: fault_events is LIST-partitioned per migration
// (migration 20261121120000_fault_events_at_scale; see model FaultEvent in schema.prisma). So, and only
// for table fault_events: its relkind is 'p' where Prisma's is 'r', and pg_get_indexdef renders its
// (partitioned) indexes "ON ONLY fault_events" where Prisma's read "ON fault_events". The partitions
// themselves (fault_events_<key>, created by the application) are not part of the schema and are left
// out of the description. Everything else, including fault_events' columns, constraints and index
// definitions, must be identical. See allowFaultEventsPartitioning.
import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { applyMigrations, MIGRATIONS_DIR, type AppliedMigration } from '../../src/db/migrate.js';
import { FaultEventsRepo } from '../../src/db/fault-events-repo.js';
import { prismaCreateScript } from './prisma-schema-engine.js';

const ADMIN_URL = `${inject('postgresServerUrl')}/postgres`;
const SCHEMA_PATH = fileURLToPath(new URL('../../prisma/schema.prisma', import.meta.url));
const SCHEMA = 'public';
const MIGRATIONS_TABLE = '_prisma_migrations';

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Removes `public.` qualifiers that pg_get_*def add when an object is not on the search_path. */
const normalise = (sql: string | null): string | null =>
  sql === null ? null : sql.replace(/(^|[^\w"$])(?:public|"public")\./g, '$1');

interface ColumnDescription {
  type: string;
  notNull: boolean;
  default: string | null;
  identity: string;
  generated: string;
  collation: string | null;
}

interface CatalogDescription {
  /** table → its kind, persistence, row security and columns (keyed by name: order is not compared). */
  tables: Record<string, { kind: string; persistence: string; rowSecurity: boolean; columns: Record<string, ColumnDescription> }>;
  /** enum type → labels in declaration order. */
  enums: Record<string, string[]>;
  /** "table.constraint" → type (p/u/f/c/x) and pg_get_constraintdef. NOT NULL is in columns. */
  constraints: Record<string, { type: string; definition: string | null }>;
  /** "table.index" → pg_get_indexdef. */
  indexes: Record<string, string | null>;
  /** Anything else a migration could create: sequences, views, domains, triggers, functions, extensions. */
  otherObjects: string[];
}

async function describeCatalog(url: string): Promise<CatalogDescription> {
  return withClient(url, async (db) => {
    const params = [SCHEMA, MIGRATIONS_TABLE];
    const tables = await db.query<{ table: string; kind: string; persistence: string; row_security: boolean }>(
      `SELECT c.relname AS table, c.relkind::text AS kind, c.relpersistence::text AS persistence,
              c.relrowsecurity AS row_security
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND c.relname <> $2`,
      params,
    );
    const columns = await db.query<{ table: string; column: string } & Omit<ColumnDescription, 'notNull'> & { not_null: boolean }>(
      `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
              a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS default,
              a.attidentity::text AS identity, a.attgenerated::text AS generated,
              CASE WHEN a.attcollation <> t.typcollation THEN co.collname::text END AS collation
         FROM pg_attribute a
         JOIN pg_class c ON c.oid = a.attrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_type t ON t.oid = a.atttypid
         LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
         LEFT JOIN pg_collation co ON co.oid = a.attcollation
        WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND c.relname <> $2
          AND a.attnum > 0 AND NOT a.attisdropped`,
      params,
    );
    const enums = await db.query<{ name: string; labels: string[] }>(
      `SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
         FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid
        WHERE n.nspname = $1
        GROUP BY t.typname`,
      [SCHEMA],
    );
    const constraints = await db.query<{ table: string; name: string; type: string; definition: string }>(
      `SELECT c.relname AS table, con.conname AS name, con.contype::text AS type,
              pg_get_constraintdef(con.oid) AS definition
         FROM pg_constraint con
         JOIN pg_class c ON c.oid = con.conrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relname <> $2 AND con.contype <> 'n'`,
      params,
    );
    const indexes = await db.query<{ table: string; name: string; definition: string }>(
      `SELECT c.relname AS table, i.relname AS name, pg_get_indexdef(i.oid) AS definition
         FROM pg_index x
         JOIN pg_class i ON i.oid = x.indexrelid
         JOIN pg_class c ON c.oid = x.indrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relname <> $2`,
      params,
    );
    const others = await db.query<{ object: string }>(
      `SELECT format('relation %s (relkind %s)', c.relname, c.relkind) AS object
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relkind NOT IN ('r', 'p', 'i', 'I', 't')
       UNION ALL
       SELECT format('type %s (typtype %s)', t.typname, t.typtype)
         FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = $1 AND t.typtype IN ('d', 'r', 'm')
       UNION ALL
       SELECT format('trigger %s', pg_get_triggerdef(tg.oid))
         FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND NOT tg.tgisinternal AND c.relname <> $2
       UNION ALL
       SELECT format('routine %s', p.oid::regprocedure)
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = $1
          AND NOT EXISTS (SELECT 1 FROM pg_depend d
                           WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
       UNION ALL
       SELECT format('extension %s', extname) FROM pg_extension WHERE extname <> 'plpgsql'`,
      params,
    );

    // Partitions are data, not schema: the application creates one per migration.
    const partitions = await db.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relispartition`,
      [SCHEMA],
    );
    const isPartition = new Set(partitions.rows.map((r) => r.name));
    const keep = <T extends { table: string }>(rows: T[]) => rows.filter((r) => !isPartition.has(r.table));
    tables.rows = keep(tables.rows);
    columns.rows = keep(columns.rows);
    constraints.rows = keep(constraints.rows);
    indexes.rows = keep(indexes.rows);

    const description: CatalogDescription = { tables: {}, enums: {}, constraints: {}, indexes: {}, otherObjects: [] };
    for (const t of tables.rows) {
      description.tables[t.table] = { kind: t.kind, persistence: t.persistence, rowSecurity: t.row_security, columns: {} };
    }
    for (const c of columns.rows) {
      description.tables[c.table].columns[c.column] = {
        type: normalise(c.type)!,
        notNull: c.not_null,
        default: normalise(c.default),
        identity: c.identity,
        generated: c.generated,
        collation: c.collation,
      };
    }
    for (const e of enums.rows) description.enums[e.name] = e.labels;
    for (const c of constraints.rows) {
      description.constraints[`${c.table}.${c.name}`] = { type: c.type, definition: normalise(c.definition) };
    }
    for (const i of indexes.rows) description.indexes[`${i.table}.${i.name}`] = normalise(i.definition);
    description.otherObjects = others.rows.map((o) => normalise(o.object)!).sort();
    return description;
  });
}

/**
 * The documented allowance (see the top of this file): a partitioned fault_events described as the
 * plain table Prisma creates. Touches nothing but the kind of fault_events and the "ON ONLY" of its
 * indexes.
 */
function allowFaultEventsPartitioning(catalog: CatalogDescription): CatalogDescription {
  const copy = structuredClone(catalog);
  const table = copy.tables.fault_events;
  if (table?.kind === 'p') table.kind = 'r';
  for (const [name, definition] of Object.entries(copy.indexes)) {
    if (name.startsWith('fault_events.') && definition) copy.indexes[name] = definition.replace(' ON ONLY fault_events ', ' ON fault_events ');
  }
  return copy;
}

async function migrationFolders(): Promise<string[]> {
  return (await readdir(MIGRATIONS_DIR, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

describe('prisma/migrations applied by applyMigrations', () => {
  const suffix = `${process.pid}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const dbPrisma = `migtest_${suffix}_prisma`;
  const dbMigrations = `migtest_${suffix}_migrations`;
  const created: string[] = [];
  let admin: pg.Client | undefined;
  let firstRun: AppliedMigration[];
  let prismaScript: string;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    for (const name of [dbPrisma, dbMigrations]) {
      await admin.query(`CREATE DATABASE ${quoteIdent(name)}`);
      created.push(name);
    }
    const buildFromPrisma = async () => {
      prismaScript = await prismaCreateScript(SCHEMA_PATH, ADMIN_URL);
      await withClient(databaseUrl(dbPrisma), (db) => db.query(prismaScript));
    };
    const [, applied] = await Promise.all([buildFromPrisma(), applyMigrations(databaseUrl(dbMigrations))]);
    firstRun = applied;
  }, 30_000);

  afterAll(async () => {
    if (!admin) return;
    try {
      for (const name of created) await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  }, 30_000);

  it('applies every migration folder on a fresh database', async () => {
    const folders = await migrationFolders();
    expect(folders.length).toBeGreaterThan(0);
    expect(firstRun).toEqual(folders.map((name) => ({ name, applied: true })));
  });

  it("builds exactly the catalog of Prisma's own script for schema.prisma", async () => {
    const [expected, actual] = await Promise.all([
      describeCatalog(databaseUrl(dbPrisma)),
      describeCatalog(databaseUrl(dbMigrations)),
    ]);
    // Guard against comparing two empty catalogs (e.g. a schema the engine turned into nothing).
    expect(Object.keys(expected.tables).length, `Prisma's script:\n${prismaScript}`).toBeGreaterThan(0);
    expect(actual.tables.fault_events?.kind, 'fault_events is partitioned').toBe('p');
    expect(allowFaultEventsPartitioning(actual), 'catalog built by prisma/migrations (received) vs by Prisma for schema.prisma (expected)').toEqual(expected);
  });

  it('the partitions the application creates are not schema: the catalog still matches with some', async () => {
    const pool = new pg.Pool({ connectionString: databaseUrl(dbMigrations), max: 2 });
    try {
      const repo = new FaultEventsRepo(pool);
      await repo.ensurePartition(1);
      await repo.ensurePartition(2);
      await repo.finalize(2); // adds the partition-only gfn index
      const partitions = await pool.query(`SELECT count(*)::int AS n FROM pg_inherits WHERE inhparent = 'fault_events'::regclass`);
      expect(partitions.rows[0].n).toBe(2);
      const [expected, actual] = await Promise.all([describeCatalog(databaseUrl(dbPrisma)), describeCatalog(databaseUrl(dbMigrations))]);
      expect(allowFaultEventsPartitioning(actual)).toEqual(expected);
    } finally {
      await pool.end();
    }
  });

  it('applies nothing on a second run and records each migration folder once', async () => {
    const folders = await migrationFolders();
    const secondRun = await applyMigrations(databaseUrl(dbMigrations));
    expect(secondRun).toEqual(folders.map((name) => ({ name, applied: false })));

    const expected = await Promise.all(
      folders.map(async (name) => ({
        migration_name: name,
        times: 1,
        finished: true,
        checksum: createHash('sha256')
          .update(await readFile(path.join(MIGRATIONS_DIR, name, 'migration.sql'), 'utf8'))
          .digest('hex'),
      })),
    );
    const recorded = await withClient(databaseUrl(dbMigrations), (db) =>
      db.query(
        `SELECT migration_name, count(*)::int AS times,
                bool_and(finished_at IS NOT NULL AND rolled_back_at IS NULL) AS finished,
                min(checksum) AS checksum
           FROM ${quoteIdent(MIGRATIONS_TABLE)}
          GROUP BY migration_name`,
      ),
    );
    const byName = (a: { migration_name: string }, b: { migration_name: string }) =>
      a.migration_name < b.migration_name ? -1 : a.migration_name > b.migration_name ? 1 : 0;
    expect(recorded.rows.sort(byName)).toEqual(expected);
  });
});
