import type { BalanceDoc } from '../docs.ts';
import { accountView, balanceView, transactionView } from '../views.ts';
import type { ApiContext, Handler, ProviderCall } from './ApiContext.ts';
import { parseInput } from './ApiContext.ts';
import { accountBody, customerBody, idBody, optionsBody } from './bodies.ts';
import { fail, ok, paginate, type Reply } from './envelope.ts';

/** `POST /balance/getByAccount { account_id, page, limit }` */
export const balanceByAccount: Handler = (call, ctx) => {
  const input = parseInput(accountBody, call.body);
  if (!input.ok) return input.reply;
  const balance = ctx.store.balances.get(input.value.accountId);
  if (balance === undefined) return fail(404, `Account ${input.value.accountId} not found`);
  return balancePage(call, ctx, [balance], input.value);
};

/** `POST /balance/getByCustomer { customer, page, limit, includePeriodic? }`: an unknown customer has none. */
export const balanceByCustomer: Handler = (call, ctx) => {
  const input = parseInput(customerBody, call.body);
  if (!input.ok) return input.reply;
  const balances = ctx.store
    .accountsOf(input.value.customer)
    .flatMap((account) => ctx.store.balances.get(account._id) ?? []);
  return balancePage(call, ctx, balances, { ...input.value, periodic: input.value.includePeriodic === true });
};

/** `POST /balance/getById { id }`: the list shape, with the one balance. */
export const balanceById: Handler = (call, ctx) => {
  const input = parseInput(idBody, call.body);
  if (!input.ok) return input.reply;
  const balance = ctx.store.balanceById(input.value.id);
  if (balance === undefined) return fail(404, `Balance ${input.value.id} not found`);
  return balancePage(call, ctx, [balance], input.value);
};

/**
 * `POST /balance/byOptions { options, page, limit }`: balances of accounts whose records were made with
 * options holding every given key and value. Accounts and customers come populated.
 */
export const balanceByOptions: Handler = (call, ctx) => {
  const input = parseInput(optionsBody, call.body);
  if (!input.ok) return input.reply;
  const wanted = Object.entries(input.value.options);
  const accountIds = new Set<string>();
  for (const record of ctx.store.records.values()) {
    const stored = record.options;
    if (stored === null) continue;
    if (wanted.every(([key, value]) => sameJson(stored[key], value))) accountIds.add(record.accountId);
  }
  const balances = [...accountIds].flatMap((id) => ctx.store.balances.get(id) ?? []);
  return balancePage(call, ctx, balances, { ...input.value, populate: true });
};

/** `POST /accounts/getByCustomer { customer, page, limit }` */
export const accountsByCustomer: Handler = (call, ctx) => {
  const input = parseInput(customerBody, call.body);
  if (!input.ok) return input.reply;
  const accounts = ctx.store
    .accountsOf(input.value.customer)
    .map((account) => accountView(ctx.store, account));
  const { docs, pagination } = paginate(accounts, input.value.page, input.value.limit);
  return ok({ account: docs, pagination }, 'Accounts retrieved');
};

/** `POST /transactions/getByAccount { account_id, page, limit }`: pending ones have `cleared_date: null`. */
export const transactionsByAccount: Handler = (call, ctx) => {
  const input = parseInput(accountBody, call.body);
  if (!input.ok) return input.reply;
  const transactions = ctx.store.transactions.get(input.value.accountId);
  if (transactions === undefined) return fail(404, `Account ${input.value.accountId} not found`);
  const { docs, pagination } = paginate(
    transactions.map(transactionView),
    input.value.page,
    input.value.limit,
  );
  return ok({ transaction: docs, pagination }, 'Transactions retrieved');
};

interface PageRequest {
  page: number;
  limit: number;
  populate?: boolean;
  periodic?: boolean;
}

/** A page of balances under `balance` (or `balances`, a fault), available dropped if a fault says so. */
function balancePage(
  call: ProviderCall,
  ctx: ApiContext,
  balances: BalanceDoc[],
  request: PageRequest,
): Reply {
  const { docs, pagination } = paginate(balances, request.page, request.limit);
  const dropAvailable = docs.length > 0 && call.fault('missing-available') !== null;
  const views = docs.map((balance) => {
    const view = balanceView(ctx.store, balance, { populate: request.populate === true, dropAvailable });
    if (request.periodic === false) delete view.periodic;
    return view;
  });
  const key = call.fault('balances-key') === null ? 'balance' : 'balances';
  return ok({ [key]: views, pagination }, 'Balances retrieved');
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
