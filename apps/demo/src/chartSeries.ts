import type { BalanceSnapshot, LinkOutage, ReauthReason } from '@okra-balance/core';

/** One x position of the chart: a stored balance, or a gap (both null) that breaks the lines. */
export interface ChartPoint {
  time: number;
  available: number | null;
  ledger: number | null;
  /** Set on the gap placed inside an outage. */
  outage?: ReauthReason;
}

/** A time the link was broken, cut to the window shown. */
export interface ChartBand {
  from: number;
  to: number;
  reason: ReauthReason;
  /** Still broken at the window's end. */
  ongoing: boolean;
}

export interface ChartSeries {
  points: ChartPoint[];
  bands: ChartBand[];
  /** The snapshots inside the window, oldest first (the gaps left out). */
  snapshots: BalanceSnapshot[];
}

/**
 * Turns a history answer into what the chart draws over `[from, to]`: the snapshots oldest first, and one gap
 * point inside each outage, so no line is drawn across a time when the link was broken. Outages are cut to
 * the window; one still going (`to: null`) runs to the window's end.
 *
 * @example
 * chartSeries(reply.snapshots, reply.outages, { from: Date.now() - 7 * 86_400_000, to: Date.now() });
 */
export function chartSeries(
  snapshots: readonly BalanceSnapshot[],
  outages: readonly LinkOutage[],
  window: { from: number; to: number },
): ChartSeries {
  const inside = snapshots
    .filter((snapshot) => {
      const time = Date.parse(snapshot.recordedAt);
      return time >= window.from && time <= window.to;
    })
    .sort((a, b) => Date.parse(a.recordedAt) - Date.parse(b.recordedAt));
  const bands = outages.flatMap((outage): ChartBand[] => {
    const end = outage.to === null ? window.to : Date.parse(outage.to);
    const from = Math.max(Date.parse(outage.from), window.from);
    const to = Math.min(end, window.to);
    if (to < from) return [];
    return [{ from, to, reason: outage.reason, ongoing: outage.to === null || end > window.to }];
  });
  bands.sort((a, b) => a.from - b.from);
  const points: ChartPoint[] = [
    ...inside.map((snapshot) => ({
      time: Date.parse(snapshot.recordedAt),
      available: snapshot.available,
      ledger: snapshot.ledger,
    })),
    ...bands.map((band) => ({
      time: (band.from + band.to) / 2,
      available: null,
      ledger: null,
      outage: band.reason,
    })),
  ];
  points.sort((a, b) => a.time - b.time);
  return { points, bands, snapshots: inside };
}
