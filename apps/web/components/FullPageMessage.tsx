import type { ReactNode } from 'react';

export function FullPageMessage({ children }: { children: ReactNode }) {
  return (
    <main
      className="flex min-h-screen items-center justify-center p-6 text-sm text-muted-foreground"
      aria-live="polite"
    >
      {children}
    </main>
  );
}
