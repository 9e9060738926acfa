import { describe, expect, it } from 'vitest';
import { createLinkHealth } from './createLinkHealth.ts';

const health = createLinkHealth();
const error = (type: string | null, status: number | null = 400, message = 'Provider: Sign in again') => ({
  status,
  type,
  message,
});

describe('createLinkHealth', () => {
  it('maps the default words, whatever their case or separators', () => {
    const cases: [string, string][] = [
      ['INVALID', 'invalid_credentials'],
      ['invalid_credentials', 'invalid_credentials'],
      ['Token Required', 'token_required'],
      ['otp-required', 'token_required'],
      ['DISCONNECTED', 'disconnected'],
      ['consent_expired', 'consent_expired'],
    ];
    for (const [word, reason] of cases) expect(health.fromError(error(word))?.reason, word).toBe(reason);
  });

  it('keeps the provider message (without our prefix) and falls back to a sentence', () => {
    expect(health.fromError(error('TOKEN_REQUIRED'))).toEqual({
      reason: 'token_required',
      message: 'Sign in again',
    });
    expect(health.fromCallback({ status: 'disconnected' })?.message).toBe(
      'The link to the bank was disconnected',
    );
  });

  it('leaves EXPIRED, other types, our own key errors and rate limits alone', () => {
    expect(health.fromError(error('EXPIRED'))).toBeNull();
    expect(health.fromError(error('BANK_ERROR'))).toBeNull();
    expect(health.fromError(error(null))).toBeNull();
    expect(health.fromError(error('INVALID', 401))).toBeNull();
    expect(health.fromError(error('TOKEN_REQUIRED', 429))).toBeNull();
  });

  it('reads a callback status in any layer, but not a success or pending word', () => {
    expect(health.fromCallback({ status: 'invalid', message: 'Password changed' })).toEqual({
      reason: 'invalid_credentials',
      message: 'Password changed',
    });
    expect(health.fromCallback({ data: { status: 'token_required' } })?.reason).toBe('token_required');
    expect(health.fromCallback({ status: 'success' })).toBeNull();
    expect(health.fromCallback({ status: 'pending' })).toBeNull();
    expect(health.fromCallback(undefined)).toBeNull();
  });

  it('reads a webhook status, type or callback_code', () => {
    const base = { callback_type: 'BALANCE', record: 'r1', account: 'a1' };
    expect(health.fromWebhook({ ...base, status: 'invalid' })?.reason).toBe('invalid_credentials');
    expect(health.fromWebhook({ ...base, type: 'CONSENT_EXPIRED' })?.reason).toBe('consent_expired');
    expect(health.fromWebhook({ ...base, callback_code: 'TOKEN_REQUIRED' })?.reason).toBe('token_required');
    expect(health.fromWebhook({ ...base, status: 'success', type: 'balance.success' })).toBeNull();
  });

  it('takes connected: false as disconnected only when told to', () => {
    expect(health.fromBalance({ connected: false, ledger_balance: 1 })).toBeNull();
    const strict = createLinkHealth({ notConnected: true });
    expect(strict.fromBalance({ connected: false })?.reason).toBe('disconnected');
    expect(strict.fromBalance({ connected: true })).toBeNull();
    expect(strict.fromBalance({})).toBeNull();
  });

  it('adds words and turns defaults off through the option', () => {
    const custom = createLinkHealth({
      statuses: { locked: 'invalid_credentials', expired: 'consent_expired', INVALID: null },
    });
    expect(custom.fromError(error('LOCKED'))?.reason).toBe('invalid_credentials');
    expect(custom.fromError(error('EXPIRED'))?.reason).toBe('consent_expired');
    expect(custom.fromError(error('INVALID'))).toBeNull();
    expect(custom.fromError(error('TOKEN_REQUIRED'))?.reason).toBe('token_required');
  });
});
