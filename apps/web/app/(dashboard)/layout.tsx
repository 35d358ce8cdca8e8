'use client';
import dynamic from 'next/dynamic';
import { type ReactNode, Suspense } from 'react';
import { Assistant } from '@/components/assistant/Assistant';
import { FullPageMessage } from '@/components/FullPageMessage';
import { Sidebar } from '@/components/Sidebar';
import { StaleBanner } from '@/components/stale/StaleBanner';
import { Topbar } from '@/components/Topbar';
import { useSession } from '@/hooks/use-session';

// The command palette (⌘K) is fetched after the page's first render, not before it.
const CommandMenu = dynamic(() => import('@/components/CommandMenu').then((m) => m.CommandMenu));

export default function DashboardLayout({ children }: { children: ReactNode }) {
  const { ready } = useSession();
  if (!ready) return <FullPageMessage>Signing in…</FullPageMessage>;
  return (
    <div className="flex h-screen overflow-hidden">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:z-50 focus:bg-background focus:p-2">
        Skip to content
      </a>
      <Suspense>
        <Sidebar />
      </Suspense>
      <div className="flex min-w-0 flex-1 flex-col">
        <Topbar />
        <main id="main" className="min-h-0 flex-1 overflow-auto p-5">
          <Suspense>
            <StaleBanner />
          </Suspense>
          <Suspense fallback={<p className="text-sm text-muted-foreground">Loading…</p>}>{children}</Suspense>
        </main>
      </div>
      <Suspense>
        <CommandMenu />
      </Suspense>
      <Suspense>
        <Assistant />
      </Suspense>
    </div>
  );
}
