import type { LinkedAccount } from '@okra-balance/core';
import { ExpireControl } from './ExpireControl.tsx';
import { ScheduleControl } from './ScheduleControl.tsx';

/**
 * The sandbox's levers over one link's life: how often it refreshes on its own, and expiring it at the bank.
 * Shown in sandbox mode only: with a real provider, a schedule bills real bank sessions and links expire on
 * their own.
 */
export function LinkLifeControls({
  account,
  routeHours,
}: {
  account: LinkedAccount;
  routeHours: number | null;
}) {
  return (
    <details className="demo-life">
      <summary>Drive this link (sandbox)</summary>
      <ScheduleControl account={account} routeHours={routeHours} />
      {/* Remounted when the health changes, so a note about the last expiry does not outlive it. */}
      <ExpireControl key={account.health.state} accountId={account.id} />
    </details>
  );
}
