import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { ApiKeysRepo, ApiKeyRow } from '../db/api-keys-repo.js';
import { ValidationError, NotFoundError } from '../errors.js';

/** Who a request acts for: a tenant (the /v1 API, its own migrations only) or the operator (admin routes). */
export type Principal = { kind: 'tenant'; tenant: string; keyId: string | null } | { kind: 'admin'; keyId: string | null };

/**
 * A tenant name: lower-case letters, digits and inner dashes, like a DNS label. It appears in logs,
 * Redis keys and the CLI, so nothing there needs quoting.
 */
const tenantNameSchema = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'a tenant is 1..63 lower-case letters, digits and inner dashes');

/**
 * `pcl_<key id: 32 hex>_<secret: 32 random bytes, base64url>`. The id finds the row (a primary-key
 * lookup), so the secret is never used as a database search key, and the comparison of its hash is
 * constant-time. The prefix makes a leaked key recognisable (secret scanners, logs).
 */
const KEY_PATTERN = /^pcl_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

const sha256 = (s: string) => createHash('sha256').update(s).digest();

/** Compared against when the key id is unknown, so that a miss costs what a hit costs. */
const DUMMY_HASH = sha256('pcl_not-a-key');

function idFromHex(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** An API key as listed: never the secret, which exists only in the answer of create(). */
export interface ApiKeyInfo {
  id: string;
  role: 'tenant' | 'admin';
  tenant: string | null;
  name: string | null;
  createdAt: Date;
  revokedAt: Date | null;
}

const info = (row: ApiKeyRow): ApiKeyInfo => ({ id: row.id, role: row.role, tenant: row.tenant, name: row.name, createdAt: row.createdAt, revokedAt: row.revokedAt });

/** Creates, lists, revokes and checks API keys (stored as SHA-256 hashes only). */
export class ApiKeyService {
  constructor(private readonly repo: ApiKeysRepo) {}

  /** A new key: the returned `key` is the only copy of the secret there will ever be. */
  async create(opts: { tenant?: string; admin?: boolean; name?: string }): Promise<{ key: string; info: ApiKeyInfo }> {
    if (opts.admin && opts.tenant !== undefined) {
      throw new ValidationError('An admin key has no tenant.', [{ in: 'body', field: 'tenant', message: 'not allowed with --admin' }]);
    }
    let tenant: string | null = null;
    if (!opts.admin) {
      const parsed = tenantNameSchema.safeParse(opts.tenant);
      if (!parsed.success) {
        throw new ValidationError('A tenant key needs a valid tenant name.', [{ in: 'body', field: 'tenant', message: opts.tenant === undefined ? 'required' : parsed.error.issues[0].message }]);
      }
      tenant = parsed.data;
    }
    const id = randomUUID();
    const key = `pcl_${id.replaceAll('-', '')}_${randomBytes(32).toString('base64url')}`;
    const row = await this.repo.create({ id, role: opts.admin ? 'admin' : 'tenant', tenant, name: opts.name ?? null, secretHash: sha256(key) });
    return { key, info: info(row) };
  }

  async list(filter: { tenant?: string } = {}): Promise<ApiKeyInfo[]> {
    return (await this.repo.list(filter)).map(info);
  }

  /** Revoked keys are refused from the next request on (keys are not cached). Revoking twice is a no-op. */
  async revoke(id: string): Promise<ApiKeyInfo> {
    if (!z.uuid().safeParse(id).success) throw new NotFoundError('API key', id);
    const row = await this.repo.revoke(id);
    if (!row) throw new NotFoundError('API key', id);
    return info(row);
  }

  /** The principal of a presented key, or null when it is malformed, unknown or revoked (which the caller does not tell apart). */
  async authenticate(presented: string): Promise<Principal | null> {
    const match = KEY_PATTERN.exec(presented);
    if (!match) return null;
    const row = await this.repo.find(idFromHex(match[1]));
    const equal = timingSafeEqual(sha256(presented), row ? Buffer.from(row.secretHash) : DUMMY_HASH);
    if (!row || !equal || row.revokedAt !== null) return null;
    if (row.role === 'admin') return { kind: 'admin', keyId: row.id };
    if (row.tenant === null) return null; // a tenant key without a tenant is unusable, not a wildcard
    return { kind: 'tenant', tenant: row.tenant, keyId: row.id };
  }
}
