export { startSandbox, SANDBOX_LOGIN } from './startSandbox.ts';
export { FAULT_KINDS } from './faults.ts';
export { SandboxStateError } from './state/SandboxStateError.ts';
export type { Fault, FaultKind, FaultPlan } from './faults.ts';
export type {
  Sandbox,
  SandboxOptions,
  SandboxCredentials,
  SandboxLogin,
  WebhookTokenScope,
} from './sandboxTypes.ts';
export type { SandboxCounts } from './CallCounter.ts';
export type { WebhookDelivery, WebhookEvent } from './WebhookSender.ts';
export type { LinkAccountOptions, LinkAccountResult } from './linkCustomer.ts';
export type { NotReadyReply } from './api/ApiContext.ts';
export type { DuplicateRefresh } from './RecordBook.ts';
export { DEFAULT_LATENCY_MS, REALISTIC_LATENCY, type Latency } from './latency.ts';
export { ENDPOINTS } from './api/routes.ts';
export { EXPIRED_LINK_STATUSES, LINK_REPLY_SHAPES } from './linkStates.ts';
export type { ExpiredLinkStatus, LinkReplyShape, LinkState, LinkStatus } from './linkStates.ts';
export type { LinkOptions } from './linkPolicy.ts';
export type { ExpireLinkInput } from './LinkBook.ts';
export type { ReauthAccountOptions } from './reauthAccount.ts';
