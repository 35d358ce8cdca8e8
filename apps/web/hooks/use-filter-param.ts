'use client';
import { useState } from 'react';

/**
 * A filter box's text: local state drives the table at once, and the query string (`q`) follows so the
 * view can be shared. Reading it back from the URL on each keystroke would tie typing to the router.
 */
export function useFilterParam(
  params: URLSearchParams,
  setParams: (patch: Record<string, string | null>) => void,
  key = 'q',
): [string, (value: string) => void] {
  const [value, setValue] = useState(() => params.get(key) ?? '');
  const set = (v: string) => {
    setValue(v);
    setParams({ [key]: v || null });
  };
  return [value, set];
}
