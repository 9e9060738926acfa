import type { Table } from '../harness/printTable.ts';
import type { ChildHealth } from './childHealth.ts';
import type { CrashOutcome } from './crash/crashRestart.ts';
import type { FaultOutcome } from './faults/runFaultCase.ts';
import type { AttackReport } from './fuzz/attacks.ts';
import type { FuzzReport } from './fuzz/runFuzz.ts';
import type { ScaleOutWindow } from './scaleOut/scaleOut.ts';
import type { SoakResult } from './soak/soak.ts';

/** A table and whether every check in it passed. */
export interface Verdict {
  table: Table;
  pass: boolean;
}

const mark = (ok: boolean) => (ok ? 'pass' : 'FAIL');
const healthy = (health: ChildHealth) =>
  health.alive && health.faults.length === 0 && health.foreignOrigins.length === 0;
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

/** Reliability 1, one row per store. */
export function fuzzVerdict(runs: { store: string; report: FuzzReport; health: ChildHealth }[]): Verdict {
  const rows = runs.map(({ store, report, health }) => {
    const five = Object.entries(report.byStatus).filter(([status]) => Number(status) >= 500).length;
    const spread = Object.entries(report.byStatus)
      .map(([status, count]) => `${status}: ${count}`)
      .join(', ');
    return [
      store,
      String(report.sent),
      String(report.failureCount),
      String(five),
      healthText(health),
      spread,
      mark(report.failureCount === 0 && healthy(health)),
    ];
  });
  const pass = rows.every((row) => row.at(-1) === 'pass');
  const failures = runs.flatMap(({ report }) => report.failures.map((f) => `- ${f.problem} ← ${f.request}`));
  return {
    pass,
    table: {
      title: 'Fuzz: generated bad requests over every route',
      headers: ['store', 'requests', 'failures', '5xx statuses', 'process', 'answers', 'result'],
      rows,
      notes: [
        'A failure is a 5xx, no answer within 10 s, or an error body not `{ error: { code, message } }`.',
        ...failures,
      ],
    },
  };
}

/** Reliability 1b: the attacks after the fuzz, one row per store and attack. */
export function attackVerdict(
  runs: { store: string; attacks: AttackReport[]; health: ChildHealth }[],
): Verdict {
  const rows = runs.flatMap(({ store, attacks, health }) =>
    attacks.map((attack) => {
      const typed = Object.entries(attack.byStatus)
        .filter(([status]) => Number(status) >= 500 && Number(status) !== 500)
        .reduce((sum, [, n]) => sum + n, 0);
      const spread = Object.entries(attack.byStatus)
        .map(([status, n]) => `${status}: ${n}`)
        .join(', ');
      const jobs = Object.entries(attack.jobs)
        .map(([end, n]) => `${end} ×${n}`)
        .join(', ');
      return [
        store,
        attack.name,
        String(attack.requests),
        String(attack.internalErrors),
        String(typed),
        String(attack.upstreamCalls),
        jobs || '-',
        spread,
        mark(attack.internalErrors === 0 && healthy(health)),
      ];
    }),
  );
  return {
    pass: rows.every((row) => row.at(-1) === 'pass'),
    table: {
      title: 'Attacks: a hostile provider, and a flood from fresh identities',
      headers: [
        'store',
        'attack',
        'requests',
        '500s',
        'typed 502/503',
        'upstream calls',
        'refresh jobs ended',
        'answers',
        'result',
      ],
      rows,
      notes: [
        'Hostile provider: every answer with text no database holds, amounts of 1e22 and script logos; each flow links an account and refreshes another. Flood: each identity makes a link session, confirms its token three times (the provider never saw it) and a made-up token once.',
      ],
    },
  };
}

/** Reliability 2. */
export function faultVerdict(store: string, outcomes: FaultOutcome[], health: ChildHealth): Verdict {
  const ends = new Map<string, number>();
  for (const { job } of outcomes) {
    const key =
      job === null ? 'no job' : job.state === 'failed' ? `failed: ${job.failure?.reason}` : job.state;
    ends.set(key, (ends.get(key) ?? 0) + 1);
  }
  const broken = outcomes.filter((outcome) => outcome.problems.length > 0);
  const pass = broken.length === 0 && healthy(health);
  return {
    pass,
    table: {
      title: 'Fault matrix: every sandbox fault, alone and mixed, during refreshes',
      headers: ['store', 'cases', 'with a problem', 'how the jobs ended', 'process', 'result'],
      rows: [
        [
          store,
          String(outcomes.length),
          String(broken.length),
          [...ends].map(([k, n]) => `${k} ×${n}`).join(', '),
          healthText(health),
          mark(pass),
        ],
      ],
      notes: broken.map((outcome) => `- ${outcome.name}: ${outcome.problems.join('; ')}`),
    },
  };
}

/** Reliability 3, one row per store. */
export function crashVerdict(
  runs: { store: string; outcomes: CrashOutcome[]; health: ChildHealth }[],
): Verdict {
  const rows = runs.flatMap(({ store, outcomes, health }) => {
    const moments = [...new Set(outcomes.map((outcome) => outcome.moment))];
    return moments.map((moment) => {
      const mine = outcomes.filter((outcome) => outcome.moment === moment);
      const problems = mine.filter((outcome) => outcome.problems.length > 0).length;
      const sessions = Math.max(...mine.map((outcome) => outcome.sessions));
      const ok =
        problems === 0 &&
        sessions <= 1 &&
        mine.every((outcome) => outcome.signal === 'SIGKILL') &&
        healthy(health);
      return [
        store,
        moment,
        count(mine.map((outcome) => outcome.killedIn)),
        count(mine.map((outcome) => outcome.job.state)),
        String(Math.max(...mine.map((outcome) => outcome.refreshes))),
        String(sessions),
        `${(Math.max(...mine.map((outcome) => outcome.recoveryMs)) / 1000).toFixed(1)} s`,
        String(problems),
        healthText(health),
        mark(ok),
      ];
    });
  });
  return {
    pass: rows.every((row) => row.at(-1) === 'pass'),
    table: {
      title: 'Crash: SIGKILL of the route process mid-job, then a restart on the same store',
      headers: [
        'store',
        'killed during',
        'job state then',
        'jobs ended',
        'most refresh calls per job',
        'most bank sessions per job',
        'slowest recovery',
        'with a problem',
        'process after',
        'result',
      ],
      rows,
      notes: [
        '`requesting`: killed in the billed refresh call after the bank started (its answer lost); `unsent`: in a refresh call the bank never saw; `reading`: in the read of the new balance; `waiting`: between steps.',
        'Recovery: from the restarted process answering to the job settled. A step killed mid-flight holds its job until its lease (10 s by default) runs out; a call the bank never saw is asked again after the lost-answer window (10 s here).',
        ...runs.flatMap(({ outcomes }) =>
          outcomes
            .filter((o) => o.problems.length > 0)
            .map((o) => `- killed during ${o.moment}: ${o.problems.join('; ')}`),
        ),
      ],
    },
  };
}

/** Reliability 4. */
export function scaleOutVerdict(clients: number, windows: ScaleOutWindow[], health: ChildHealth[]): Verdict {
  const refreshes = windows.map((window) => window.upstreamRefreshes);
  const pass =
    windows.every((w) => w.upstreamRefreshes === 1 && w.jobs === 1 && w.rejected === 0) &&
    health.every(healthy);
  return {
    pass,
    table: {
      title: 'Scale-out: two route processes on one PostgreSQL database',
      headers: [
        'windows',
        'refreshes per window',
        'jobs per window',
        'upstream refreshes per window',
        'processes',
        'result',
      ],
      rows: [
        [
          String(windows.length),
          `${clients} (half to each)`,
          count(windows.map((w) => String(w.jobs))),
          refreshes.join(', '),
          health.map(healthText).join(' / '),
          mark(pass),
        ],
      ],
    },
  };
}

/** Reliability 5, one row per store. */
export function soakVerdict(runs: { store: string; minutes: number; result: SoakResult }[]): Verdict {
  const rows = runs.map(({ store, minutes, result }) => {
    const five = Object.entries(result.traffic.byStatus).filter(([status]) => Number(status) >= 500).length;
    const half = result.samples.slice(Math.floor(result.samples.length / 2));
    const late = half.length > 1 ? half.at(-1)!.heapUsed - half[0]!.heapUsed : 0;
    const maxHandles = Math.max(...result.samples.map((s) => s.handles));
    const ok = five === 0 && result.final.handles <= result.baseline.handles && healthy(result.health);
    return [
      store,
      `${minutes} min, ${result.traffic.requests} requests`,
      String(five),
      `${mb(result.baseline.heapUsed)} → ${mb(result.final.heapUsed)}`,
      `${mb(result.heapSlopePerMinute)} MB/min; ${mb(late)} MB over the second half`,
      `${result.baseline.handles} → ${result.final.handles} (max ${maxHandles} under load)`,
      mark(ok),
    ];
  });
  return {
    pass: rows.every((row) => row.at(-1) === 'pass'),
    table: {
      title: 'Soak: mixed traffic against one route process',
      headers: [
        'store',
        'run',
        '5xx statuses',
        'live heap MB, baseline → after',
        'live heap trend',
        'open handles, baseline → after',
        'result',
      ],
      rows,
      notes: [
        'Heap is measured after a full GC in the route process; baseline after a warm-up, both after idle connections closed.',
      ],
    },
  };
}

function healthText(health: ChildHealth): string {
  if (healthy(health)) return 'alive, clean';
  return [
    health.alive ? 'alive' : 'DEAD',
    ...health.faults,
    ...health.foreignOrigins.map((o) => `called ${o}`),
  ].join('; ');
}

function count(values: string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].map(([value, n]) => `${value} ×${n}`).join(', ');
}
