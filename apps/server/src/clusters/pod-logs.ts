/** One pod's log as a stream (follow, tailLines, previous, container, sinceSeconds, timestamps). */
import type { Readable } from 'node:stream';
import type { ClusterConnection } from './connection.js';
import { kubeError } from './kube-errors.js';

export interface LogOptions {
  container?: string | undefined;
  follow?: boolean | undefined;
  tailLines?: number | undefined;
  previous?: boolean | undefined;
  sinceSeconds?: number | undefined;
  timestamps?: boolean | undefined;
}

export function logPath(namespace: string, pod: string, o: LogOptions): string {
  const q = new URLSearchParams();
  if (o.container) q.set('container', o.container);
  if (o.follow) q.set('follow', 'true');
  if (o.tailLines !== undefined) q.set('tailLines', String(o.tailLines));
  if (o.previous) q.set('previous', 'true');
  if (o.sinceSeconds !== undefined) q.set('sinceSeconds', String(o.sinceSeconds));
  if (o.timestamps) q.set('timestamps', 'true');
  const s = q.toString();
  return `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log${s ? `?${s}` : ''}`;
}

/** Opens the log; a Kubernetes error (pod not found, container not started) is thrown with its status. */
export async function openPodLog(
  conn: ClusterConnection,
  namespace: string,
  pod: string,
  o: LogOptions,
): Promise<{ body: Readable; close(): void }> {
  const s = await conn.stream({ path: logPath(namespace, pod, o), headers: { Accept: 'text/plain, */*' } });
  if (s.status !== 200) {
    const chunks: Buffer[] = [];
    for await (const c of s.body) chunks.push(c as Buffer);
    throw kubeError(s.status, Buffer.concat(chunks));
  }
  return s;
}
