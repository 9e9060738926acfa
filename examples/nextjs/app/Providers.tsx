'use client';

import { useState, type ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BalanceProvider } from '@okra-balance/react';
import { BALANCE_PATH } from '@/lib/balancePath';

/** One QueryClient per browser tab (per request on the server), under the balance route. */
export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    // Server-rendered data is fresh for a while: no refetch the moment the page hydrates.
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000 } } }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <BalanceProvider baseUrl={BALANCE_PATH}>{children}</BalanceProvider>
    </QueryClientProvider>
  );
}
