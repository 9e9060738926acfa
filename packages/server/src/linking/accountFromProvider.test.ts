import { describe, expect, it } from 'vitest';
import { hostileTextAt } from '../cleanText.ts';
import { accountFromProvider } from './accountFromProvider.ts';

describe('accountFromProvider', () => {
  it('cleans and bounds what a hostile provider sends, so the account can always be stored', () => {
    const account = accountFromProvider(
      {
        _id: 'acc_1',
        name: `Ada\u0000 Obi ${'x'.repeat(500)}`,
        nuban: '0123\uD800456789',
        currency: 'ng\u0000n',
        customer: { _id: 'cus\u0000' },
        bank: { _id: 'b1', name: 'Bank\uDFFF', logo: 'javascript:alert(1)' },
        extra: { ['k\u0000']: '\uD800' },
      },
      null,
    );
    expect(account).toMatchObject({
      providerAccountId: 'acc_1',
      nuban: '0123\uFFFD456789',
      currency: 'NGN',
      customerId: 'cus',
      bank: { id: 'b1', name: 'Bank\uFFFD' },
    });
    expect(account?.name.startsWith('Ada Obi')).toBe(true);
    expect(account?.name).toHaveLength(120);
    expect(account?.bank.logo).toBeUndefined();
    expect(hostileTextAt(account)).toBeNull();
  });
});
