/** Where the route writes what it does. Receives no secret: see {@link redactingLogger}. */
export interface Logger {
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

/** The default: warnings and errors to the console, info dropped. */
export const consoleLogger: Logger = {
  info: () => undefined,
  warn: (message, details) => console.warn(`[okra-balance] ${message}`, details ?? ''),
  error: (message, details) => console.error(`[okra-balance] ${message}`, details ?? ''),
};

const REDACTED = '[redacted]';

/**
 * Replaces every occurrence of the given secrets in a value, deeply; Errors become plain objects first so
 * their message and stack are scrubbed too.
 *
 * @example
 * redact({ url: 'x?key=sk_live_1' }, ['sk_live_1']); // { url: 'x?key=[redacted]' }
 */
export function redact(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === 'string')
    return secrets.reduce((text, secret) => text.split(secret).join(REDACTED), value);
  if (depth > 6 || typeof value !== 'object' || value === null) return value;
  if (value instanceof Error) {
    const plain: Record<string, unknown> = { name: value.name, message: value.message, stack: value.stack };
    if ('kind' in value) plain.kind = (value as { kind: unknown }).kind;
    return redact(plain, secrets, depth + 1);
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, secrets, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, redact(item, secrets, depth + 1)]),
  );
}

/**
 * Wraps a logger so no line it receives holds one of `secrets` (the provider's secret key, the webhook
 * token), whatever a caller or an error message put in it.
 *
 * @example
 * const logger = redactingLogger(consoleLogger, [secretKey]);
 */
export function redactingLogger(logger: Logger, secrets: readonly string[]): Logger {
  const live = secrets.filter((secret) => secret.length > 0);
  const wrap =
    (write: Logger['info']): Logger['info'] =>
    (message, details) => {
      const clean = redact(message, live) as string;
      if (details === undefined) write(clean);
      else write(clean, redact(details, live) as Record<string, unknown>);
    };
  return {
    info: wrap(logger.info.bind(logger)),
    warn: wrap(logger.warn.bind(logger)),
    error: wrap(logger.error.bind(logger)),
  };
}
