import type { Db } from './client.js';
import type { ApiKey, ApiKeyRole } from '../generated/prisma/client.js';

export type ApiKeyRow = ApiKey;

/** The one place that reads and writes the `api_keys` table (the secret itself is never stored). */
export class ApiKeysRepo {
  constructor(private readonly db: Db) {}

  create(row: { id: string; role: ApiKeyRole; tenant: string | null; name: string | null; secretHash: Buffer }): Promise<ApiKeyRow> {
    return this.db.apiKey.create({ data: { ...row, secretHash: new Uint8Array(row.secretHash) } });
  }

  find(id: string): Promise<ApiKeyRow | null> {
    return this.db.apiKey.findUnique({ where: { id } });
  }

  /** Oldest first; revoked keys too (they stay for the record). */
  list(filter: { tenant?: string } = {}): Promise<ApiKeyRow[]> {
    return this.db.apiKey.findMany({ where: filter.tenant !== undefined ? { tenant: filter.tenant } : {}, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  }

  /** Revokes the key unless it already is; returns the row (null: no such key). */
  async revoke(id: string): Promise<ApiKeyRow | null> {
    await this.db.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
    return this.find(id);
  }
}
