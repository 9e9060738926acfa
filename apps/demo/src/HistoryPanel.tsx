import { lazy, Suspense, useState } from 'react';
import type { HistoryResponse } from '@okra-balance/core';
import { describeApiError, useBalanceHistory } from '@okra-balance/react';
import { chartSeries } from './chartSeries.ts';
import { HISTORY_RANGES, rangeMs, type HistoryRangeId } from './historyRanges.ts';
import { HistoryTable } from './HistoryTable.tsx';
import { useNow } from './useNow.ts';

// recharts is most of the chart's weight: it loads when a person first opens a history, not with the page.
const HistoryChart = lazy(() =>
  import('./HistoryChart.tsx').then((module) => ({ default: module.HistoryChart })),
);

const whole = (reply: HistoryResponse) => reply;

export interface HistoryPanelProps {
  accountId: string;
  currency: string;
  /** The length of the demo's hour: shorter in fast time. */
  hourMs: number;
}

/** One account's history over a day, a week or a month: the chart, the same figures as a table, the range. */
export function HistoryPanel({ accountId, currency, hourMs }: HistoryPanelProps) {
  const [range, setRange] = useState<HistoryRangeId>('week');
  const width = rangeMs(range, hourMs);
  const history = useBalanceHistory(accountId, { withinMs: width, limit: 1000, select: whole });
  // A demo hour at most (fast time), a minute at least: the window moves on with the clock.
  const now = Math.max(useNow(Math.min(Math.max(hourMs, 250), 60_000)), history.dataUpdatedAt);
  const series =
    history.data && chartSeries(history.data.snapshots, history.data.outages, { from: now - width, to: now });

  return (
    <figure className="demo-chart">
      <div className="demo-chart-ranges" role="group" aria-label="History range">
        {HISTORY_RANGES.map((option) => (
          <button
            key={option.id}
            type="button"
            aria-pressed={option.id === range}
            onClick={() => setRange(option.id)}
          >
            {option.label}
          </button>
        ))}
      </div>
      {history.isError && (
        <p role="alert" className="demo-error">
          {describeApiError(history.error)}
        </p>
      )}
      {history.isPending && <p className="demo-muted">Loading the history…</p>}
      {series && series.snapshots.length === 0 && (
        <p className="demo-muted">No balance in this range: refresh to record one.</p>
      )}
      {series && series.snapshots.length > 0 && (
        <>
          <div
            className="demo-chart-plot"
            role="img"
            aria-label={`Balance history, ${series.snapshots.length} points, in ${currency}${
              series.bands.length === 0
                ? ''
                : `, link broken ${series.bands.length === 1 ? 'once' : `${series.bands.length} times`}`
            }`}
          >
            <Suspense fallback={<p className="demo-muted">Loading the chart…</p>}>
              <HistoryChart series={series} currency={currency} view={{ now, rangeMs: width, hourMs }} />
            </Suspense>
          </div>
          <HistoryTable series={series} currency={currency} />
        </>
      )}
      <figcaption>
        <span className="demo-key demo-key-ledger">Ledger</span>{' '}
        <span className="demo-key demo-key-available">Available</span>{' '}
        <span className="demo-key demo-key-outage">Link broken</span>
      </figcaption>
    </figure>
  );
}
