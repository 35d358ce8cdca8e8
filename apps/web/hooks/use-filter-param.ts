'use client';
import { useEffect, useRef, useState } from 'react';

/** How long the query string waits for typing to pause. */
const URL_DELAY_MS = 300;

/**
 * A filter box's text: local state drives the table at once, and the query string (`q`) follows so the
 * view can be shared. Reading it back from the URL on each keystroke would tie typing to the router; and
 * writing it on each keystroke renders everything that reads the URL again (Next's router follows
 * `history.replaceState`), so it is written once typing pauses.
 */
export function useFilterParam(
  params: URLSearchParams,
  setParams: (patch: Record<string, string | null>) => void,
  key = 'q',
): [string, (value: string) => void] {
  const [value, setValue] = useState(() => params.get(key) ?? '');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const write = useRef(setParams);
  write.current = setParams;
  // Leaving the page drops a pending write (it would land on the next page's URL).
  useEffect(() => () => clearTimeout(timer.current), []);
  const set = (v: string) => {
    setValue(v);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => write.current({ [key]: v || null }), URL_DELAY_MS);
  };
  return [value, set];
}
