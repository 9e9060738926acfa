import { packageBuild } from '../../tooling/tsdown.ts';

export default packageBuild();
