import type { RecordDoc } from '../docs.ts';
import { LINK_MESSAGES } from '../linkStates.ts';
import { balanceView } from '../views.ts';
import type { ApiContext, Handler, ProviderCall } from './ApiContext.ts';
import { parseInput } from './ApiContext.ts';
import { callbackQuery } from './bodies.ts';
import { fail, ok, type Reply } from './envelope.ts';

/**
 * `GET /callback?record=&method=BALANCE|CHECK_BALANCE`: "not ready" until the bank answered (in the
 * configured variant), then the check's documented result, or (undocumented) the balance the refresh fetched.
 */
export const callback: Handler = (call, ctx) => {
  if (!call.query.has('record')) return fail(400, 'record is required', 'NO_RECORD_ID');
  const input = parseInput(callbackQuery, Object.fromEntries(call.query));
  if (!input.ok) return input.reply;
  const record = ctx.store.records.get(input.value.record);
  if (record === undefined) return fail(404, `Record ${input.value.record} not found`);
  if (record.method !== input.value.method) {
    return fail(400, `Record ${record._id} is a ${record.method} record: use method=${record.method}`);
  }
  ctx.records.settleIfDue(record);
  if (record.status === 'pending') return notReady(ctx, record);
  if (record.linkStatus !== null) {
    // The bank refused the session at login: a finished record whose data says why (the callback-status shape).
    const message = LINK_MESSAGES[record.linkStatus];
    const data = { status: record.linkStatus, message, record: record._id, method: record.method };
    return ok(data, 'The bank could not refresh this account');
  }
  if (record.status === 'failed') {
    return fail(502, 'The bank could not be reached for this record; start a new one', 'BANK_ERROR');
  }
  if (record.check !== null) {
    return ok({ ...record.check, record: record._id, method: record.method }, 'Balance check complete');
  }
  return balanceResult(call, ctx, record);
};

function balanceResult(call: ProviderCall, ctx: ApiContext, record: RecordDoc): Reply {
  const balance = ctx.store.balances.get(record.accountId);
  if (balance === undefined) return fail(404, `Record ${record._id} not found`);
  const dropAvailable = call.fault('missing-available') !== null;
  const key = call.fault('balances-key') === null ? 'balance' : 'balances';
  const view = balanceView(ctx.store, balance, { dropAvailable });
  return ok(
    { record: record._id, method: record.method, status: 'completed', [key]: view },
    'Balance retrieved',
  );
}

function notReady(ctx: ApiContext, record: RecordDoc): Reply {
  switch (ctx.notReady) {
    case 'not-found':
      return fail(404, `Record ${record._id} not found`);
    case 'error':
      return fail(400, 'This record is still being processed; try again shortly', 'EMPTY_QUEUE');
    case 'pending':
      return ok({ record: record._id, method: record.method, status: 'pending' }, 'Still processing...');
  }
}
