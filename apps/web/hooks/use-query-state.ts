'use client';
import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';

/**
 * View state (filters, sort, tab) kept in the query string so a view can be shared.
 * Written with the native `history.replaceState`, which Next's router follows (useSearchParams updates)
 * without a server round trip or a navigation transition: a keystroke in a filter box stays cheap.
 */
export function useQueryState(): [URLSearchParams, (patch: Record<string, string | null | undefined>) => void] {
  const params = useSearchParams();
  const pathname = usePathname();
  const set = useCallback(
    (patch: Record<string, string | null | undefined>) => {
      const next = new URLSearchParams(window.location.search);
      for (const [k, v] of Object.entries(patch)) {
        if (v === null || v === undefined || v === '') next.delete(k);
        else next.set(k, v);
      }
      const s = next.toString();
      const url = s ? `${pathname}?${s}` : pathname;
      if (url !== window.location.pathname + window.location.search) window.history.replaceState(null, '', url);
    },
    [pathname],
  );
  const copy = useMemo(() => new URLSearchParams(params.toString()), [params]);
  return [copy, set];
}
