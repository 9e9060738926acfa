import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceArea,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatMoney, toMajorUnits } from '@okra-balance/core';
import type { ChartSeries } from './chartSeries.ts';
import { ticksOf, tickLabel } from './chartTime.ts';
import { ChartTooltip } from './ChartTooltip.tsx';

export interface HistoryChartProps {
  series: ChartSeries;
  currency: string;
  /** The window shown: its end, its width, and the length of the demo's hour. */
  view: { now: number; rangeMs: number; hourMs: number };
}

const accent = '#0b6e4f';
const available = '#3a5bd9';

/**
 * Available and ledger balances over the window, with a shaded, labelled band wherever the link was broken
 * and no line across it. recharts is large, so the demo loads this module only when a history is opened.
 */
export function HistoryChart({ series, currency, view }: HistoryChartProps) {
  const compact = new Intl.NumberFormat('en-NG', {
    style: 'currency',
    currency,
    notation: 'compact',
    maximumSignificantDigits: 3,
  });
  const values = series.snapshots.flatMap((s) =>
    s.available === null ? [s.ledger] : [s.ledger, s.available],
  );
  const high = Math.max(...values.map(Math.abs));
  // Balances that barely move would all read "₦2.55M" in short form: their ticks need every kobo.
  const tiny = Math.max(...values) - Math.min(...values) < high * 0.02;
  const tick = (minor: number) =>
    tiny ? formatMoney(minor, currency) : compact.format(toMajorUnits(minor, currency));
  const many = series.snapshots.length > 40;
  return (
    <ResponsiveContainer width="100%" height={200}>
      <LineChart data={series.points} margin={{ top: 16, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="#e3e7ee" vertical={false} />
        <XAxis
          dataKey="time"
          type="number"
          scale="time"
          domain={[view.now - view.rangeMs, view.now]}
          ticks={ticksOf(view)}
          tickFormatter={(time: number) => tickLabel(time, view)}
          tick={{ fontSize: 11, fill: '#5a6478' }}
          allowDataOverflow
        />
        <YAxis
          width={tiny ? 104 : 64}
          domain={['auto', 'auto']}
          tickFormatter={tick}
          tick={{ fontSize: 11, fill: '#5a6478' }}
        />
        {series.bands.map((band) => (
          <ReferenceArea
            key={band.from}
            x1={band.from}
            x2={band.to}
            fill="#b42318"
            fillOpacity={0.1}
            stroke="#b42318"
            strokeOpacity={0.3}
            // The label runs into the chart, away from the edge the band is near, so it is never cut off.
            label={{
              value: 'Link broken',
              position: band.to > view.now - view.rangeMs / 2 ? 'insideTopRight' : 'insideTopLeft',
              fontSize: 11,
              fill: '#b42318',
            }}
            className="demo-chart-outage"
          />
        ))}
        <Tooltip content={(props) => <ChartTooltip {...props} currency={currency} />} />
        <Line
          name="Ledger"
          dataKey="ledger"
          stroke={accent}
          strokeWidth={2}
          dot={many ? false : { r: 3 }}
          isAnimationActive={false}
          className="demo-chart-ledger"
        />
        <Line
          name="Available"
          dataKey="available"
          stroke={available}
          strokeWidth={2}
          strokeDasharray="4 3"
          dot={many ? false : { r: 3 }}
          isAnimationActive={false}
          className="demo-chart-available"
        />
      </LineChart>
    </ResponsiveContainer>
  );
}
