import { describe, expect, it } from 'vitest';
import { createStore } from './memory-store.js';
import type { KubeObject, ResourceRef, StoreEvent } from './types.js';

const NS: ResourceRef = { group: '', version: 'v1', resource: 'namespaces', kind: 'Namespace', namespaced: false };
const PODS: ResourceRef = { group: '', version: 'v1', resource: 'pods', kind: 'Pod' };
const CM: ResourceRef = { group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap' };
const DEPLOY: ResourceRef = { group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment' };
const RS: ResourceRef = { group: 'apps', version: 'v1', resource: 'replicasets', kind: 'ReplicaSet' };

function pod(name: string, labels: Record<string, string> = {}, phase = 'Running'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels },
    spec: { nodeName: 'n1' },
    status: { phase },
  };
}

function setup() {
  const store = createStore({ historySize: 10 });
  store.create(NS, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  return store;
}

describe('memory store', () => {
  it('creates with metadata and rejects duplicates and stale updates', () => {
    const store = setup();
    const a = store.create(PODS, pod('a'));
    expect(a.metadata.uid).toMatch(/-/);
    expect(Number(a.metadata.resourceVersion)).toBeGreaterThan(0);
    expect(a.metadata.generation).toBe(1);
    expect(() => store.create(PODS, pod('a'))).toThrow(/pods "a" already exists/);
    const b = store.update(PODS, { ...a, spec: { nodeName: 'n2' } });
    expect(b.metadata.generation).toBe(2);
    expect(() => store.update(PODS, { ...a, spec: { nodeName: 'n3' } })).toThrow(/has been modified/);
    expect(() => store.create(PODS, { ...pod('x'), metadata: { name: 'x', namespace: 'nope' } })).toThrow(
      /namespaces "nope" not found/,
    );
  });

  it('lists with selectors and pages over a snapshot', () => {
    const store = setup();
    for (let i = 0; i < 10; i++)
      store.create(PODS, pod(`p${i}`, { app: i % 2 ? 'odd' : 'even', tier: String(i) }, i < 3 ? 'Pending' : 'Running'));
    expect(store.list(PODS, { labelSelector: 'app=odd' }).items).toHaveLength(5);
    expect(store.list(PODS, { labelSelector: 'app in (odd,even),tier notin (1,2)' }).items).toHaveLength(8);
    expect(store.list(PODS, { labelSelector: '!app' }).items).toHaveLength(0);
    expect(store.list(PODS, { fieldSelector: 'status.phase=Pending' }).items).toHaveLength(3);
    expect(store.list(PODS, { fieldSelector: 'metadata.name!=p1,status.phase=Pending' }).items).toHaveLength(2);
    const first = store.list(PODS, { limit: 4 });
    expect(first.items).toHaveLength(4);
    expect(first.remainingItemCount).toBe(6);
    store.delete(PODS, 'default', 'p9');
    const second = store.list(PODS, { limit: 10, continue: first.continue });
    expect(second.items).toHaveLength(6);
    expect(second.items.at(-1)?.metadata.name).toBe('p9');
    expect(second.continue).toBeUndefined();
  });

  it('watches from a resourceVersion and expires old ones', () => {
    const store = setup();
    const a = store.create(PODS, pod('a'));
    const seen: StoreEvent[] = [];
    const w = store.watch(PODS, { resourceVersion: a.metadata.resourceVersion }, (e) => seen.push(e));
    store.update(PODS, { ...a, metadata: { ...a.metadata, labels: { x: 'y' } } });
    store.delete(PODS, 'default', 'a');
    expect(seen.map((e) => e.type)).toEqual(['MODIFIED', 'DELETED']);
    w.stop();
    for (let i = 0; i < 20; i++) store.create(CM, { metadata: { name: `c${i}` } });
    expect(() => store.watch(PODS, { resourceVersion: a.metadata.resourceVersion }, () => {})).toThrow(/too old/);
    const sel: string[] = [];
    const b = store.create(PODS, pod('b', { app: 'x' }));
    store.watch(PODS, { labelSelector: 'app=x' }, (e) => sel.push(`${e.type}:${e.object.metadata.name}`));
    store.update(PODS, { ...b, metadata: { ...b.metadata, labels: { app: 'y' } } });
    expect(sel).toEqual(['ADDED:b', 'DELETED:b']);
  });

  it('honours finalizers and cascades through owner references', () => {
    const store = setup();
    const d = store.create(DEPLOY, { metadata: { name: 'web' }, spec: { replicas: 1 } });
    const owner = (o: KubeObject) => [
      {
        apiVersion: 'apps/v1',
        kind: o.kind ?? '',
        name: o.metadata.name ?? '',
        uid: o.metadata.uid ?? '',
        controller: true,
      },
    ];
    const rs = store.create(RS, {
      kind: 'ReplicaSet',
      metadata: { name: 'web-1', ownerReferences: owner({ ...d, kind: 'Deployment' }) },
      spec: {},
    });
    store.create(PODS, {
      ...pod('web-1-a'),
      metadata: { name: 'web-1-a', namespace: 'default', ownerReferences: owner(rs) },
    });
    store.create(PODS, { ...pod('keep'), metadata: { name: 'keep', namespace: 'default', finalizers: ['x/y'] } });
    store.delete(DEPLOY, 'default', 'web');
    expect(store.count(RS)).toBe(0);
    expect(store.list(PODS).items.map((p) => p.metadata.name)).toEqual(['keep']);
    const r = store.delete(PODS, 'default', 'keep');
    expect(r.removed).toBe(false);
    expect(r.object.metadata.deletionTimestamp).toBeTruthy();
    const k = store.mustGet(PODS, 'default', 'keep');
    store.update(PODS, { ...k, metadata: { ...k.metadata, finalizers: [] } });
    expect(store.get(PODS, 'default', 'keep')).toBeUndefined();
  });

  it('foreground deletion and namespace termination', () => {
    const store = setup();
    store.create(NS, { metadata: { name: 'team' } });
    const d = store.create(DEPLOY, { metadata: { name: 'web', namespace: 'team' }, spec: {} });
    store.create(RS, {
      metadata: {
        name: 'web-1',
        namespace: 'team',
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: d.metadata.uid ?? '' }],
      },
      spec: {},
    });
    const res = store.delete(DEPLOY, 'team', 'web', { propagationPolicy: 'Foreground' });
    expect(res.removed).toBe(true);
    expect(store.count(RS)).toBe(0);
    store.create(CM, { metadata: { name: 'c', namespace: 'team', finalizers: ['hold'] } });
    store.delete(NS, undefined, 'team');
    expect(store.get(NS, undefined, 'team')?.status).toEqual({ phase: 'Terminating' });
    expect(() => store.create(CM, { metadata: { name: 'd', namespace: 'team' } })).toThrow(/being terminated/);
    const c = store.mustGet(CM, 'team', 'c');
    store.update(CM, { ...c, metadata: { ...c.metadata, finalizers: [] } });
    expect(store.get(NS, undefined, 'team')).toBeUndefined();
  });
});
