import type { TooltipContentProps } from 'recharts';
import { formatMoney } from '@okra-balance/core';
import type { ChartPoint } from './chartSeries.ts';
import { exactTime } from './chartTime.ts';

/** The tooltip of one point: its exact time and both amounts, or that the link was broken there. */
export function ChartTooltip({
  active,
  payload,
  currency,
}: Pick<TooltipContentProps<number, string>, 'active' | 'payload'> & { currency: string }) {
  const point = payload[0]?.payload as ChartPoint | undefined;
  if (!active || point === undefined) return null;
  return (
    <div className="demo-tooltip">
      <p className="demo-tooltip-time">{exactTime(point.time)}</p>
      {point.outage !== undefined ? (
        <p>Link broken: no balance arrived.</p>
      ) : (
        <dl>
          <dt>Available</dt>
          <dd>{point.available === null ? 'not reported' : formatMoney(point.available, currency)}</dd>
          <dt>Ledger</dt>
          <dd>{point.ledger === null ? 'not reported' : formatMoney(point.ledger, currency)}</dd>
        </dl>
      )}
    </div>
  );
}
