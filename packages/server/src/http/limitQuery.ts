import { z } from 'zod';

/**
 * The schema of an optional `?limit=` query parameter: a whole number from 1 to `max`, or absent.
 *
 * @example
 * limitQuery(100).safeParse({ limit: c.req.query('limit') });
 */
export function limitQuery(max: number) {
  const message = `limit must be a whole number from 1 to ${max}`;
  return z.object({
    limit: z
      .string()
      .regex(/^\d{1,6}$/, message)
      .transform(Number)
      .refine((limit) => limit >= 1 && limit <= max, message)
      .optional(),
  });
}
