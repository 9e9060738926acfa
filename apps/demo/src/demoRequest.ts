/**
 * A JSON call from the demo page to its own server (the schedule route, the sandbox controls). Throws an
 * Error whose message is the server's sentence, for the page to show.
 *
 * @example
 * await demoRequest('PUT', `/api/accounts/${id}/schedule`, { everyHours: 6 });
 */
export async function demoRequest<T>(method: 'POST' | 'PUT', path: string, body: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  if (!response.ok) {
    throw new Error(json?.error?.message ?? `The demo server answered ${response.status}`);
  }
  return json as T;
}
