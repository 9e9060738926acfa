import type { BalanceApiError } from './BalanceApiError.ts';

// The likely fix for each code, for the developer reading the console (development builds only).
const fixes: Record<string, string> = {
  network_error:
    'Nothing answered. Is the server running at this URL? For a route on another origin, is this page in its allowedOrigins (CORS)?',
  invalid_response:
    "This is not the balance route's JSON: check baseUrl for a typo, and that no page, proxy or framework route answers in its place.",
  not_found:
    "If every call answers 404, baseUrl and the route's mount point differ: match <BalanceProvider baseUrl> to createBalanceRoute's basePath (or the framework folder the route lives in).",
  unauthenticated:
    "The route's authenticate() found no user: check that the request carries the session (credentials, cookies, headers).",
  cross_site_request:
    "The route refused a state-changing request from this page's origin: serve the page and the route from one origin, or add this origin to the server's allowedOrigins (or set publicUrl).",
  provider_error:
    "The provider refused the server's call: check the server's secretKey, and that env and the provider match that key.",
  provider_unavailable: 'The provider did not answer the server; ask again later.',
  rate_limited: "Too many calls for this user: the route's rateLimit option sets how many.",
  link_not_found: 'The provider has not written the link yet: the client asks again shortly.',
};

/**
 * The development console's line for a failed call: method, full URL, status, code, the message, and the
 * likely fix. Read only behind a `process.env.NODE_ENV` check, so production bundles leave it out.
 *
 * @example
 * console.warn(explainFailure(error)); // "okra-balance: POST https://… answered 403 cross_site_request: …"
 */
export function explainFailure(error: BalanceApiError): string {
  const { method = '?', url = '?' } = error.request ?? {};
  const answer = error.status === 0 ? 'got no answer' : `answered ${error.status}`;
  const fix = fixes[error.status === 404 && error.code === 'invalid_response' ? 'not_found' : error.code];
  return `okra-balance: ${method} ${url} ${answer} ${error.code}: ${error.message}${fix ? `\n${fix}` : ''}`;
}
