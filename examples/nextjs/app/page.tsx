import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import { prefetchBalances } from '@/lib/prefetchBalances';
import { Accounts } from './Accounts';

/** A Server Component: the user's accounts and balances are in the HTML, then the browser takes over. */
export default async function Home() {
  const queryClient = new QueryClient();
  const { sandboxLogin } = await prefetchBalances(queryClient);
  return (
    <main>
      <h1>Your bank balances</h1>
      {sandboxLogin && (
        <aside aria-label="Sandbox mode">
          Sandbox mode: pick any bank and log in with{' '}
          <code>
            {sandboxLogin.username} / {sandboxLogin.password}
          </code>
          .
        </aside>
      )}
      <HydrationBoundary state={dehydrate(queryClient)}>
        <Accounts />
      </HydrationBoundary>
    </main>
  );
}
