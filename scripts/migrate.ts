import { applyMigrations, ensureDatabase } from '../src/db/migrate.js';
import { loadConfig } from '../src/config.js';

const config = loadConfig();
await ensureDatabase(config.DATABASE_URL);
for (const m of await applyMigrations(config.DATABASE_URL)) console.log(`${m.applied ? 'applied ' : 'up to date'} ${m.name}`);
