import { packageBuild } from '../../tooling/tsdown.ts';

export default packageBuild({ entry: ['src/index.ts', 'src/cli.ts'], platform: 'node' });
