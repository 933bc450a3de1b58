/**
 * `prisma generate` without network access. Generate never runs the schema engine, but the CLI
 * insists that the binary it would download exists; point it at this script when none is installed.
 * (Only for generate: `migrate` with a stand-in would silently apply nothing. We apply migrations
 * ourselves, see src/db/migrate.ts.)
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(import.meta.url);
env.PRISMA_HIDE_UPDATE_MESSAGE = '1';
execFileSync('npx', ['prisma', 'generate'], { stdio: 'inherit', env });
