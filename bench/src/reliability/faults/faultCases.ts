import { FAULT_KINDS, type Fault, type FaultKind, type FaultPlan } from '@okra-balance/sandbox';
import type { SeededRandom } from '../../harness/seededRandom.ts';

/** One row of the fault matrix: the faults the sandbox plays during one refresh. */
export interface FaultCase {
  name: string;
  plan: FaultPlan;
}

/** The calls a refresh makes; `'*'` is every one. */
const REFRESH_ENDPOINTS = ['POST /balance/refresh', 'GET /callback', 'POST /balance/getByAccount', '*'];

const STATUS: FaultKind[] = ['500', '429', '503', 'hang'];
const CALLBACK_URL: FaultKind[] = ['undefined-callback-url', 'foreign-callback-url'];
const RECORD: FaultKind[] = [
  'duplicate-callback',
  'late-callback',
  'webhook-twice',
  'webhook-never',
  'record-failed',
];

/** Where a fault kind does something during a refresh, and how often it plays there in the short form. */
function homeOf(kind: FaultKind): { endpoint: string; times?: number } {
  if (STATUS.includes(kind)) return { endpoint: '*', times: 2 };
  if (CALLBACK_URL.includes(kind) || RECORD.includes(kind)) return { endpoint: 'POST /balance/refresh' };
  return { endpoint: '*' };
}

/**
 * Every sandbox fault alone, where it bites. With `everywhere`, also every status and shape fault on each
 * call a refresh makes, once and always.
 *
 * @example
 * singleFaultCases(false).length === FAULT_KINDS.length;
 */
export function singleFaultCases(everywhere: boolean): FaultCase[] {
  const cases: FaultCase[] = [];
  for (const kind of FAULT_KINDS) {
    const home = homeOf(kind);
    cases.push(caseOf([{ endpoint: home.endpoint, fault: withTimes({ kind }, home.times) }]));
    if (!everywhere || CALLBACK_URL.includes(kind) || RECORD.includes(kind)) continue;
    for (const endpoint of REFRESH_ENDPOINTS) {
      for (const times of [1, undefined]) {
        if (endpoint === home.endpoint && times === home.times) continue;
        cases.push(caseOf([{ endpoint, fault: withTimes({ kind }, times) }]));
      }
    }
  }
  return cases;
}

/**
 * `count` random mixes of two to four faults on random refresh calls, from the seed.
 *
 * @example
 * mixedFaultCases(seededRandom(3), 4);
 */
export function mixedFaultCases(random: SeededRandom, count: number): FaultCase[] {
  return Array.from({ length: count }, () => {
    const size = random.int(2, 4);
    const entries = Array.from({ length: size }, () => {
      const kind = random.pick(FAULT_KINDS);
      const endpoint =
        CALLBACK_URL.includes(kind) || RECORD.includes(kind)
          ? 'POST /balance/refresh'
          : random.pick(REFRESH_ENDPOINTS);
      return { endpoint, fault: withTimes({ kind }, random.pick([1, 2, undefined])) };
    });
    return caseOf(entries);
  });
}

function withTimes(fault: Fault, times: number | undefined): Fault {
  return times === undefined ? fault : { ...fault, times };
}

function caseOf(entries: { endpoint: string; fault: Fault }[]): FaultCase {
  const plan: Record<string, Fault[]> = {};
  for (const { endpoint, fault } of entries) (plan[endpoint] ??= []).push(fault);
  const name = entries
    .map(
      ({ endpoint, fault }) =>
        `${fault.kind}${fault.times === undefined ? '' : `×${fault.times}`} @ ${endpoint}`,
    )
    .join(' + ');
  return { name, plan };
}
