import { describe, expect, it } from 'vitest';
import { normalizeLinkResult } from './normalizeLinkResult.ts';

const bank = {
  _id: 'bank-gtb',
  name: 'Guaranty Trust Bank',
  slug: 'gtb',
  logo: 'data:image/png;base64,AA',
  colors: { primary: '#dd4f05' },
};

describe('normalizeLinkResult', () => {
  it('reads the documented auth payload', () => {
    const result = normalizeLinkResult({
      success: true,
      auth: {
        customer_id: 'cus-1',
        bank_id: 'bank-gtb',
        bank_details: bank,
        clientId: 'x',
        status: 'success',
      },
      accounts: [
        {
          id: 'acc-1',
          name: 'Ada Obi',
          nuban: '0123456789',
          customer: 'cus-1',
          currency: 'NGN',
          connected: true,
        },
      ],
    });
    expect(result).toEqual({
      customerId: 'cus-1',
      bank: {
        id: 'bank-gtb',
        name: 'Guaranty Trust Bank',
        logo: 'data:image/png;base64,AA',
        color: '#dd4f05',
      },
      accounts: [{ id: 'acc-1', name: 'Ada Obi', maskedNuban: '******6789', currency: 'NGN' }],
    });
  });

  it('reads fields at the top level, with `_id` accounts and a customer object', () => {
    const result = normalizeLinkResult({
      customer: { _id: 'cus-2' },
      bank_details: bank,
      accounts: [{ _id: 'acc-2' }],
      record_id: 'rec-9',
    });
    expect(result.customerId).toBe('cus-2');
    expect(result.accounts).toEqual([{ id: 'acc-2', name: null, maskedNuban: null, currency: null }]);
    expect(result.recordId).toBe('rec-9');
    expect(result.bank?.id).toBe('bank-gtb');
  });

  it('unwraps a payload nested under `data`, twice', () => {
    const result = normalizeLinkResult({
      data: { data: { auth: { customer_id: 'cus-3' }, record: 'rec-3', accounts: [] } },
    });
    expect(result.customerId).toBe('cus-3');
    expect(result.recordId).toBe('rec-3');
  });

  it('falls back to the bank id when no bank details come', () => {
    expect(normalizeLinkResult({ bank_id: 'bank-x' }).bank).toEqual({ id: 'bank-x', name: 'bank-x' });
  });

  it('prefers the top level over `auth`, and `record` over `record_id`', () => {
    const result = normalizeLinkResult({
      customer_id: 'top',
      auth: { customer_id: 'inner' },
      record: 'a',
      record_id: 'b',
    });
    expect(result.customerId).toBe('top');
    expect(result.recordId).toBe('a');
  });

  it('drops accounts without an id and tolerates junk', () => {
    const result = normalizeLinkResult({
      accounts: [null, 'acc', { name: 'no id' }, { id: '' }, { id: 'ok', nuban: 42 }],
    });
    expect(result.accounts).toEqual([{ id: 'ok', name: null, maskedNuban: null, currency: null }]);
  });

  it('gives an empty result for nothing at all, without a recordId key', () => {
    for (const payload of [undefined, null, 'success', 12, [], {}]) {
      const result = normalizeLinkResult(payload);
      expect(result).toEqual({ customerId: null, accounts: [], bank: null });
      expect('recordId' in result).toBe(false);
    }
  });
});
