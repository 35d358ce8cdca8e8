'use client';
import { ArgusHostProvider } from '@argus/plugin-sdk/frontend';
import { type LinkComponent, TooltipProvider } from '@argus/ui';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import NextLink from 'next/link';
import { type ReactNode, useState } from 'react';
import { ApiError } from '@/lib/api';
import { liveConnection } from '@/lib/live';

/** Links drawn by shared components and plugins: client-side navigation, as the app's own links. */
const Link: LinkComponent = ({ href, className, children }) => (
  <NextLink href={href} className={className}>
    {children}
  </NextLink>
);

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            staleTime: 5_000,
            refetchOnWindowFocus: false,
            // Do not hammer the API with requests that cannot succeed.
            retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
          },
        },
      }),
  );
  // One WebSocket for the whole tab: the app's live lists and the plugins' share it.
  const [live] = useState(liveConnection);
  return (
    <QueryClientProvider client={client}>
      <ArgusHostProvider live={live} link={Link}>
        <TooltipProvider delayDuration={300}>{children}</TooltipProvider>
      </ArgusHostProvider>
    </QueryClientProvider>
  );
}
