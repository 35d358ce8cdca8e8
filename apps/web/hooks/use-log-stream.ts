'use client';
import { useEffect, useRef, useState } from 'react';
import { apiFetch } from '@/lib/api';

const MAX_LINES = 10_000;

/** Streams a log endpoint (chunked text) into lines; follow keeps the request open. */
export function useLogStream(url: string | null) {
  const [lines, setLines] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [streaming, setStreaming] = useState(false);
  const buffer = useRef<string[]>([]);

  useEffect(() => {
    if (!url) return;
    const ctrl = new AbortController();
    buffer.current = [];
    setLines([]);
    setError(null);
    setStreaming(true);
    let partial = '';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      setLines(buffer.current.slice());
    };
    (async () => {
      try {
        const res = await apiFetch(url, { signal: ctrl.signal });
        const reader = res.body?.getReader();
        if (!reader) return;
        const decoder = new TextDecoder();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          partial += decoder.decode(value, { stream: true });
          const parts = partial.split('\n');
          partial = parts.pop() ?? '';
          buffer.current.push(...parts);
          if (buffer.current.length > MAX_LINES) buffer.current.splice(0, buffer.current.length - MAX_LINES);
          // Batch renders: a busy log must not re-render per chunk.
          if (!timer) timer = setTimeout(flush, 100);
        }
        if (partial) buffer.current.push(partial);
        flush();
      } catch (err) {
        if (!ctrl.signal.aborted) setError(err);
      } finally {
        if (!ctrl.signal.aborted) setStreaming(false);
      }
    })();
    return () => {
      ctrl.abort();
      clearTimeout(timer);
    };
  }, [url]);

  return { lines, error, streaming };
}
