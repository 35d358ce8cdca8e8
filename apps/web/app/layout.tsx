import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { EARLY_SESSION_SCRIPT } from '@/lib/early-session';
import { Providers } from './providers';
import './globals.css';

export const metadata: Metadata = {
  title: 'Argus',
  description: 'Multi-cluster Kubernetes dashboard',
};

// Applies the saved (or system) theme before the first paint, so a dark page never flashes white.
const themeScript = `try{var t=localStorage.getItem('argus.theme');if(t==='dark'||(!t&&matchMedia('(prefers-color-scheme: dark)').matches))document.documentElement.classList.add('dark')}catch(e){}`;

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant script, no user input */}
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant script, no user input */}
        <script dangerouslySetInnerHTML={{ __html: EARLY_SESSION_SCRIPT }} />
      </head>
      <body className="min-h-screen antialiased">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
