import { loadConfig } from '../config.js';
import { createDb } from '../db/client.js';
import { applyMigrations, ensureDatabase } from '../db/migrate.js';
import { ApiKeysRepo } from '../db/api-keys-repo.js';
import { ApiKeyService, type ApiKeyInfo } from '../services/api-keys.js';

export interface KeysArgs {
  tenant?: string;
  admin?: boolean;
  name?: string;
  json?: boolean;
}

/**
 * `keys create|list|revoke`: the operator's commands, run where Postgres is reachable (DATABASE_URL,
 * as the service uses it), not through the API: no key can be created without database access, so
 * there is no bootstrap key to protect. The schema is brought up to date first (as `npm start`
 * does), so keys can be made before the service first starts.
 */
export async function keysCommand(sub: string | undefined, arg: string | undefined, args: KeysArgs, usage: (message: string) => Error): Promise<number> {
  if (sub !== 'create' && sub !== 'list' && sub !== 'revoke') throw usage(`keys needs create, list or revoke${sub ? ` (not "${sub}")` : ''}`);
  if (sub === 'revoke' && !arg) throw usage('keys revoke needs the key id (see keys list)');
  if (sub === 'create' && !args.admin && !args.tenant) throw usage('keys create needs --tenant <name> (or --admin)');
  const config = loadConfig(process.env, []);
  await ensureDatabase(config.DATABASE_URL);
  await applyMigrations(config.DATABASE_URL);
  const db = createDb(config.DATABASE_URL, { max: 1 });
  try {
    const keys = new ApiKeyService(new ApiKeysRepo(db));
    if (sub === 'create') {
      const { key, info } = await keys.create({ tenant: args.tenant, admin: args.admin, name: args.name });
      // The key alone on stdout (scripts: KEY=$(npm run -s cli -- keys create ...)); it is never shown again.
      process.stderr.write(`created ${info.role} key ${info.id}${info.tenant ? ` for tenant ${info.tenant}` : ''}; store it now, it cannot be shown again:\n`);
      process.stdout.write(args.json ? `${JSON.stringify({ key, ...info }, null, 2)}\n` : `${key}\n`);
    } else if (sub === 'list') {
      const list = await keys.list(args.tenant !== undefined ? { tenant: args.tenant } : {});
      process.stdout.write(args.json ? `${JSON.stringify(list, null, 2)}\n` : table(list));
    } else {
      const info = await keys.revoke(arg!);
      process.stdout.write(`${info.id} revoked ${info.revokedAt?.toISOString()}\n`);
    }
    return 0;
  } finally {
    await db.$disconnect();
  }
}

function table(keys: ApiKeyInfo[]): string {
  const rows = [['id', 'role', 'tenant', 'name', 'created', 'revoked'], ...keys.map((k) => [k.id, k.role, k.tenant ?? '-', k.name ?? '-', k.createdAt.toISOString(), k.revokedAt?.toISOString() ?? '-'])];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()).join('\n') + '\n';
}
