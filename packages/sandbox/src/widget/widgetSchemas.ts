import { z } from 'zod';

/** What the page sends to open a session: the keys okra-js passed it. */
export const sessionBody = z.looseObject({
  key: z.string().max(500),
  token: z.string().max(500),
  env: z.string().max(50),
});

/** A login attempt: the session, the bank, the credentials, and the widget options to store. */
export const loginBody = z.looseObject({
  session: z.string().min(1).max(100),
  bankId: z.string().min(1).max(100),
  username: z.string().max(200),
  password: z.string().max(200),
  /** The one-time password, when re-authenticating a `token_required` link. */
  otp: z.string().max(50).optional(),
});

export type SessionBody = z.output<typeof sessionBody>;
