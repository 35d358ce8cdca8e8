import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClusterTestServer, startClusterTestServer } from '../test-support/cluster-test-kit.js';

describe('demo clusters (ARGUS_DEMO=true, nothing registered)', () => {
  let s: ClusterTestServer;
  beforeAll(async () => {
    s = await startClusterTestServer({ env: { ARGUS_DEMO: 'true' } });
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('starts two in-process kube-sims and registers them as demo clusters', async () => {
    const list = (await (await s.fetch('/api/clusters', { token: s.adminToken })).json()) as {
      clusters: Array<{ id: string; name: string; connection_type: string; status: string }>;
    };
    expect(list.clusters.map((c) => [c.name, c.connection_type, c.status])).toEqual([
      ['demo-east', 'demo', 'connected'],
      ['demo-west', 'demo', 'connected'],
    ]);
    const deployments = (await (
      await s.fetch('/api/resources/apps/v1/deployments', { token: s.adminToken })
    ).json()) as {
      items: Array<{ cluster: { name: string } }>;
      errors: unknown[];
    };
    expect(deployments.errors).toEqual([]);
    expect(new Set(deployments.items.map((d) => d.cluster.name))).toEqual(new Set(['demo-east', 'demo-west']));
  });
});
