import { isSettled, type RefreshJobState } from '@okra-balance/core';
import { useBalance } from '@okra-balance/react';

const steps: { state: RefreshJobState; label: string }[] = [
  { state: 'requesting', label: 'Asking the bank' },
  { state: 'waiting', label: 'Waiting for the bank' },
  { state: 'reading', label: 'Reading the new balance' },
];

/** Where a running refresh is: the three steps, the current one marked. Nothing when no refresh runs. */
export function RefreshProgress({ accountId }: { accountId: string }) {
  const { job } = useBalance(accountId);
  if (job === null || isSettled(job)) return null;
  const current = job.state === 'queued' ? 0 : steps.findIndex((step) => step.state === job.state);

  return (
    <ol className="demo-progress" aria-label="Refresh progress">
      {steps.map((step, index) => (
        <li
          key={step.state}
          data-step={index < current ? 'done' : index === current ? 'current' : 'todo'}
          aria-current={index === current ? 'step' : undefined}
        >
          {step.label}
        </li>
      ))}
    </ol>
  );
}
