// Test support (not production): Prisma's own schema engine, run as WebAssembly, so tests can ask
// "what SQL would Prisma generate for schema.prisma?" on machines where the native schema-engine
// binary (the only thing `prisma migrate` spawns) cannot be downloaded.
//
// Loaded the way Prisma's packages/migrate/src/SchemaEngineWasm.ts does it (through
// @prisma/internals' wasmSchemaEngineLoader): import the wasm-bindgen glue
// `@prisma/schema-engine-wasm/schema_engine_bg`, instantiate `schema_engine_bg.wasm` against it
// ourselves (the package's main entry imports the .wasm as an ES module, which Node 20 cannot do),
// call `__wbg_set_wasm` + `__wbindgen_start`, then `SchemaEngine.new(options, logCallback, adapter)`
// with the driver adapter wrapped by `bindMigrationAwareSqlAdapterFactory`.
//
// The WebAssembly instance must be created ONCE per process: the glue keeps module-level state, and
// instantiating a second time in the same process crashes the next engine call. Several engines from
// the one instance are fine (checked). The instance is therefore cached on globalThis, which also
// survives vitest re-evaluating this module for another test file in a reused worker.
//
// Known limits of this engine build (see /work/shared/stack-notes.md): `diff` from `empty` to a
// schema works; diffs against a live database (`url`) or through a shadow database (`migrations`)
// are broken, so do not build checks on them.
import { readdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type * as SchemaEngineRuntime from '@prisma/schema-engine-wasm/schema_engine_bg';

type SchemaEngine = SchemaEngineRuntime.SchemaEngine;
type Runtime = typeof SchemaEngineRuntime;

// The project compiles with lib ES2023 only (no DOM), which does not declare WebAssembly's values.
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, object>) => { exports: Record<string, unknown> };
};

const RUNTIME_KEY = Symbol.for('postcopy-lab.test.prismaSchemaEngineWasm');
type GlobalWithRuntime = typeof globalThis & { [RUNTIME_KEY]?: Promise<Runtime> };

async function instantiateRuntime(): Promise<Runtime> {
  const require = createRequire(import.meta.url);
  const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const runtime: Runtime = await import('@prisma/schema-engine-wasm/schema_engine_bg');
  const bytes = await readFile(path.join(path.dirname(gluePath), 'schema_engine_bg.wasm'));
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {
    './schema_engine_bg.js': runtime,
  });
  runtime.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return runtime;
}

/** The engine's WebAssembly runtime, instantiated at most once per process. */
function schemaEngineRuntime(): Promise<Runtime> {
  const g = globalThis as GlobalWithRuntime;
  g[RUNTIME_KEY] ??= instantiateRuntime().catch((err: unknown) => {
    delete g[RUNTIME_KEY];
    throw err;
  });
  return g[RUNTIME_KEY];
}

/**
 * A new schema engine connected (eagerly: it connects in `new`) to `databaseUrl` through
 * @prisma/adapter-pg. The caller must `free()` it. `logs` collects what the engine logs.
 */
async function openSchemaEngine(databaseUrl: string, logs: string[] = []): Promise<SchemaEngine> {
  const runtime = await schemaEngineRuntime();
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: databaseUrl }));
  // `datamodels` must be undefined or non-empty; every command below passes its schema explicitly.
  return runtime.SchemaEngine.new({ datamodels: undefined }, (log: string) => logs.push(String(log)), adapter);
}

/** The schema files at `schemaPath`: one .prisma file, or every .prisma file under a folder. */
async function loadSchemaFiles(schemaPath: string): Promise<{ path: string; content: string }[]> {
  if (!(await stat(schemaPath)).isDirectory()) return [{ path: schemaPath, content: await readFile(schemaPath, 'utf8') }];
  const entries = await readdir(schemaPath, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && e.name.endsWith('.prisma'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
  return Promise.all(files.map(async (file) => ({ path: file, content: await readFile(file, 'utf8') })));
}

/**
 * The SQL script Prisma generates to create `schemaPath` from an empty database: what
 * `prisma migrate diff --from-empty --to-schema <schemaPath> --script` prints. `databaseUrl` only
 * has to reach the server (the engine connects on creation); nothing is read from or written to it.
 */
export async function prismaCreateScript(schemaPath: string, databaseUrl: string): Promise<string> {
  const files = await loadSchemaFiles(schemaPath);
  const logs: string[] = [];
  const engine = await openSchemaEngine(databaseUrl, logs);
  try {
    const result = await engine.diff({
      from: { tag: 'empty' },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    if (!result.stdout) throw new Error(`schema engine produced no script (exit code ${result.exitCode}); logs:\n${logs.join('\n')}`);
    return result.stdout;
  } finally {
    engine.free();
  }
}
