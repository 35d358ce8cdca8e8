import { CoreV1Api, KubeConfig, makeInformer, type V1ConfigMap, Watch } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimFixture, startSimFixture, waitFor } from '../testing/sim-fixture.js';

let f: SimFixture;
let kc: KubeConfig;

beforeAll(async () => {
  f = await startSimFixture({ tls: true, controllers: false });
  kc = new KubeConfig();
  kc.loadFromFile(f.kubeconfig);
});

afterAll(async () => {
  await f.close();
});

describe('@kubernetes/client-node against kube-sim', () => {
  it('creates and lists with paging', async () => {
    const api = kc.makeApiClient(CoreV1Api);
    for (let i = 0; i < 5; i++)
      await api.createNamespacedConfigMap({
        namespace: 'default',
        body: { metadata: { name: `cm-${i}`, labels: { batch: 'x' } }, data: { i: String(i) } },
      });
    const page = await api.listNamespacedConfigMap({ namespace: 'default', labelSelector: 'batch=x', limit: 2 });
    expect(page.items.map((c) => c.metadata?.name)).toEqual(['cm-0', 'cm-1']);
    expect(page.metadata?.remainingItemCount).toBe(3);
    const rest = await api.listNamespacedConfigMap({
      namespace: 'default',
      labelSelector: 'batch=x',
      limit: 10,
      _continue: page.metadata?._continue ?? '',
    });
    expect(rest.items.map((c) => c.metadata?.name)).toEqual(['cm-2', 'cm-3', 'cm-4']);
    await expect(
      api.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'cm-0' } } }),
    ).rejects.toMatchObject({ code: 409 });
  });

  it('watches from a resourceVersion', async () => {
    const api = kc.makeApiClient(CoreV1Api);
    const list = await api.listNamespacedConfigMap({ namespace: 'default' });
    const seen: string[] = [];
    const watch = new Watch(kc);
    const req = await watch.watch(
      '/api/v1/namespaces/default/configmaps',
      { resourceVersion: list.metadata?.resourceVersion, allowWatchBookmarks: true },
      (type: string, obj: V1ConfigMap) => {
        seen.push(`${type} ${obj.metadata?.name ?? ''}`);
      },
      () => undefined,
    );
    await api.patchNamespacedConfigMap({
      namespace: 'default',
      name: 'cm-1',
      body: [{ op: 'replace', path: '/data/i', value: 'changed' }],
    });
    await api.deleteNamespacedConfigMap({ namespace: 'default', name: 'cm-2' });
    await waitFor(() => seen.length >= 2);
    req.abort();
    expect(seen).toEqual(['MODIFIED cm-1', 'DELETED cm-2']);
  });

  it('an informer lists, then follows changes', async () => {
    const api = kc.makeApiClient(CoreV1Api);
    const informer = makeInformer(kc, '/api/v1/namespaces/default/configmaps', () =>
      api.listNamespacedConfigMap({ namespace: 'default' }),
    );
    const added: string[] = [];
    const updated: string[] = [];
    informer.on('add', (o: V1ConfigMap) => added.push(o.metadata?.name ?? ''));
    informer.on('update', (o: V1ConfigMap) => updated.push(o.metadata?.name ?? ''));
    await informer.start();
    await waitFor(() => added.includes('cm-4'));
    await api.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'late' } } });
    await api.replaceNamespacedConfigMap({
      namespace: 'default',
      name: 'cm-3',
      body: { metadata: { name: 'cm-3' }, data: { i: 'replaced' } },
    });
    await waitFor(() => added.includes('late') && updated.includes('cm-3'));
    expect(informer.list('default').map((o) => o.metadata?.name)).toContain('late');
    await informer.stop();
  });
});
