'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

/** Runs an API call, keeps its error for display, and refreshes the given queries afterwards. */
export function useAction(invalidate: string[]) {
  const qc = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async <T>(fn: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      const out = await fn();
      await Promise.all(invalidate.map((k) => qc.invalidateQueries({ queryKey: [k] })));
      return out;
    } catch (err) {
      setError(err);
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { run, error, busy };
}
