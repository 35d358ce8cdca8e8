/** A kind's `context`: loaded once per request, handed to health and summary; a failing loader gives undefined. */
import { describe, expect, it } from 'vitest';
import type { PluginCache } from '../backend.js';
import { health } from './health.js';
import { kindContext, withHealth } from './routes.js';
import { defineOperatorKind } from './types.js';

const cache: PluginCache = {
  list: async () => [
    { namespace: undefined, name: 'b1', labels: {}, resourceVersion: '1', object: () => ({ used: 95 }) },
  ],
  get: async () => undefined,
};

const pools = defineOperatorKind<{ metadata: { name: string } }, { used: number }>({
  group: 'g',
  version: 'v1',
  plural: 'pools',
  kind: 'Pool',
  namespaced: false,
  context: async ({ cache: c, clusterId }) => {
    if (clusterId === 'broken') throw new Error('no blocks');
    const [b] = await c.list(clusterId, { group: 'g', version: 'v1', resource: 'blocks' });
    return { used: (b?.object() as { used: number } | undefined)?.used ?? 0 };
  },
  health: (_o, ctx) => (ctx && ctx.used > 90 ? health('Degraded', `${ctx.used}% used`) : health('Healthy')),
  summary: (_o, ctx) => ({ used: ctx?.used ?? null }),
});

describe('operator kind context', () => {
  it('is loaded and handed to health and summary', async () => {
    const ctx = await kindContext(pools, { cache, clusters: {} as never }, 'c1');
    expect(withHealth(pools, { metadata: { name: 'p' } }, ctx)).toMatchObject({
      health: { status: 'Degraded', reason: '95% used' },
      summary: { used: 95 },
    });
  });

  it('is undefined when the loader fails (the rule judges the object alone), or when a kind has none', async () => {
    const ctx = await kindContext(pools, { cache, clusters: {} as never }, 'broken');
    expect(ctx).toBeUndefined();
    expect(withHealth(pools, { metadata: { name: 'p' } }, ctx)).toMatchObject({
      health: { status: 'Healthy' },
      summary: { used: null },
    });
    const plain = defineOperatorKind({
      group: 'g',
      version: 'v1',
      plural: 'x',
      kind: 'X',
      namespaced: false,
      health: () => health('Healthy'),
    });
    expect(await kindContext(plain, { cache, clusters: {} as never }, 'c1')).toBeUndefined();
  });
});
