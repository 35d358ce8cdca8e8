/**
 * The data hook for plugin components: loads what `load` returns whenever `key` changes (`key` names what
 * is loaded, e.g. the path and query), with the error as text and a `reload()`. A page or widget of a
 * plugin gets its API client as a prop, so this is all a plugin needs to fetch; `load` undefined waits.
 */
import { useCallback, useEffect, useState } from 'react';

export interface PluginData<T> {
  /** The answer for the current key (undefined while the first load for it runs, or after an error). */
  data: T | undefined;
  error: string | undefined;
  /** A load (first, or after reload()) is running. */
  loading: boolean;
  reload(): void;
}

export function usePluginData<T>(key: string, load: (() => Promise<T>) | undefined): PluginData<T> {
  const [result, setResult] = useState<{ key: string; data?: T; error?: string }>();
  const [pending, setPending] = useState(load !== undefined);
  const [round, setRound] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names what `load` reads
  useEffect(() => {
    if (!load) {
      setPending(false);
      return;
    }
    let current = true;
    setPending(true);
    load().then(
      (data) => {
        if (!current) return;
        setResult({ key, data });
        setPending(false);
      },
      (err: unknown) => {
        if (!current) return;
        setResult({ key, error: err instanceof Error ? err.message : String(err) });
        setPending(false);
      },
    );
    return () => {
      current = false;
    };
  }, [key, round, load === undefined]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  const fresh = result?.key === key ? result : undefined;
  return { data: fresh?.data, error: fresh?.error, loading: pending || (load !== undefined && !fresh), reload };
}
