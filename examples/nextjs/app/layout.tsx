import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import '@okra-balance/react/styles.css';
import './globals.css';
import { Providers } from './Providers';

export const metadata: Metadata = {
  title: 'Bank balances · okra-balance on Next.js',
  description: 'Link a Nigerian bank account and see its live balance.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
