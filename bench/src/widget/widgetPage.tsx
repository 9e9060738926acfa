import { createRoot } from 'react-dom/client';
import { ConnectBalance } from '@okra-balance/react';

/** What the bench server writes into the page: the sandbox's widget and its public keys. */
export interface WidgetPageConfig {
  publicKey: string;
  token: string;
  widgetOrigin: string;
}

// The page an app would have: one ConnectBalance, standalone, against the sandbox widget.
const config = JSON.parse(document.getElementById('bench-config')?.textContent ?? '{}') as WidgetPageConfig;
const root = document.getElementById('root');
if (root !== null) {
  createRoot(root).render(
    <ConnectBalance
      publicKey={config.publicKey}
      token={config.token}
      env="production-sandbox"
      name="okra-balance bench"
      widgetOrigin={config.widgetOrigin}
    />,
  );
}
