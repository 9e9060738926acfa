import { version } from 'react';
import { version as domVersion } from 'react-dom';
import { renderToString } from 'react-dom/server';
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ConnectBalance } from './ConnectBalance.tsx';
import './testing/cleanup.ts';

describe('the React under test', () => {
  it('is the version its Vitest project names, one copy for react, react-dom and Testing Library', ({
    task,
  }) => {
    const major = task.file.projectName === 'unit-react18' ? '18.' : '19.';
    expect(version.startsWith(major)).toBe(true);
    expect(domVersion).toBe(version);
    // Hooks only work when the renderer and the component share one React.
    const { container } = render(<ConnectBalance publicKey="pk" token="ct" env="production" />);
    expect(container.querySelector('button')?.hasAttribute('disabled')).toBe(false);
    expect(renderToString(<ConnectBalance publicKey="pk" token="ct" env="production" />)).toContain(
      'disabled',
    );
  });
});
