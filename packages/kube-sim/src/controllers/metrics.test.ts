import { describe, expect, it } from 'vitest';
import { createHarness, deployment } from './controllers-test-helpers.js';
import { createMetrics } from './metrics.js';
import { DEPLOYMENTS } from './refs.js';

describe('metrics.k8s.io numbers', () => {
  it('pod and node usage for running pods, stable for a given clock', () => {
    const h = createHarness(2);
    h.store.create(DEPLOYMENTS, deployment('web', 2));
    h.run(2000);
    const metrics = createMetrics(h.store, h.clock);
    const pods = metrics.listPodMetrics('default');
    expect(pods).toHaveLength(2);
    const first = pods[0]!;
    expect(first).toMatchObject({
      apiVersion: 'metrics.k8s.io/v1beta1',
      kind: 'PodMetrics',
      window: expect.any(String),
    });
    const usage = (first.containers as { name: string; usage: { cpu: string; memory: string } }[])[0]!;
    expect(usage.name).toBe('web');
    expect(usage.usage.cpu).toMatch(/^\d+n$/);
    expect(usage.usage.memory).toMatch(/^\d+Ki$/);
    expect(metrics.getPodMetrics('default', first.metadata.name!)).toEqual(first);
    const nodes = metrics.listNodeMetrics();
    expect(nodes.map((n) => n.metadata.name)).toEqual(['node-1', 'node-2']);
    expect((nodes[0]!.usage as { cpu: string }).cpu).toMatch(/^\d+n$/);
    expect(metrics.getNodeMetrics('node-9')).toBeUndefined();
  });
});
