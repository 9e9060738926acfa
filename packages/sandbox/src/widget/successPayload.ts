import type { WidgetSuccessPayload } from '@okra-balance/core';
import type { LinkAccountResult } from '../linkCustomer.ts';

/**
 * The onSuccess payload for `products: ['auth', 'balance']`, in the documented shape: `auth` with the
 * customer and bank, the accounts, and `bank_id`/`bank_details` at the top. `record` is the sandbox's
 * choice (the docs do not say whether it appears). The page adds `success: true` when it posts it.
 */
export function successPayload(link: LinkAccountResult, appId: string): WidgetSuccessPayload {
  const bankId = link.bank._id;
  const bankDetails = {
    _id: bankId,
    name: link.bank.name,
    slug: link.bank.slug,
    logo: link.bank.logo,
    icon: link.bank.icon,
  };
  return {
    status: 'success',
    type: 'auth',
    auth: {
      customer_id: link.customerId,
      bank_id: bankId,
      bank_details: bankDetails,
      clientId: appId,
      status: 'success',
      type: 'auth',
      login_type: 'personal',
    },
    accounts: link.accounts.map((account) => ({
      id: account._id,
      name: account.name,
      nuban: account.nuban,
      type: account.type,
      customer: link.customerId,
      currency: account.currency,
      connected: true,
    })),
    bank_id: bankId,
    bank_details: bankDetails,
    customer_id: link.customerId,
    record: link.recordId,
  };
}
