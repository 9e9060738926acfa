import { expectTypeOf, test } from 'vitest';
import type { CreateLinkRequest } from './api.ts';

test('CreateLinkRequest: the link token, and optionally the customer for the by-customer fallback', () => {
  expectTypeOf<{ linkToken: string }>().toExtend<CreateLinkRequest>();
  expectTypeOf<{ linkToken: string; customerId: string }>().toExtend<CreateLinkRequest>();
  expectTypeOf<CreateLinkRequest['customerId']>().toEqualTypeOf<string | undefined>();
  expectTypeOf<{ customerId: string }>().not.toExtend<CreateLinkRequest>();
});
