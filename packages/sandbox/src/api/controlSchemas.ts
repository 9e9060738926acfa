import { z } from 'zod';
import { FAULT_KINDS, type Fault, type FaultPlan } from '../faults.ts';
import { EXPIRED_LINK_STATUSES, LINK_REPLY_SHAPES } from '../linkStates.ts';

const count = z.number().int().min(0);

/** A fault plan as JSON: `{ "POST /balance/refresh": [{ "kind": "429", "times": 1 }] }`. */
export const faultPlanSchema = z.record(
  z.string().trim().min(1),
  z.array(z.strictObject({ kind: z.enum(FAULT_KINDS), times: count.optional(), delayMs: count.optional() })),
);

/** Checks a fault plan, dropping absent optional fields (the types forbid explicit `undefined`). */
export function parseFaultPlan(
  input: unknown,
): { ok: true; plan: FaultPlan } | { ok: false; message: string } {
  const result = faultPlanSchema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    return { ok: false, message: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}` };
  }
  const plan: Record<string, Fault[]> = {};
  for (const [endpoint, faults] of Object.entries(result.data)) {
    plan[endpoint] = faults.map(({ kind, times, delayMs }) => ({
      kind,
      ...(times === undefined ? {} : { times }),
      ...(delayMs === undefined ? {} : { delayMs }),
    }));
  }
  return { ok: true, plan };
}

export const latencySchema = z.union([
  count,
  z.strictObject({ min: count, max: count }).refine((range) => range.min <= range.max, {
    message: 'min must not exceed max',
  }),
]);

export const linkSchema = z.strictObject({
  options: z.record(z.string(), z.unknown()).optional(),
  callbackUrl: z.url({ protocol: /^https?$/ }).optional(),
  bankId: z.string().min(1).optional(),
  customerName: z.string().trim().min(1).max(100).optional(),
  customerEmail: z.email().optional(),
  accounts: z.number().int().min(1).max(5).optional(),
});

/** `POST /accounts/:id/expire`: both fields optional. */
export const expireSchema = z.strictObject({
  status: z.enum(EXPIRED_LINK_STATUSES).optional(),
  shape: z.enum(LINK_REPLY_SHAPES).optional(),
});

/** `POST /accounts/:id/reauth`: what the widget opened in re-authentication mode would carry. */
export const reauthSchema = z.strictObject({
  options: z.record(z.string(), z.unknown()).optional(),
  callbackUrl: z.url({ protocol: /^https?$/ }).optional(),
});
