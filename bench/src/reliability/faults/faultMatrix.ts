import { linkAccounts } from '../../harness/linkAccounts.ts';
import { seededRandom } from '../../harness/seededRandom.ts';
import { startProcessStack } from '../../harness/startProcessStack.ts';
import type { ServerChildOptions } from '../../harness/spawnServer.ts';
import { childHealth, type ChildHealth } from '../childHealth.ts';
import { mixedFaultCases, singleFaultCases } from './faultCases.ts';
import { runFaultCase, type FaultOutcome } from './runFaultCase.ts';

/** Options of {@link faultMatrix}. */
export interface FaultMatrixOptions {
  seed: number;
  /** Also every status and shape fault on every refresh call, once and always. */
  everywhere: boolean;
  /** How many random mixes of two to four faults. */
  mixes: number;
  store: ServerChildOptions['store'];
}

// Short timings so a fault that never clears ends at the deadline in seconds, not minutes.
const DEADLINE_MS = 2_000;

/**
 * Reliability 2: every sandbox fault, alone and mixed, during refreshes of a route in its own process; each
 * case on its own account, one after another (the fault plan is the sandbox's, global).
 *
 * @example
 * const { outcomes, health } = await faultMatrix({ seed: 1, everywhere: false, mixes: 4, store });
 */
export async function faultMatrix(
  options: FaultMatrixOptions,
): Promise<{ outcomes: FaultOutcome[]; health: ChildHealth }> {
  const cases = [
    ...singleFaultCases(options.everywhere),
    ...mixedFaultCases(seededRandom(options.seed), options.mixes),
  ];
  const stack = await startProcessStack({
    store: options.store,
    sandbox: { latencyMs: 20, duplicateDelayMs: 0, seed: options.seed, webhookRetryDelayMs: 50 },
    route: {
      // A refresh call whose answer was lost is asked again after 500 ms (60 s by default), inside the deadline.
      refresh: {
        debounceMs: 0,
        deadlineMs: DEADLINE_MS,
        pollIntervalMs: 40,
        maxPollIntervalMs: 200,
        lostAnswerWindowMs: 500,
      },
      providerTimeoutMs: 300,
    },
  });
  try {
    const client = stack.client(0, 'faults');
    const accounts = await linkAccounts(client, stack.sandbox, cases.length);
    const outcomes: FaultOutcome[] = [];
    for (const [i, faultCase] of cases.entries()) {
      outcomes.push(await runFaultCase(stack.sandbox, client, accounts[i]!, faultCase, DEADLINE_MS + 5_000));
    }
    return { outcomes, health: await childHealth(stack.servers[0]!, stack.sandbox) };
  } finally {
    await stack.close();
  }
}
