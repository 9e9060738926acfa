import { useId, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { demoRequest } from './demoRequest.ts';

// The sandbox's words for how a link decays, and what each means at the bank.
const reasons = [
  { status: 'invalid', label: 'The password changed' },
  { status: 'token_required', label: 'The bank asks for a one-time code' },
  { status: 'disconnected', label: 'Disconnected at the bank' },
  { status: 'consent_expired', label: 'The consent ran out' },
] as const;

/**
 * Makes the sandbox bank stop accepting this account's link (`POST /demo/accounts/:id/expire`), as a changed
 * password would. The app learns it on the account's next refresh, a click or a scheduled one.
 */
export function ExpireControl({ accountId }: { accountId: string }) {
  const id = useId();
  const [status, setStatus] = useState<(typeof reasons)[number]['status']>('invalid');
  const expire = useMutation({
    mutationFn: () =>
      demoRequest('POST', `/demo/accounts/${encodeURIComponent(accountId)}/expire`, { status }),
  });

  return (
    <div className="demo-control">
      <label htmlFor={id}>At the bank</label>
      <select id={id} value={status} onChange={(event) => setStatus(event.target.value as typeof status)}>
        {reasons.map((reason) => (
          <option key={reason.status} value={reason.status}>
            {reason.label}
          </option>
        ))}
      </select>
      <button type="button" disabled={expire.isPending} onClick={() => expire.mutate()}>
        Expire this link
      </button>
      {expire.isSuccess && (
        <p role="status" className="demo-muted">
          The bank no longer accepts this link. The app finds out at the next refresh.
        </p>
      )}
      {expire.isError && (
        <p role="alert" className="demo-error">
          The link was not expired: {expire.error.message}
        </p>
      )}
    </div>
  );
}
