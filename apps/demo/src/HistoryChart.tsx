import { formatMoney, type BalanceSnapshot } from '@okra-balance/core';

export interface HistoryChartProps {
  /** Snapshots in any order; the chart sorts them by time. */
  snapshots: readonly BalanceSnapshot[];
  width?: number;
  height?: number;
}

const pad = { top: 12, right: 12, bottom: 24, left: 84 };

/**
 * The ledger (solid) and available (dashed) balance over time, as a small SVG with labelled axes. A table of
 * the same figures sits beside it for screen readers.
 */
export function HistoryChart({ snapshots, width = 360, height = 140 }: HistoryChartProps) {
  const points = [...snapshots].sort((a, b) => Date.parse(a.recordedAt) - Date.parse(b.recordedAt));
  const first = points[0];
  const last = points.at(-1);
  if (first === undefined || last === undefined) {
    return <p className="demo-muted">No history yet: refresh to record a balance.</p>;
  }
  const currency = last.currency;
  const values = points.flatMap((p) => (p.available === null ? [p.ledger] : [p.ledger, p.available]));
  const low = Math.min(...values);
  const high = Math.max(...values);
  const span = high - low || Math.max(Math.abs(high), 100);
  const start = Date.parse(first.recordedAt);
  const duration = Date.parse(last.recordedAt) - start || 1;
  const innerWidth = width - pad.left - pad.right;
  const innerHeight = height - pad.top - pad.bottom;
  const x = (snapshot: BalanceSnapshot) =>
    pad.left +
    (points.length === 1
      ? innerWidth / 2
      : ((Date.parse(snapshot.recordedAt) - start) / duration) * innerWidth);
  const y = (value: number) => pad.top + innerHeight - ((value - low) / span) * innerHeight;
  const line = (pick: (s: BalanceSnapshot) => number | null) =>
    points
      .filter((p) => pick(p) !== null)
      .map((p) => `${x(p).toFixed(1)},${y(pick(p) as number).toFixed(1)}`)
      .join(' ');
  const time = (iso: string) =>
    new Date(iso).toLocaleTimeString('en-NG', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

  return (
    <figure className="demo-chart">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`Balance history, ${points.length} points, in ${currency}`}
      >
        <line
          x1={pad.left}
          y1={pad.top}
          x2={pad.left}
          y2={pad.top + innerHeight}
          className="demo-chart-axis"
        />
        <line
          x1={pad.left}
          y1={pad.top + innerHeight}
          x2={width - pad.right}
          y2={pad.top + innerHeight}
          className="demo-chart-axis"
        />
        <text x={pad.left - 6} y={y(high) + 4} textAnchor="end" className="demo-chart-label">
          {formatMoney(high, currency)}
        </text>
        <text x={pad.left - 6} y={y(low) + 4} textAnchor="end" className="demo-chart-label">
          {formatMoney(low, currency)}
        </text>
        <text x={pad.left} y={height - 6} className="demo-chart-label">
          {time(first.recordedAt)}
        </text>
        <text x={width - pad.right} y={height - 6} textAnchor="end" className="demo-chart-label">
          {time(last.recordedAt)}
        </text>
        <polyline points={line((p) => p.ledger)} className="demo-chart-ledger" />
        <polyline points={line((p) => p.available)} className="demo-chart-available" />
        {points.map((p) => (
          <circle key={p.id} cx={x(p)} cy={y(p.ledger)} r={3} className="demo-chart-dot" />
        ))}
      </svg>
      <figcaption>
        <span className="demo-key demo-key-ledger">Ledger</span>{' '}
        <span className="demo-key demo-key-available">Available</span>
      </figcaption>
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
          {points.map((p) => (
            <tr key={p.id}>
              <td>{time(p.recordedAt)}</td>
              <td>{p.available === null ? 'not reported' : formatMoney(p.available, p.currency)}</td>
              <td>{formatMoney(p.ledger, p.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
