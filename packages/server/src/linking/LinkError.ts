/** Why a link could not be confirmed: each is one of the route's stable error codes. */
export type LinkErrorCode =
  'link_token_invalid' | 'link_token_used' | 'link_token_expired' | 'link_not_found' | 'invalid_request';

/**
 * A link refused for a reason the user can act on. The HTTP layer answers it under its code; linking itself
 * knows nothing of HTTP.
 *
 * @example
 * throw new LinkError('link_token_used', 'This link token was used already: start a new link');
 */
export class LinkError extends Error {
  override readonly name = 'LinkError';

  constructor(
    readonly code: LinkErrorCode,
    message: string,
  ) {
    super(message);
  }
}
