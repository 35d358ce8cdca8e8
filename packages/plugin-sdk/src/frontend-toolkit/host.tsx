/**
 * What the host app (the Argus web UI) gives every shared component and plugin without props: the tab's one
 * live connection and its link component. The web app wraps everything in `ArgusHostProvider`; outside it
 * (a plugin's own tests) links are plain `<a>` and live lists report `offline`.
 */
import type { LinkComponent } from '@argus/ui';
import { createContext, type ReactNode, useContext, useMemo } from 'react';
import type { LiveConnection } from './live-types';

export interface ArgusHost {
  /** The browser tab's single `/ws` connection (null: none, e.g. server rendering or tests). */
  live: LiveConnection | null;
  /** Draws links to Argus pages without reloading the app. */
  Link: LinkComponent;
}

const PlainLink: LinkComponent = ({ href, className, children }) => (
  <a href={href} className={className}>
    {children}
  </a>
);

const HostContext = createContext<ArgusHost>({ live: null, Link: PlainLink });

export function ArgusHostProvider({
  live,
  link,
  children,
}: {
  live: LiveConnection | null;
  link?: LinkComponent;
  children: ReactNode;
}) {
  const value = useMemo(() => ({ live, Link: link ?? PlainLink }), [live, link]);
  return <HostContext.Provider value={value}>{children}</HostContext.Provider>;
}

export function useArgusHost(): ArgusHost {
  return useContext(HostContext);
}
