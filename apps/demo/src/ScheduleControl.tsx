import { useId } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LinkedAccount, RefreshSchedule, ScheduleRequest } from '@okra-balance/core';
import { balanceKeys } from '@okra-balance/react';
import { demoRequest } from './demoRequest.ts';

const choices: { value: string; label: (routeHours: number | null) => string }[] = [
  { value: 'route', label: (hours) => `Route default (${hours === null ? 'off' : `every ${hours} h`})` },
  { value: 'off', label: () => 'Off' },
  { value: '6', label: () => 'Every 6 hours' },
  { value: '12', label: () => 'Every 12 hours' },
  { value: '24', label: () => 'Every 24 hours' },
];

/** The select's value for a schedule. */
function valueOf(schedule: RefreshSchedule): string {
  if (schedule.source === 'route') return 'route';
  return schedule.everyHours === null ? 'off' : String(schedule.everyHours);
}

/**
 * How often one account refreshes on its own, set with `PUT /api/accounts/:id/schedule`. The list is read
 * again afterwards, so the card shows the new schedule.
 */
export function ScheduleControl({
  account,
  routeHours,
}: {
  account: LinkedAccount;
  routeHours: number | null;
}) {
  const id = useId();
  const client = useQueryClient();
  const change = useMutation({
    mutationFn: (value: string) => {
      const body: ScheduleRequest = {
        everyHours: value === 'route' ? 'route' : value === 'off' ? null : Number(value),
      };
      return demoRequest<RefreshSchedule>(
        'PUT',
        `/api/accounts/${encodeURIComponent(account.id)}/schedule`,
        body,
      );
    },
    onSuccess: () => client.invalidateQueries({ queryKey: balanceKeys.accounts('/api') }),
  });
  // A known value shows any choice there is, including other hours set through the API.
  const value = valueOf(account.schedule);
  const known = choices.some((choice) => choice.value === value);

  return (
    <div className="demo-control">
      <label htmlFor={id}>Refreshes on its own</label>
      <select
        id={id}
        value={value}
        disabled={change.isPending}
        onChange={(event) => change.mutate(event.target.value)}
      >
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label(routeHours)}
          </option>
        ))}
        {!known && <option value={value}>Every {account.schedule.everyHours} hours</option>}
      </select>
      {change.isError && (
        <p role="alert" className="demo-error">
          The schedule did not change: {change.error.message}
        </p>
      )}
    </div>
  );
}
