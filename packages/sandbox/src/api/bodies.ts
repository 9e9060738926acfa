import { z } from 'zod';

/** Page fields: numbers or numeric strings, as clients send both. */
const pageFields = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
};

const id = z.string().trim().min(1).max(200);

/** `{ account_id }`, or `{ account }` as the older SDK sends it. */
export const accountBody = z
  .looseObject({ account_id: id.optional(), account: id.optional(), record_id: id.optional(), ...pageFields })
  .refine((body) => body.account_id !== undefined || body.account !== undefined, {
    message: 'account_id is required',
    path: ['account_id'],
  })
  .transform((body) => ({ ...body, accountId: body.account_id ?? body.account ?? '' }));

export const customerBody = z.looseObject({
  customer: id,
  includePeriodic: z.boolean().optional(),
  ...pageFields,
});

export const idBody = z.looseObject({ id, ...pageFields });

export const optionsBody = z.looseObject({
  options: z.record(z.string(), z.unknown()).refine((options) => Object.keys(options).length > 0, {
    message: 'options must name at least one key',
  }),
  ...pageFields,
});

export const callbackQuery = z.object({
  record: id,
  method: z.enum(['BALANCE', 'CHECK_BALANCE']),
});

/** The first problem, said plainly: the provider answers one message. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'Invalid request';
  const where = issue.path.join('.');
  return where === '' ? issue.message : `${where}: ${issue.message}`;
}
