import { formatMoney } from '@okra-balance/core';
import type { ChartSeries } from './chartSeries.ts';
import { exactTime } from './chartTime.ts';

/**
 * The chart's figures as a table, for screen readers (it is visually hidden): every balance in the window,
 * oldest first, and the times the link was broken among them.
 */
export function HistoryTable({ series, currency }: { series: ChartSeries; currency: string }) {
  const rows = [
    ...series.snapshots.map((snapshot) => ({ time: Date.parse(snapshot.recordedAt), snapshot })),
    ...series.bands.map((band) => ({ time: band.from, band })),
  ].sort((a, b) => a.time - b.time);
  return (
    <table className="demo-visually-hidden">
      <caption>Balance history</caption>
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Available</th>
          <th scope="col">Ledger</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) =>
          'band' in row ? (
            <tr key={`outage-${row.time}`}>
              <td>{exactTime(row.band.from)}</td>
              <td colSpan={2}>
                Link broken, no balance {row.band.ongoing ? 'since then' : `until ${exactTime(row.band.to)}`}
              </td>
            </tr>
          ) : (
            <tr key={row.snapshot.id}>
              <td>{exactTime(row.time)}</td>
              <td>
                {row.snapshot.available === null
                  ? 'not reported'
                  : formatMoney(row.snapshot.available, currency)}
              </td>
              <td>{formatMoney(row.snapshot.ledger, currency)}</td>
            </tr>
          ),
        )}
      </tbody>
    </table>
  );
}
