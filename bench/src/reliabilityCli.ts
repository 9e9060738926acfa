import { startPostgresCluster } from '../../tooling/postgresCluster.ts';
import { createDatabase } from './harness/createDatabase.ts';
import { describeMachine } from './harness/machine.ts';
import { printTable } from './harness/printTable.ts';
import type { ServerChildOptions } from './harness/spawnServer.ts';
import { tempDir } from './harness/tempDir.ts';
import { crashRestart, type KillMoment } from './reliability/crash/crashRestart.ts';
import { faultMatrix } from './reliability/faults/faultMatrix.ts';
import { fuzzScenario } from './reliability/fuzz/fuzzScenario.ts';
import {
  attackVerdict,
  crashVerdict,
  faultVerdict,
  fuzzVerdict,
  scaleOutVerdict,
  soakVerdict,
  type Verdict,
} from './reliability/reliabilityTables.ts';
import { scaleOut } from './reliability/scaleOut/scaleOut.ts';
import { soak } from './reliability/soak/soak.ts';

// `pnpm bench:reliability`: the reliability suite at full size (about 12 minutes), on PGlite and on a throwaway
// PostgreSQL server. `--quick` runs small counts; `--only=crash` (or fuzz, faults, scale, soak) runs one table.
// Exits 1 if any check fails.
const quick = process.argv.includes('--quick');
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length) ?? null;
const runs = (table: string) => only === null || only === table;
const size = quick
  ? { fuzz: 1_000, mixes: 8, kills: ['requesting', 'random'] as KillMoment[], windows: 2, soakMinutes: 0.25 }
  : {
      fuzz: 10_000,
      mixes: 40,
      kills: ['waiting', 'requesting', 'unsent', 'reading', 'random', 'random', 'random'] as KillMoment[],
      windows: 10,
      soakMinutes: 3,
    };
const started = performance.now();
const write = (line: string) => process.stdout.write(`${line}\n`);

const cluster = await startPostgresCluster();
if (cluster === null) {
  console.error(
    'No PostgreSQL server binaries: install PostgreSQL (apt-get install -y postgresql) for the full suite.',
  );
  process.exit(1);
}
const cleanups: (() => Promise<void> | void)[] = [() => cluster.stop()];
const stores = {
  pglite(): Promise<ServerChildOptions['store']> {
    const dir = tempDir('reliability');
    cleanups.push(() => dir.remove());
    return Promise.resolve({ kind: 'pglite', dataDir: dir.path });
  },
  async postgres(): Promise<ServerChildOptions['store']> {
    return { kind: 'postgres', connectionString: await freshDatabase() };
  },
};

async function freshDatabase(): Promise<string> {
  const database = await createDatabase(cluster!.url);
  cleanups.push(() => database.drop());
  return database.url;
}

const verdicts: Verdict[] = [];
try {
  write(`# okra-balance reliability suite${quick ? ' (quick)' : ''}\n`);
  for (const line of describeMachine()) write(`- ${line}`);

  if (runs('fuzz')) {
    const fuzzRuns = [];
    for (const store of ['PGlite', 'PostgreSQL'] as const) {
      const config = store === 'PGlite' ? await stores.pglite() : await stores.postgres();
      const attacks = quick ? { flows: 2, identities: 20 } : { flows: 10, identities: 200 };
      fuzzRuns.push({
        store,
        ...(await fuzzScenario({ seed: 1, count: size.fuzz, store: config, attacks })),
      });
    }
    verdicts.push(fuzzVerdict(fuzzRuns));
    printTable(verdicts.at(-1)!.table);
    verdicts.push(attackVerdict(fuzzRuns));
    printTable(verdicts.at(-1)!.table);
  }

  if (runs('faults')) {
    const faults = await faultMatrix({
      seed: 2,
      everywhere: true,
      mixes: size.mixes,
      store: await stores.postgres(),
    });
    verdicts.push(faultVerdict('PostgreSQL', faults.outcomes, faults.health));
    printTable(verdicts.at(-1)!.table);
  }

  if (runs('crash')) {
    const crashRuns = [];
    for (const store of ['PGlite', 'PostgreSQL'] as const) {
      const config = store === 'PGlite' ? await stores.pglite() : await stores.postgres();
      crashRuns.push({
        store,
        ...(await crashRestart({ seed: 3, kills: size.kills, store: config })),
      });
    }
    verdicts.push(crashVerdict(crashRuns));
    printTable(verdicts.at(-1)!.table);
  }

  if (runs('scale')) {
    const scale = await scaleOut({
      connectionString: await freshDatabase(),
      clients: 100,
      windows: size.windows,
      seed: 4,
    });
    verdicts.push(scaleOutVerdict(100, scale.windows, scale.health));
    printTable(verdicts.at(-1)!.table);
  }

  if (runs('soak')) {
    const soakRuns = [];
    for (const store of ['PGlite', 'PostgreSQL'] as const) {
      const config = store === 'PGlite' ? await stores.pglite() : await stores.postgres();
      const durationMs = size.soakMinutes * 60_000;
      const result = await soak({
        seed: 5,
        durationMs,
        warmupMs: 10_000,
        sampleEveryMs: 5_000,
        store: config,
      });
      soakRuns.push({ store, minutes: size.soakMinutes, result });
    }
    verdicts.push(soakVerdict(soakRuns));
    printTable(verdicts.at(-1)!.table);
  }
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup();
}

const failed = verdicts.filter((verdict) => !verdict.pass).map((verdict) => verdict.table.title);
write(
  `\nTotal: ${((performance.now() - started) / 60_000).toFixed(1)} min. ${failed.length === 0 ? 'Every check passed.' : `FAILED: ${failed.join('; ')}`}`,
);
process.exit(failed.length === 0 ? 0 : 1);
