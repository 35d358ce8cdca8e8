import { AppError } from '@argus/contracts';
import { describe, expect, it } from 'vitest';
import type { ClusterConnection, KubeResponse } from './connection.js';
import { createDiscovery } from './discovery.js';

const answer = (body: unknown): KubeResponse => {
  const buf = Buffer.from(JSON.stringify(body));
  return { status: 200, headers: {}, body: buf, json: <T>() => JSON.parse(buf.toString()) as T };
};
const core = {
  kind: 'APIGroupDiscoveryList',
  items: [
    {
      metadata: { name: '' },
      versions: [
        { version: 'v1', resources: [{ resource: 'pods', responseKind: { kind: 'Pod' }, scope: 'Namespaced' }] },
      ],
    },
  ],
};

describe('discovery while the cluster is away', () => {
  it('answers the last discovery that succeeded, and asks again after the TTL', async () => {
    let up = true;
    let calls = 0;
    const conn = {
      async request({ path }: { path: string }) {
        calls++;
        if (!up) throw new AppError('CLUSTER_UNREACHABLE', 'connection refused');
        return answer(path === '/api' ? core : { kind: 'APIGroupDiscoveryList', items: [] });
      },
    } as unknown as ClusterConnection;
    const d = createDiscovery(async () => conn, 20);
    expect((await d.all('c')).map((r) => r.resource)).toEqual(['pods']);
    up = false;
    await new Promise((r) => setTimeout(r, 30));
    expect((await d.find('c', 'core', 'v1', 'pods')).kind).toBe('Pod');
    const before = calls;
    expect((await d.all('c')).map((r) => r.resource)).toEqual(['pods']); // within the TTL: no new request
    expect(calls).toBe(before);
    // A cluster never discovered has nothing to fall back on: the error, and no failure kept.
    const other = createDiscovery(async () => conn, 20);
    await expect(other.all('x')).rejects.toThrow('connection refused');
    await expect(other.all('x')).rejects.toThrow('connection refused');
    up = true;
    expect((await other.all('x')).map((r) => r.resource)).toEqual(['pods']);
  });
});
