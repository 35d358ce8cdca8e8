/** Loads one thing from the plugin's API whenever `key` changes; `refresh()` loads it again. */
import { useEffect, useState } from 'react';
import { errorText } from './types';

export function useFetch<T>(key: string, load: () => Promise<T>) {
  const [result, setResult] = useState<{ key: string; data?: T; error?: string }>();
  const [round, setRound] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names what `load` reads
  useEffect(() => {
    let current = true;
    load()
      .then((data) => current && setResult({ key, data }))
      .catch((err: unknown) => current && setResult({ key, error: errorText(err) }));
    return () => {
      current = false;
    };
  }, [key, round]);
  const fresh = result?.key === key ? result : undefined;
  return { data: fresh?.data, error: fresh?.error, loading: !fresh, refresh: () => setRound((r) => r + 1) };
}
