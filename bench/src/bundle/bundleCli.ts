import { printTable } from '../harness/printTable.ts';
import { snapshotBuilds } from '../harness/snapshotBuilds.ts';
import { bundleCostTable } from './bundleCostTable.ts';

// The bundle table alone, in a second, after `pnpm build` (`pnpm bench` runs it among the others):
//   pnpm --filter @okra-balance/bench exec tsx --tsconfig ../tsconfig.json src/bundle/bundleCli.ts
const snapshot = snapshotBuilds();
try {
  printTable(await bundleCostTable([snapshot.plugin]));
} finally {
  snapshot.remove();
}
