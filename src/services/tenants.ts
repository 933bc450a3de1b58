import { AppError } from '../errors.js';
import type { TenantGuard } from '../db/tenant-usage.js';

/**
 * A tenant's quota is used up (429). The detail names the limit by its configuration variable and
 * value; Retry-After is set when waiting helps (a running migration ends, a window passes), not
 * when only the tenant can free the quota (deleting migrations frees stored events).
 */
export class QuotaExceededError extends AppError {
  constructor(
    message: string,
    readonly limit: { name: string; value: number },
    retryAfterSeconds?: number,
  ) {
    super(429, 'Quota exceeded', message);
    if (retryAfterSeconds !== undefined) this.retryAfterSeconds = retryAfterSeconds;
  }
}

export interface TenantLimits {
  /** Queued plus running migrations a tenant may have (TENANT_MAX_ACTIVE_MIGRATIONS). */
  maxActiveMigrations: number;
  /** Fault events a tenant may keep stored (TENANT_MAX_FAULT_EVENTS). */
  maxFaultEvents: number;
  /** Queued plus running experiments a tenant may have (TENANT_MAX_ACTIVE_EXPERIMENTS). */
  maxActiveExperiments: number;
}

/** How long a tenant at its active-migrations cap is told to wait: about one short migration. */
const ACTIVE_RETRY_AFTER_S = 10;

/**
 * The submission guard: runs in the insert's transaction under a per-tenant lock (MigrationsRepo.insert),
 * so concurrent submissions of one tenant cannot both take the last slot. An idempotent replay
 * never reaches it (it creates nothing).
 */
export function submissionGuard(tenant: string, limits: TenantLimits): TenantGuard {
  return async (usage) => {
    const active = await usage.active();
    if (active >= limits.maxActiveMigrations) {
      throw new QuotaExceededError(
        `Tenant "${tenant}" has ${active} queued or running migrations, its limit (TENANT_MAX_ACTIVE_MIGRATIONS = ${limits.maxActiveMigrations}); retry when one has ended.`,
        { name: 'TENANT_MAX_ACTIVE_MIGRATIONS', value: limits.maxActiveMigrations },
        ACTIVE_RETRY_AFTER_S,
      );
    }
    await checkStoredEvents(tenant, limits, usage);
  };
}

/** The experiments' guard: their own cap on active experiments, and the stored-events quota. */
export function experimentGuard(tenant: string, limits: TenantLimits): TenantGuard {
  return async (usage) => {
    const active = await usage.activeExperiments();
    if (active >= limits.maxActiveExperiments) {
      throw new QuotaExceededError(
        `Tenant "${tenant}" has ${active} queued or running experiments, its limit (TENANT_MAX_ACTIVE_EXPERIMENTS = ${limits.maxActiveExperiments}); retry when one has ended.`,
        { name: 'TENANT_MAX_ACTIVE_EXPERIMENTS', value: limits.maxActiveExperiments },
        ACTIVE_RETRY_AFTER_S,
      );
    }
    await checkStoredEvents(tenant, limits, usage);
  };
}

async function checkStoredEvents(tenant: string, limits: TenantLimits, usage: Parameters<TenantGuard>[0]): Promise<void> {
  const stored = await usage.storedEvents();
  if (stored >= BigInt(limits.maxFaultEvents)) {
    throw new QuotaExceededError(
      `Tenant "${tenant}" stores ${stored} fault events, its limit (TENANT_MAX_FAULT_EVENTS = ${limits.maxFaultEvents}); delete migrations to submit more.`,
      { name: 'TENANT_MAX_FAULT_EVENTS', value: limits.maxFaultEvents },
    );
  }
}

/**
 * Open event streams (GET /v1/migrations/{id}/events) of this process, per tenant and in all: each
 * holds a socket, a Redis reader wake-up and a heartbeat timer for as long as its client stays, so
 * both are capped (SSE_MAX_STREAMS_PER_TENANT, SSE_MAX_STREAMS). One more is a 429.
 */
export class StreamSlots {
  private total = 0;
  private readonly byTenant = new Map<string, number>();

  constructor(private readonly limits: { perTenant: number; perProcess: number }) {}

  /** Takes a slot or throws 429; the returned function gives it back (idempotent). */
  acquire(tenant: string): () => void {
    const mine = this.byTenant.get(tenant) ?? 0;
    if (mine >= this.limits.perTenant) {
      throw new QuotaExceededError(
        `Tenant "${tenant}" has ${mine} open event streams, its limit (SSE_MAX_STREAMS_PER_TENANT = ${this.limits.perTenant}); close one first.`,
        { name: 'SSE_MAX_STREAMS_PER_TENANT', value: this.limits.perTenant },
        5,
      );
    }
    if (this.total >= this.limits.perProcess) {
      throw new QuotaExceededError(
        `This server has ${this.total} open event streams, its limit (SSE_MAX_STREAMS = ${this.limits.perProcess}); retry later.`,
        { name: 'SSE_MAX_STREAMS', value: this.limits.perProcess },
        5,
      );
    }
    this.total++;
    this.byTenant.set(tenant, mine + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total--;
      const left = (this.byTenant.get(tenant) ?? 1) - 1;
      if (left === 0) this.byTenant.delete(tenant);
      else this.byTenant.set(tenant, left);
    };
  }
}
