import type { Plugin } from 'esbuild';
import type { Table } from '../harness/printTable.ts';
import { formatSummary, summarize } from '../harness/summarize.ts';
import { measureWidgetOpen, type OpenMode, type OpenNetwork, type OpenTiming } from './widgetOpenLatency.ts';

/**
 * Benchmark 5: click → iframe attached in headless Chromium, cold vs preloaded, on loopback and on an emulated
 * slow link, with the widget's load and first message for context.
 *
 * @example
 * const { table, chromiumVersion } = await widgetOpenTable(15);
 */
export async function widgetOpenTable(
  runs: number,
  plugins: Plugin[] = [],
): Promise<{ table: Table; chromiumVersion: string }> {
  const networks: OpenNetwork[] = ['loopback', 'slow'];
  const result = await measureWidgetOpen(runs, networks, plugins);
  const pick = (network: OpenNetwork, mode: OpenMode, field: keyof Omit<OpenTiming, 'mode' | 'network'>) =>
    summarize(
      result.runs.filter((run) => run.network === network && run.mode === mode).map((run) => run[field]),
    );
  const rows: string[][] = [];
  for (const network of networks) {
    const coldAttached = pick(network, 'cold', 'attachedMs');
    for (const mode of ['cold', 'preloaded'] as const) {
      const attached = pick(network, mode, 'attachedMs');
      rows.push([
        network === 'slow' ? 'slow (150 ms RTT, 1.6 Mbit/s)' : 'loopback',
        mode,
        formatSummary(attached, 1),
        formatSummary(pick(network, mode, 'loadedMs'), 1),
        formatSummary(pick(network, mode, 'readyMs'), 1),
        (attached.median / coldAttached.median).toFixed(2),
      ]);
    }
  }
  return {
    chromiumVersion: result.chromiumVersion,
    table: {
      title: `Widget open latency (ms from click; Chromium ${result.chromiumVersion}; N = ${runs} per row)`,
      headers: [
        'network',
        'okra-js',
        'iframe attached',
        'iframe load event',
        'widget first message',
        'attached vs cold',
      ],
      rows,
      notes: [
        'Each open is a fresh browser context (empty cache); cold and preloaded alternate. The page is built by',
        'esbuild from the published @okra-balance/react; the widget is the sandbox, both on 127.0.0.1.',
      ],
    },
  };
}
