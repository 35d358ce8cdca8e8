// Next's Link and router as the detail page uses them, for component tests: history.replaceState updates
// useSearchParams (like Next's router follows it). Used as `vi.mock('next/navigation', () => import(…))`.
import { useMemo, useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();
const replace = window.history.replaceState.bind(window.history);
window.history.replaceState = (...args: Parameters<History['replaceState']>) => {
  replace(...args);
  for (const l of listeners) l();
};

export const useRouter = () => ({ push: () => {}, replace: () => {} });
export const usePathname = () => window.location.pathname;
export function useSearchParams() {
  const search = useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => window.location.search,
  );
  return useMemo(() => new URLSearchParams(search), [search]);
}

export default function Link({ href, children, ...rest }: { href: string; children: React.ReactNode }) {
  return (
    <a href={href} {...rest}>
      {children}
    </a>
  );
}
