import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../store/types.js';
import { applyJsonPatch, applyMergePatch } from './json-patch.js';
import { serverSideApply, trackUpdate } from './managed-fields.js';
import { schemaListResolver } from './merge-keys.js';
import { applyStrategicMerge } from './strategic-merge.js';

const pod = {
  spec: {
    containers: [
      { name: 'a', image: 'nginx:1', env: [{ name: 'X', value: '1' }] },
      { name: 'b', image: 'busybox' },
    ],
  },
};

describe('strategic merge patch', () => {
  it('merges containers and env by name, deletes with null and $patch', () => {
    const out = applyStrategicMerge('Pod', pod, {
      spec: {
        containers: [
          { name: 'a', image: 'nginx:2', env: [{ name: 'Y', value: '2' }] },
          { name: 'b', $patch: 'delete' },
          { name: 'c', image: 'redis' },
        ],
      },
    }) as typeof pod;
    expect(out.spec.containers).toEqual([
      {
        name: 'a',
        image: 'nginx:2',
        env: [
          { name: 'X', value: '1' },
          { name: 'Y', value: '2' },
        ],
      },
      { name: 'c', image: 'redis' },
    ]);
  });

  it('honours $setElementOrder, $deleteFromPrimitiveList and $retainKeys', () => {
    const out = applyStrategicMerge(
      'Deployment',
      {
        metadata: { finalizers: ['a', 'b'] },
        spec: { ...pod.spec, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } },
      },
      {
        metadata: { $deleteFromPrimitiveList: undefined, '$deleteFromPrimitiveList/finalizers': ['a'] },
        spec: {
          '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }],
          strategy: { $retainKeys: ['type'], type: 'Recreate' },
        },
      },
    ) as { metadata: { finalizers: string[] }; spec: { containers: Array<{ name: string }>; strategy: unknown } };
    expect(out.metadata.finalizers).toEqual(['b']);
    expect(out.spec.containers.map((c) => c.name)).toEqual(['b', 'a']);
    expect(out.spec.strategy).toEqual({ type: 'Recreate' });
  });
});

describe('JSON patch and merge patch', () => {
  it('applies RFC 6902 operations and rejects a failed test', () => {
    const doc = { a: [1, 2], b: { c: 1 } };
    expect(
      applyJsonPatch(doc, [
        { op: 'add', path: '/a/-', value: 3 },
        { op: 'move', from: '/b/c', path: '/d' },
      ]),
    ).toEqual({ a: [1, 2, 3], b: {}, d: 1 });
    expect(() => applyJsonPatch(doc, [{ op: 'test', path: '/a/0', value: 9 }])).toThrow(/test failed/);
    expect(applyMergePatch(doc, { a: null, b: { e: 2 } })).toEqual({ b: { c: 1, e: 2 } });
  });
});

describe('server-side apply', () => {
  const base = (image: string, containers = ['a', 'b']): KubeObject => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: { replicas: 1, template: { spec: { containers: containers.map((name) => ({ name, image })) } } },
  });

  it('owns what it applies, removes what it stops applying, and conflicts with other managers', () => {
    const t = '2026-01-01T00:00:00Z';
    const first = serverSideApply({
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      live: undefined,
      applied: base('nginx:1'),
      manager: 'ci',
      force: false,
      time: t,
    });
    expect(first.metadata.managedFields?.map((m) => `${m.manager}/${m.operation}`)).toEqual(['ci/Apply']);
    const second = serverSideApply({
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      live: first,
      applied: base('nginx:1', ['a']),
      manager: 'ci',
      force: false,
      time: t,
    });
    expect((second.spec as { template: { spec: { containers: unknown[] } } }).template.spec.containers).toEqual([
      { name: 'a', image: 'nginx:1' },
    ]);
    const scaled = { ...second, spec: { ...(second.spec as object), replicas: 5 } } as KubeObject;
    scaled.metadata.managedFields = trackUpdate('Deployment', 'apps/v1', second, scaled, 'hpa', t);
    expect(() =>
      serverSideApply({
        kind: 'Deployment',
        apiVersion: 'apps/v1',
        live: scaled,
        applied: base('nginx:1', ['a']),
        manager: 'ci',
        force: false,
        time: t,
      }),
    ).toThrow(
      'Apply failed with 1 conflict: conflict with "hpa" using apps/v1 at 2026-01-01T00:00:00Z: .spec.replicas',
    );
    const forced = serverSideApply({
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      live: scaled,
      applied: base('nginx:1', ['a']),
      manager: 'ci',
      force: true,
      time: t,
    });
    expect((forced.spec as { replicas: number }).replicas).toBe(1);
    expect(forced.metadata.managedFields?.find((m) => m.manager === 'hpa')).toBeUndefined();
  });
});

describe('custom resources', () => {
  it('merge lists as their CRD schema declares (list-type map/set/atomic)', () => {
    const schema = {
      type: 'object',
      properties: {
        spec: {
          type: 'object',
          properties: {
            listeners: {
              type: 'array',
              'x-kubernetes-list-type': 'map',
              'x-kubernetes-list-map-keys': ['port'],
              items: { type: 'object' },
            },
            tags: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' } },
            containers: { type: 'array', items: { type: 'object' } },
          },
        },
      },
    };
    const kind = schemaListResolver('Gateway', schema);
    const t = '2026-01-01T00:00:00Z';
    const live = serverSideApply({
      kind,
      apiVersion: 'example.com/v1',
      live: undefined,
      applied: {
        apiVersion: 'example.com/v1',
        kind: 'Gateway',
        metadata: { name: 'g' },
        spec: { listeners: [{ port: 80, name: 'http' }], tags: ['a'], containers: [{ name: 'x', image: '1' }] },
      },
      manager: 'one',
      force: false,
      time: t,
    });
    const merged = serverSideApply({
      kind,
      apiVersion: 'example.com/v1',
      live,
      applied: {
        apiVersion: 'example.com/v1',
        kind: 'Gateway',
        metadata: { name: 'g' },
        spec: { listeners: [{ port: 443, name: 'https' }], tags: ['b'] },
      },
      manager: 'two',
      force: false,
      time: t,
    });
    const spec = merged.spec as { listeners: Array<{ port: number }>; tags: string[]; containers: unknown[] };
    expect(spec.listeners.map((l) => l.port)).toEqual([80, 443]);
    expect(spec.tags).toEqual(['a', 'b']);
    expect(spec.containers).toEqual([{ name: 'x', image: '1' }]);
    expect(kind.resolve(['spec', 'containers'])).toEqual({ type: 'atomic' });
  });
});
