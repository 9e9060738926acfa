import { z } from 'zod';
import {
  dataLayers,
  nonEmptyText,
  type ProviderAccount,
  type ProviderBalance,
  type ProviderCheckResult,
  type ProviderPagination,
  type ProviderTransaction,
} from '@okra-balance/core';

type Loose = Record<string, unknown>;

const objectSchema = z.looseObject({});
const listSchema = z.array(z.unknown());

/** Objects from the first layer that holds an array under one of `keys` (or a bare array as data). */
function listOf(data: unknown, keys: readonly string[]): Loose[] {
  const bare = listSchema.safeParse(data);
  if (bare.success) return onlyObjects(bare.data);
  for (const layer of dataLayers(data)) {
    for (const key of keys) {
      const list = listSchema.safeParse(layer[key]);
      if (list.success) return onlyObjects(list.data);
    }
  }
  return [];
}

function onlyObjects(values: unknown[]): Loose[] {
  return values.flatMap((value) => {
    const parsed = objectSchema.safeParse(value);
    return parsed.success ? [parsed.data] : [];
  });
}

/** Balances from a list reply: `data.balance`, or `data.balances` as some clients read it. */
export function balanceList(data: unknown): ProviderBalance[] {
  return listOf(data, ['balance', 'balances']);
}

export function accountList(data: unknown): ProviderAccount[] {
  return listOf(data, ['account', 'accounts']);
}

export function transactionList(data: unknown): ProviderTransaction[] {
  return listOf(data, ['transaction', 'transactions']);
}

const paginationSchema = z.looseObject({
  hasNextPage: z.boolean().optional(),
  nextPage: z.number().nullable().optional(),
});

/** The reply's pagination, if any layer has one. */
export function paginationOf(data: unknown): ProviderPagination | null {
  for (const layer of dataLayers(data)) {
    const parsed = paginationSchema.safeParse(layer.pagination);
    if (parsed.success) return parsed.data as ProviderPagination;
  }
  return null;
}

/** What `/balance/refresh` and `/balance/check` answer at once: the record and its callback URL, raw. */
export function startedRecord(data: unknown): { record: string | null; callbackUrl: string | null } {
  let record: string | null = null;
  let callbackUrl: string | null = null;
  for (const layer of dataLayers(data)) {
    record ??= textOrNull(layer.record) ?? textOrNull(layer.record_id) ?? textOrNull(layer.recordId);
    callbackUrl ??= textOrNull(layer.callback_url) ?? textOrNull(layer.callbackUrl);
  }
  return { record, callbackUrl };
}

/** A check's answer, when a layer carries `balance_changed`. */
export function checkResult(data: unknown): ProviderCheckResult | null {
  const layer = dataLayers(data).find((candidate) => typeof candidate.balance_changed === 'boolean');
  return layer === undefined ? null : layer;
}

const PENDING_WORDS = new Set([
  'pending',
  'processing',
  'in_progress',
  'in-progress',
  'queued',
  'not_ready',
  'started',
]);

/**
 * True when a callback's answer says the bank has not answered yet. The provider's not-ready reply is not
 * documented; these are the plausible markers: a pending-like `status`, or `ready`/`done`/`completed` false,
 * or `pending` true, in any layer.
 */
export function hasPendingMarker(data: unknown): boolean {
  return dataLayers(data).some(
    (layer) =>
      (typeof layer.status === 'string' && PENDING_WORDS.has(layer.status.toLowerCase())) ||
      layer.pending === true ||
      layer.ready === false ||
      layer.done === false ||
      layer.completed === false,
  );
}

/** The envelope `status` words that mean "not yet" rather than success or error. */
export function isPendingWord(word: string | null): boolean {
  return word !== null && PENDING_WORDS.has(word);
}

/** A provider string with something in it, or null. */
export function textOrNull(value: unknown): string | null {
  return nonEmptyText(value) ?? null;
}

/** When the provider says a balance is from (`last_updated`, else `created_at`), in ms; 0 when it says nothing usable. */
export function balanceTime(balance: ProviderBalance): number {
  for (const value of [balance.last_updated, balance.created_at]) {
    const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
    if (!Number.isNaN(time)) return time;
  }
  return 0;
}
