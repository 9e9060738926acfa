import queryPackage from '@tanstack/react-query/package.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import manifest from '../package.json' with { type: 'json' };

describe('the TanStack Query under test', () => {
  it('is the lowest the peer range allows in unit-query-min, else the pinned devDependency', ({ task }) => {
    const range = manifest.peerDependencies['@tanstack/react-query'];
    const lowest = /^\^(\d+\.\d+\.\d+)$/.exec(range)?.[1];
    expect(lowest, `a caret range, not ${range}`).toBeDefined();
    expect(manifest.devDependencies['@tanstack/react-query-min']).toBe(`npm:@tanstack/react-query@${lowest}`);
    expect(queryPackage.version).toBe(
      task.file.projectName === 'unit-query-min' ? lowest : manifest.devDependencies['@tanstack/react-query'],
    );
  });
});
