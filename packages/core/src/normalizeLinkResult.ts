import { maskNuban, type Bank } from './model.ts';
import { asObject, dataLayers, nonEmptyText as text, type LooseObject as Loose } from './dataLayers.ts';
import { normalizeBank } from './normalizeBank.ts';
import type { ProviderBank } from './providerTypes.ts';

/** An account as the widget reported it: a display hint until the server confirms it. */
export interface LinkResultAccount {
  id: string;
  name: string | null;
  maskedNuban: string | null;
  currency: string | null;
}

/** The widget's onSuccess payload, normalized. Never authorize anything from it: a page can forge it. */
export interface LinkResult {
  customerId: string | null;
  accounts: LinkResultAccount[];
  bank: Bank | null;
  recordId?: string;
}

/**
 * Reads the widget's onSuccess message in every shape the provider has been seen to send: fields at the top
 * level or under `auth`, the whole thing nested under `data`, ids as `id` or `_id`, the customer as an id or
 * an object, the record as `record`, `record_id` or `recordId`. Accounts without an id are dropped.
 *
 * @example
 * normalizeLinkResult({ auth: { customer_id: 'c1', bank_details: { _id: 'b1', name: 'GTBank' } }, accounts: [{ id: 'a1' }] });
 * // { customerId: 'c1', bank: { id: 'b1', name: 'GTBank' }, accounts: [{ id: 'a1', name: null, maskedNuban: null, currency: null }] }
 */
export function normalizeLinkResult(payload: unknown): LinkResult {
  const layers = dataLayers(payload);
  const auths = layers.map((layer) => asObject(layer.auth)).filter((auth): auth is Loose => auth !== null);
  const everywhere = [...layers, ...auths];

  const customerId = first(everywhere, (layer) => text(layer.customer_id) ?? customerIdOf(layer.customer));
  const bank =
    first(
      everywhere,
      (layer) => normalizeBank(layer.bank_details as ProviderBank | undefined) ?? undefined,
    ) ??
    first(everywhere, (layer) => normalizeBank(text(layer.bank_id)) ?? undefined) ??
    null;
  const recordId = first(
    everywhere,
    (layer) => text(layer.record) ?? text(layer.record_id) ?? text(layer.recordId),
  );
  const rawAccounts = first(everywhere, (layer) =>
    Array.isArray(layer.accounts) ? layer.accounts : undefined,
  );

  const result: LinkResult = {
    customerId: customerId ?? null,
    accounts: (rawAccounts ?? []).flatMap(toAccount),
    bank,
  };
  if (recordId !== undefined) result.recordId = recordId;
  return result;
}

function toAccount(raw: unknown): LinkResultAccount[] {
  const account = asObject(raw);
  if (account === null) return [];
  const id = text(account.id) ?? text(account._id);
  if (id === undefined) return [];
  const nuban = text(account.nuban);
  return [
    {
      id,
      name: text(account.name) ?? null,
      maskedNuban: nuban === undefined ? null : maskNuban(nuban),
      currency: text(account.currency) ?? null,
    },
  ];
}

function customerIdOf(value: unknown): string | undefined {
  const object = asObject(value);
  if (object === null) return text(value);
  return text(object._id) ?? text(object.id);
}

function first<T>(layers: Loose[], pick: (layer: Loose) => T | undefined): T | undefined {
  for (const layer of layers) {
    const value = pick(layer);
    if (value !== undefined) return value;
  }
  return undefined;
}
