import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ConnectBalance } from './ConnectBalance.tsx';
import './testing/cleanup.ts';
import { realOkra, WIDGET_ORIGIN } from './testing/realOkra.ts';

// Counts evaluations of the widget's lazily loaded module (the okra-js options, driver, normalizer).
const kitImports = vi.hoisted(() => ({ count: 0 }));
vi.mock('./showWidget.ts', async (importOriginal) => {
  kitImports.count += 1;
  return importOriginal();
});

describe('what <ConnectBalance> loads, and when', () => {
  it('loads the widget code and okra-js only when asked, once, however often it is asked', async () => {
    const real = realOkra();
    render(
      <ConnectBalance
        publicKey="pk_1"
        token="ct_1"
        env="production"
        widgetOrigin={WIDGET_ORIGIN}
        loader={real.loader}
      />,
    );
    const button = screen.getByRole('button');
    // Both loads start in the same synchronous call, so a loader not called means nothing was asked for.
    expect(real.loader).not.toHaveBeenCalled();
    expect(kitImports.count).toBe(0);

    fireEvent.pointerEnter(button);
    fireEvent.focus(button);
    await waitFor(() => expect(kitImports.count).toBe(1));
    expect(real.loader).toHaveBeenCalledTimes(2);
    fireEvent.click(button);
    await waitFor(() => expect(document.querySelectorAll('iframe')).toHaveLength(1));
    expect(kitImports.count).toBe(1);
    expect(real.build).toHaveBeenCalledTimes(1);
  });
});
