import { packageBuild } from '../../tooling/tsdown.ts';

// Node: the default store runs PGlite in-process and the PostgreSQL store uses `pg`.
export default packageBuild({ platform: 'node' });
