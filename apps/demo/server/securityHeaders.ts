/**
 * Headers for the demo's pages. The widget is framed from its own origin, okra-js sets inline styles on its
 * overlay, and bank logos are data URIs; nothing else is allowed in.
 */
export function pageSecurityHeaders(widgetOrigin: string): Record<string, string> {
  return {
    'content-security-policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      `frame-src ${widgetOrigin}`,
      "connect-src 'self'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "form-action 'self'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
  };
}
