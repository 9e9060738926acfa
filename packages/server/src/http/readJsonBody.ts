import type { z } from 'zod';
import { hostileTextAt } from '../cleanText.ts';
import { ApiError } from './ApiError.ts';
import { readLimited } from '../readLimited.ts';

/** Options of {@link readJsonBody}. */
export interface ReadJsonBodyOptions {
  maxBytes: number;
  /** Whether an empty body stands for `{}`. */
  allowEmpty: boolean;
  /** Whether to insist on a JSON content type (browsers cannot send one cross-site without asking first). */
  requireJsonType: boolean;
}

/**
 * Reads and validates a JSON request body: size first (413), then content type (415), then syntax (400
 * `invalid_json`), then text no database can hold (a NUL, an unpaired surrogate: 400 `invalid_request`), then
 * shape (400 `invalid_request`, naming the first bad field).
 *
 * @example
 * const { linkToken } = await readJsonBody(request, createLinkSchema, { maxBytes: 16_384, allowEmpty: false, requireJsonType: true });
 */
export async function readJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  options: ReadJsonBodyOptions,
): Promise<z.infer<S>> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (Number.isFinite(declared) && declared > options.maxBytes) throw tooLarge(options.maxBytes);
  const bytes = await readLimited(request.body, options.maxBytes);
  if (bytes === null) throw tooLarge(options.maxBytes);
  const text = new TextDecoder().decode(bytes);
  const type = request.headers.get('content-type');
  // A declared type that is not JSON is refused even with no body: only JSON needs a preflight cross-site.
  if (options.requireJsonType && (type !== null || text.trim() !== '') && !isJsonType(type)) {
    throw new ApiError('unsupported_media_type', 'Send the body as JSON with content-type: application/json');
  }
  let value: unknown = {};
  if (text.trim() === '') {
    if (!options.allowEmpty) throw new ApiError('invalid_request', 'The request needs a JSON body');
  } else {
    try {
      value = JSON.parse(text);
    } catch {
      throw new ApiError('invalid_json', 'The request body is not valid JSON');
    }
  }
  const hostile = hostileTextAt(value);
  if (hostile !== null) {
    throw new ApiError(
      'invalid_request',
      `Invalid ${hostile.slice(0, 60)}: text may not hold NUL or unpaired surrogates`,
    );
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? 'body' : issue.path.join('.');
    const message = `Invalid ${where}: ${issue?.message ?? 'unexpected value'}`;
    throw new ApiError('invalid_request', message.slice(0, 200));
  }
  return parsed.data;
}

function isJsonType(value: string | null): boolean {
  const type = value?.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

function tooLarge(maxBytes: number): ApiError {
  return new ApiError('payload_too_large', `The request body is larger than ${maxBytes} bytes`);
}
