import { WIDGET_ENVS } from '@okra-balance/core';
import { isReauthReason } from './provider/createLinkHealth.ts';
import type { BalanceRouteOptions } from './BalanceRouteOptions.ts';

/** Throws a TypeError that says the fix for an option that cannot work. Runs once, at start. */
export function checkOptions(options: BalanceRouteOptions): void {
  const fail = (message: string): never => {
    throw new TypeError(`createBalanceRoute: ${message}`);
  };
  if (typeof options.authenticate !== 'function') {
    fail('authenticate is required: pass (request) => the signed-in user ({ id }) or null');
  }
  for (const key of ['secretKey', 'publicKey', 'clientToken'] as const) {
    if (typeof options[key] !== 'string' || options[key].trim() === '')
      fail(`${key} must be a non-empty string`);
  }
  if (!WIDGET_ENVS.includes(options.env)) fail(`env must be 'production' or 'production-sandbox'`);
  if (options.basePath !== undefined && options.basePath !== '' && !options.basePath.startsWith('/')) {
    fail(`basePath must start with "/", e.g. "/api/balance"`);
  }
  if (options.publicUrl !== undefined && !/^https?:\/\/[^/]/.test(options.publicUrl)) {
    fail('publicUrl must be an absolute http(s) URL, e.g. https://example.com/api/balance');
  }
  if (options.webhookToken !== undefined && options.webhookToken.length < 16) {
    fail(
      'webhookToken must be at least 16 characters: it is the only proof a webhook came from the provider',
    );
  }
  const refresh = options.refresh ?? {};
  if (options.cronSecret !== undefined && options.cronSecret.length < 16) {
    fail('cronSecret must be at least 16 characters: it lets anyone who has it run jobs');
  }
  const timings = ['debounceMs', 'deadlineMs', 'pollIntervalMs', 'maxPollIntervalMs', 'lostAnswerWindowMs'];
  for (const key of timings as (keyof typeof refresh & `${string}Ms`)[]) {
    const value = refresh[key];
    if (value !== undefined && (!Number.isFinite(value) || value < 0))
      fail(`refresh.${key} must be a number of ms >= 0`);
  }
  if (
    refresh.strategy !== undefined &&
    refresh.strategy !== 'refresh' &&
    refresh.strategy !== 'check-first'
  ) {
    fail(`refresh.strategy must be 'refresh' or 'check-first'`);
  }
  const schedule = refresh.schedule ?? {};
  const hours = schedule.everyHours;
  if (hours !== undefined && hours !== null && !(Number.isInteger(hours) && hours >= 1 && hours <= 168)) {
    fail('refresh.schedule.everyHours must be a whole number of hours from 1 to 168, or null (off)');
  }
  if (schedule.jitter !== undefined && !(schedule.jitter >= 0 && schedule.jitter <= 0.5)) {
    fail('refresh.schedule.jitter must be a fraction from 0 to 0.5, e.g. 0.1');
  }
  if (schedule.hourMs !== undefined && !(Number.isFinite(schedule.hourMs) && schedule.hourMs >= 1)) {
    fail('refresh.schedule.hourMs must be a number of ms >= 1');
  }
  if (
    schedule.strategy !== undefined &&
    schedule.strategy !== 'refresh' &&
    schedule.strategy !== 'check-first'
  ) {
    fail(`refresh.schedule.strategy must be 'refresh' or 'check-first'`);
  }
  for (const [word, reason] of Object.entries(options.linkHealth?.statuses ?? {})) {
    if (reason !== null && !isReauthReason(reason)) {
      fail(
        `linkHealth.statuses.${word} must be invalid_credentials, token_required, disconnected, consent_expired or null`,
      );
    }
  }
  if (refresh.leaseMs !== undefined && !(Number.isFinite(refresh.leaseMs) && refresh.leaseMs >= 30)) {
    fail('refresh.leaseMs must be a number of ms >= 30 (a step renews its lease every third of it)');
  }
}
