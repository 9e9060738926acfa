import { nonEmptyText as text } from './dataLayers.ts';
import type { Bank } from './model.ts';
import type { IdOr, ProviderBank } from './providerTypes.ts';

/**
 * Our {@link Bank} from the provider's bank, which may be an id or the populated object. Returns null when
 * there is nothing to name the bank by.
 */
export function normalizeBank(raw: IdOr<ProviderBank> | null | undefined): Bank | null {
  if (typeof raw === 'string') return raw === '' ? null : { id: raw, name: raw };
  if (typeof raw !== 'object' || raw === null) return null;
  const id = text(raw._id) ?? text(raw.id) ?? text(raw.slug);
  const name = text(raw.name) ?? id;
  if (id === undefined || name === undefined) return null;
  const bank: Bank = { id, name };
  const logo = imageUrl(raw.logo);
  const icon = imageUrl(raw.icon);
  const color = text(raw.colors?.primary);
  if (logo !== undefined) bank.logo = logo;
  if (icon !== undefined) bank.icon = icon;
  if (color !== undefined) bank.color = color;
  return bank;
}

// Shown as an <img src>: an http(s) URL or an inline image, never `javascript:`, another scheme or a
// relative path; and not a megabyte of inline data.
function imageUrl(value: unknown): string | undefined {
  const url = text(value);
  if (url === undefined || url.length > 20_000) return undefined;
  return /^(https?:\/\/[^\s/]+|data:image\/[a-z+.-]+[;,])/i.test(url) ? url : undefined;
}
