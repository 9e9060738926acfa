import { z } from 'zod';
import { EXPIRED_LINK_STATUSES, LINK_REPLY_SHAPES } from '../linkStates.ts';

/**
 * The state file's format. Bump the version when a field changes meaning; the sandbox refuses any other
 * version rather than guess, so an old file is never half read.
 */
export const STATE_VERSION = 1;

const id = z.string().min(1);
const uint32 = z.number().int().min(0).max(0xffff_ffff);
const kobo = z.number().int();

const customer = z.object({ _id: id, name: z.string(), email: z.string(), created_at: z.string() });

const account = z.object({
  _id: id,
  name: z.string(),
  nuban: z.string().regex(/^\d{10}$/),
  /** The bank by id: banks come from the seed, so the file names them instead of copying them. */
  bankId: id,
  type: z.enum(['savings', 'current']),
  customerId: id,
  currency: z.literal('NGN'),
  balanceId: id,
  created_at: z.string(),
  step: z.number().int().min(0),
  /** Absent in files written before links could expire: those links are active since the account was made. */
  link: z
    .object({
      status: z.enum(['active', ...EXPIRED_LINK_STATUSES]),
      shape: z.enum(LINK_REPLY_SHAPES),
      since: z.string(),
      billedCalls: z.number().int().min(0),
    })
    .optional(),
});

const balance = z.object({
  _id: id,
  accountId: id,
  customerId: id,
  recordId: id,
  ledger: kobo,
  available: kobo,
  created_at: z.string(),
  last_updated: z.string(),
  periodic: z.array(z.object({ ledger: kobo, available: kobo.nullable(), record: id, at: z.string() })),
});

const record = z.object({
  _id: id,
  method: z.enum(['BALANCE', 'CHECK_BALANCE']),
  accountId: id,
  customerId: id,
  status: z.enum(['pending', 'success', 'failed']),
  created_at: z.string(),
  readyAt: z.number(),
  completed_at: z.string().nullable(),
  options: z.record(z.string(), z.unknown()).nullable(),
  callbackUrl: z.string().nullable(),
  moves: z.boolean(),
  faults: z.object({
    lateByMs: z.number().min(0),
    duplicateCallback: z.boolean(),
    webhookTwice: z.boolean(),
    webhookNever: z.boolean(),
    failed: z.boolean(),
    checkSays: z.boolean().nullable().default(null),
  }),
  linkStatus: z.enum(EXPIRED_LINK_STATUSES).nullable().default(null),
  check: z
    .object({ balance_changed: z.boolean(), last_checked: z.string(), last_fetched: z.string() })
    .nullable(),
});

const transaction = z.object({
  _id: id,
  accountId: id,
  customerId: id,
  debit: kobo.nullable(),
  credit: kobo.nullable(),
  description: z.string(),
  trans_date: z.string(),
  cleared_date: z.string().nullable(),
});

/**
 * Version 1 of the state file: what a sandbox knows that a restart must not lose. Amounts are kobo, times are
 * ISO strings except `readyAt` and `refreshTimes` (epoch ms).
 *
 * @example
 * const state = sandboxStateSchema.parse(JSON.parse(text));
 */
export const sandboxStateSchema = z.object({
  version: z.literal(STATE_VERSION),
  /** The seed the fixtures, banks and balance moves came from; a sandbox with another seed refuses the file. */
  seed: z.number().int(),
  savedAt: z.string(),
  /** Positions of the seeded streams, so ids, fixtures and latency draws continue where they were. */
  generators: z.object({ ids: uint32, fixtures: uint32, latency: uint32 }),
  customers: z.array(customer),
  accounts: z.array(account),
  balances: z.array(balance),
  records: z.array(record),
  /** Each account's transactions, newest first. */
  transactions: z.record(z.string(), z.array(transaction)),
  /** Epoch ms of each account's last refresh that reached the bank: its duplicate window. */
  refreshTimes: z.record(z.string(), z.number()),
});

/**
 * A parsed state file.
 *
 * @example
 * const state: SandboxState = snapshotState(parts);
 */
export type SandboxState = z.output<typeof sandboxStateSchema>;
