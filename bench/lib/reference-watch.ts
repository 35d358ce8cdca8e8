/** A direct watch on kube-sim's pods: the time (absolute ms) each change left the sim, the reference for latency; and a hook per event. */
import { jsonLines } from '../../apps/server/src/clusters/json-lines.js';

export interface ReferenceWatch {
  times: Map<string, number>;
  onEvent(fn: (type: string, object: unknown) => void): void;
  stop(): void;
}

export async function watchPods(simUrl: string, token: string): Promise<ReferenceWatch> {
  const headers = { authorization: `Bearer ${token}` };
  const list = (await (await fetch(`${simUrl}/api/v1/pods?limit=1`, { headers })).json()) as {
    metadata: { resourceVersion: string };
  };
  const abort = new AbortController();
  const res = await fetch(`${simUrl}/api/v1/pods?watch=true&resourceVersion=${list.metadata.resourceVersion}`, {
    headers,
    signal: abort.signal,
  });
  if (!res.body) throw new Error('watch has no body');
  const times = new Map<string, number>();
  const listeners: ((type: string, object: unknown) => void)[] = [];
  void (async () => {
    try {
      for await (const ev of jsonLines<{
        type: string;
        object: { metadata: { name: string; resourceVersion: string } };
      }>(res.body as unknown as AsyncIterable<Uint8Array>)) {
        if (ev.type === 'BOOKMARK') continue;
        times.set(
          `${ev.object.metadata.name}/${ev.object.metadata.resourceVersion}`,
          performance.timeOrigin + performance.now(),
        );
        for (const l of listeners) l(ev.type, ev.object);
      }
    } catch {
      // aborted
    }
  })();
  return {
    times,
    onEvent: (fn) => listeners.push(fn),
    stop: () => abort.abort(),
  };
}
