import type { ProviderErrorType, ProviderPagination } from '@okra-balance/core';

/** A provider reply before it is written: status, envelope, and any headers. */
export interface Reply {
  status: number;
  body: Record<string, unknown>;
}

/**
 * The success envelope.
 *
 * @example
 * ok({ balance: [] }, 'Balances retrieved'); // { status: 200, body: { status: 'success', message, data } }
 */
export function ok(data: unknown, message: string, status = 200): Reply {
  return { status, body: { status: 'success', message, data } };
}

/** The error envelope, with the optional `type` the docs name (`RATE_LIMIT`, `NO_RECORD_ID`...). */
export function fail(status: number, message: string, type?: ProviderErrorType): Reply {
  const body: Record<string, unknown> = { status: 'error', message };
  if (type !== undefined) body.type = type;
  return { status, body };
}

/** One page of `items` and the provider's pagination block (mongoose-paginate's fields). */
export function paginate<T>(
  items: readonly T[],
  page: number,
  limit: number,
): { docs: T[]; pagination: Required<ProviderPagination> } {
  const totalDocs = items.length;
  const totalPages = Math.max(1, Math.ceil(totalDocs / limit));
  const start = (page - 1) * limit;
  return {
    docs: items.slice(start, start + limit),
    pagination: {
      totalDocs,
      limit,
      page,
      totalPages,
      pagingCounter: start + 1,
      hasPrevPage: page > 1,
      hasNextPage: page < totalPages,
      prevPage: page > 1 ? page - 1 : null,
      nextPage: page < totalPages ? page + 1 : null,
    },
  };
}
