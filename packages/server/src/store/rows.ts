import type {
  Bank,
  BalanceSnapshot,
  LinkHealth,
  ReauthReason,
  RefreshFailureReason,
  RefreshStrategy,
} from '@okra-balance/core';
import type { ProviderErrorKind } from '../provider/ProviderError.ts';
import type { JobStep, StoredAccount, StoredJob, StoredLinkToken } from './Store.ts';

type Row = Record<string, unknown>;

/** An ISO time from a driver's timestamp (a Date from both PGlite and pg; a string from others). */
export function iso(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return new Date(typeof value === 'number' ? value : String(value)).toISOString();
}

export function isoOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : iso(value);
}

// `bigint` columns come back as numbers (PGlite) or strings (pg): minor units fit safely in a double.
function num(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

function textOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

export function toLinkToken(row: Row): StoredLinkToken {
  return {
    tokenHash: String(row.token_hash),
    userId: String(row.user_id),
    createdAt: iso(row.created_at),
    expiresAt: iso(row.expires_at),
    usedAt: isoOrNull(row.used_at),
    hookHash: textOrNull(row.hook_hash),
    reauthAccountId: textOrNull(row.reauth_account_id),
  };
}

export function toAccount(row: Row): StoredAccount {
  return {
    id: String(row.id),
    userId: String(row.user_id),
    linkId: String(row.link_id),
    provider: String(row.provider),
    providerAccountId: String(row.provider_account_id),
    upstreamKey: String(row.upstream_key),
    customerId: textOrNull(row.customer_id),
    name: String(row.name),
    nuban: String(row.nuban),
    bank: row.bank as Bank,
    currency: String(row.currency),
    linkedAt: iso(row.linked_at),
    lastCheckedAt: isoOrNull(row.last_checked_at),
    health: toHealth(row),
    schedule: {
      source: row.schedule_source === 'account' ? 'account' : 'route',
      hours: row.schedule_hours === null || row.schedule_hours === undefined ? null : num(row.schedule_hours),
      from: iso(row.scheduled_from ?? row.linked_at),
      seed: row.schedule_seed === null || row.schedule_seed === undefined ? 0 : num(row.schedule_seed),
    },
  };
}

function toHealth(row: Row): LinkHealth {
  const since = isoOrNull(row.reauth_since);
  if (since === null) return { state: 'ok' };
  return {
    state: 'needs_reauth',
    reason: String(row.reauth_reason) as ReauthReason,
    message: textOrNull(row.reauth_message) ?? '',
    since,
  };
}

export function toSnapshot(row: Row): BalanceSnapshot {
  return {
    id: String(row.id),
    available: row.available === null ? null : num(row.available),
    derived: row.derived === true,
    ledger: num(row.ledger),
    currency: String(row.currency),
    asOf: iso(row.as_of),
    lastCheckedAt: isoOrNull(row.last_checked_at),
    recordedAt: iso(row.recorded_at),
  };
}

export function toJob(row: Row): StoredJob {
  const reason = textOrNull(row.failure_reason);
  return {
    id: String(row.id),
    upstreamKey: String(row.upstream_key),
    providerAccountId: String(row.provider_account_id),
    strategy: String(row.strategy) as RefreshStrategy,
    step: String(row.step) as JobStep,
    balanceChanged: typeof row.balance_changed === 'boolean' ? row.balance_changed : null,
    failure:
      reason === null
        ? null
        : { reason: reason as RefreshFailureReason, message: textOrNull(row.failure_message) ?? '' },
    recordId: textOrNull(row.record_id),
    callbackUrl: textOrNull(row.callback_url),
    attempt: num(row.attempt),
    lastErrorKind: textOrNull(row.last_error_kind) as ProviderErrorKind | null,
    intentAt: isoOrNull(row.intent_at),
    lostCalls: num(row.lost_calls),
    leaseOwner: textOrNull(row.lease_owner),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    deadlineAt: iso(row.deadline_at),
    settledAt: isoOrNull(row.settled_at),
    nextRunAt: iso(row.next_run_at),
  };
}

/** The first row of a statement that must return one (an INSERT ... RETURNING). */
export function onlyRow(rows: Row[], statement: string): Row {
  const row = rows[0];
  if (row === undefined) throw new Error(`${statement} returned no row`);
  return row;
}
