import type { RecordFaults, RecordMethod } from '../docs.ts';
import { LINK_ERROR_TYPES, LINK_MESSAGES } from '../linkStates.ts';
import type { ApiContext, Handler, ProviderCall } from './ApiContext.ts';
import { parseInput } from './ApiContext.ts';
import { accountBody } from './bodies.ts';
import { fail, ok, type Reply } from './envelope.ts';

/** `POST /balance/refresh { account_id }`: starts a bank session; the balance arrives later. */
export const refreshBalance: Handler = (call, ctx) => startRecord(call, ctx, 'BALANCE');

/** `POST /balance/check { account_id }`: asks the bank whether the balance changed, without fetching it. */
export const checkBalance: Handler = (call, ctx) => startRecord(call, ctx, 'CHECK_BALANCE');

function startRecord(call: ProviderCall, ctx: ApiContext, method: RecordMethod): Reply {
  const input = parseInput(accountBody, call.body);
  if (!input.ok) return input.reply;
  const account = ctx.store.accounts.get(input.value.accountId);
  if (account === undefined) return fail(404, `Account ${input.value.accountId} not found`);
  // A one-off OTP prompt: answered like an expired link, but the link itself stays as it was.
  if (call.fault('token-required') !== null) {
    return fail(400, LINK_MESSAGES.token_required, LINK_ERROR_TYPES.token_required);
  }
  const link = ctx.links.bill(account);
  if (link.status !== 'active' && link.shape === 'error-type') {
    return fail(400, LINK_MESSAGES[link.status], LINK_ERROR_TYPES[link.status]);
  }

  const record = ctx.records.create({
    method,
    account,
    faults: recordFaults(call, ctx),
    ...(link.status === 'active' ? {} : { linkStatus: link.status }),
  });
  if ('retryInMs' in record) {
    const seconds = Math.ceil(record.retryInMs / 1000);
    return fail(
      429,
      `This bank is still answering a refresh for this account; try again in ${seconds} seconds`,
      'RATE_LIMIT',
    );
  }
  // A refresh held inside the duplicate window rides on the session already at the bank: not a new one.
  if (method === 'BALANCE' && record.moves) ctx.counter.session(account._id);
  const message = method === 'BALANCE' ? 'Balance checking...' : 'Checking balance...';
  const data = {
    callback_url: callbackUrl(call, record._id, method),
    record: record._id,
    method,
  };
  return ok(data, message, 201);
}

/** Record faults are decided once, by the call that makes the record. */
function recordFaults(call: ProviderCall, ctx: ApiContext): RecordFaults {
  const late = call.fault('late-callback');
  return {
    lateByMs: late === null ? 0 : (late.delayMs ?? Math.max(1_000, ctx.latency.max() * 10)),
    duplicateCallback: call.fault('duplicate-callback') !== null,
    webhookTwice: call.fault('webhook-twice') !== null,
    webhookNever: call.fault('webhook-never') !== null,
    failed: call.fault('record-failed') !== null,
    checkSays:
      call.fault('check-changed') !== null ? true : call.fault('check-unchanged') !== null ? false : null,
  };
}

/**
 * The record's callback URL, or one of the two broken forms the provider has been seen to send: the word
 * `undefined` in place of the `callback` segment, or a host that only starts like the provider's.
 */
function callbackUrl(call: ProviderCall, record: string, method: RecordMethod): string {
  const query = `?record=${record}&method=${method}`;
  if (call.fault('undefined-callback-url') !== null) return `${call.apiBase}/undefined${query}`;
  if (call.fault('foreign-callback-url') !== null) {
    const url = new URL(call.apiBase);
    return `${url.protocol}//${url.hostname}.attacker.invalid:${url.port || '80'}${url.pathname}/callback${query}`;
  }
  return `${call.apiBase}/callback${query}`;
}
