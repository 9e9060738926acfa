import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BalanceProvider } from '@okra-balance/react';
import '@okra-balance/react/styles.css';
import './styles.css';
import { App } from './App.tsx';

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});
const root = document.getElementById('root');
if (root === null) throw new Error('index.html must have a #root element');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BalanceProvider baseUrl="/api">
        <App />
      </BalanceProvider>
    </QueryClientProvider>
  </StrictMode>,
);
