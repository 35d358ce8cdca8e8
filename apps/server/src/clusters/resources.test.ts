import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClusterTestServer, startClusterTestServer } from '../test-support/cluster-test-kit.js';

// biome-ignore lint/suspicious/noExplicitAny: test assertions walk arbitrary Kubernetes JSON
type Json = Record<string, any>;

describe('resources API and across clusters', () => {
  let s: ClusterTestServer;
  let east: KubeSim;
  let west: KubeSim;
  let eastId: string;
  let westId: string;
  let admin: string;
  const api = async (path: string, init: RequestInit & { token?: string } = {}) => {
    const res = await s.fetch(path, { token: admin, ...init });
    const text = await res.text();
    let body: Json;
    try {
      body = JSON.parse(text) as Json;
    } catch {
      body = { text };
    }
    return { status: res.status, body };
  };
  const register = async (name: string, sim: KubeSim) =>
    (await api('/api/clusters', { method: 'POST', body: JSON.stringify({ name, kubeconfig: sim.kubeconfig() }) })).body
      .id as string;

  beforeAll(async () => {
    [s, east, west] = await Promise.all([
      startClusterTestServer(),
      startKubeSim({ scenario: 'demo', seed: 1 }),
      startKubeSim({ scenario: 'demo', seed: 2 }),
    ]);
    admin = s.adminToken;
    eastId = await register('east', east);
    westId = await register('west', west);
  });
  afterAll(async () => {
    await Promise.all([s?.stop(), east?.close(), west?.close()]);
  });

  it('creates, reads, patches four ways, replaces and deletes; Kubernetes errors keep their status', async () => {
    const base = `/api/clusters/${eastId}/resources/core/v1/configmaps`;
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'argus-test' }, data: { a: '1' } };
    expect(
      (await api(`${base}?namespace=default&dryRun=true`, { method: 'POST', body: JSON.stringify(cm) })).status,
    ).toBe(200);
    expect((await api(`${base}/argus-test?namespace=default`)).status).toBe(404);
    expect((await api(`${base}?namespace=default`, { method: 'POST', body: JSON.stringify(cm) })).status).toBe(201);
    const dup = await api(`${base}?namespace=default`, { method: 'POST', body: JSON.stringify(cm) });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('ALREADY_EXISTS');
    expect(dup.body.error.message).toContain('already exists');

    const merge = await api(`${base}/argus-test?namespace=default`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/merge-patch+json' },
      body: '{"data":{"b":"2"}}',
    });
    expect(merge.body.data).toEqual({ a: '1', b: '2' });
    const json = await api(`${base}/argus-test?namespace=default`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json-patch+json' },
      body: '[{"op":"remove","path":"/data/a"}]',
    });
    expect(json.body.data).toEqual({ b: '2' });
    const strategic = await api(`${base}/argus-test?namespace=default&patchType=strategic`, {
      method: 'PATCH',
      body: '{"data":{"c":"3"}}',
    });
    expect(strategic.body.data).toEqual({ b: '2', c: '3' });
    const apply = await api(`${base}/argus-test?namespace=default`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/apply-patch+yaml' },
      body: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: argus-test\ndata:\n  d: "4"\n',
    });
    expect(apply.status).toBe(200);
    expect(apply.body.data.d).toBe('4');
    const got = await api(`${base}/argus-test?namespace=default`);
    const replaced = await api(`${base}/argus-test?namespace=default`, {
      method: 'PUT',
      body: JSON.stringify({ ...got.body, data: { only: 'this' } }),
    });
    expect(replaced.body.data).toEqual({ only: 'this' });
    expect((await api(`${base}/argus-test?namespace=default`, { method: 'DELETE' })).status).toBe(200);
    expect((await api(`${base}/argus-test?namespace=default`)).status).toBe(404);
    const unknown = await api(`/api/clusters/${eastId}/resources/example.com/v1/widgets`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'UNKNOWN_KIND' });
    expect(unknown.body.error.message).toContain('widgets');
  });

  it('applies multi-document YAML with dry-run diffs, then for real; bad YAML names line and column; unknown kinds are 404', async () => {
    const yaml = `apiVersion: v1
kind: ConfigMap
metadata:
  name: applied-one
  namespace: default
data:
  colour: blue
---
apiVersion: v1
kind: Namespace
metadata:
  name: argus-applied
`;
    const dry = await api(`/api/clusters/${eastId}/apply?dryRun=true`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/yaml' },
      body: yaml,
    });
    expect(dry.status).toBe(200);
    expect(dry.body.results.map((r: Json) => [r.kind, r.action])).toEqual([
      ['ConfigMap', 'created'],
      ['Namespace', 'created'],
    ]);
    expect(dry.body.results[0].diff).toContain('+  colour: blue');
    expect(
      (await api(`/api/clusters/${eastId}/resources/core/v1/configmaps/applied-one?namespace=default`)).status,
    ).toBe(404);

    const real = await api(`/api/clusters/${eastId}/apply`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/yaml' },
      body: yaml,
    });
    expect(real.body.results.map((r: Json) => r.action)).toEqual(['created', 'created']);
    const again = await api(`/api/clusters/${eastId}/apply?dryRun=true`, {
      method: 'POST',
      body: JSON.stringify({ yaml: yaml.replace('blue', 'green') }),
    });
    expect(again.body.results.map((r: Json) => r.action)).toEqual(['configured', 'unchanged']);
    expect(again.body.results[0].diff).toMatch(/- {2}colour: blue\n\+ {2}colour: green/);
    expect(again.body.results[1].diff).toBe('');

    const bad = await api(`/api/clusters/${eastId}/apply`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/yaml' },
      body: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n   bad: [\n',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_YAML');
    expect(bad.body.error.message).toMatch(/line \d+, column \d+/);
    const unknown = await api(`/api/clusters/${eastId}/apply`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/yaml' },
      body: 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain('Widget');
  });

  it('serves api-resources (CRDs too), events, lists with selectors, pod logs', async () => {
    const res = await api(`/api/clusters/${eastId}/api-resources`);
    expect(res.body.resources.some((r: Json) => r.resource === 'pods' && r.namespaced)).toBe(true);
    expect(
      res.body.resources.some((r: Json) => !['', 'apps', 'batch'].includes(r.group) && r.group.includes('.')),
    ).toBe(true);
    const events = await api(`/api/clusters/${eastId}/events`);
    expect(events.status).toBe(200);
    expect(Array.isArray(events.body.items)).toBe(true);
    const pods = await api(`/api/clusters/${eastId}/resources/core/v1/pods?fieldSelector=status.phase=Running&limit=5`);
    expect(pods.body.source).toBe('cache');
    expect(pods.body.items.length).toBeGreaterThan(0);
    const pod = pods.body.items[0];
    const log = await s.fetch(
      `/api/clusters/${eastId}/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}/logs?tailLines=3`,
      { token: admin },
    );
    expect(log.status).toBe(200);
    expect((await log.text()).trim().split('\n').length).toBeLessThanOrEqual(3);
    const missing = await api(`/api/clusters/${eastId}/namespaces/default/pods/nope/logs`);
    expect(missing.status).toBe(404);
  });

  it('answers lists with only the asked fields (?fields=), from the cache and across clusters, Secrets still redacted', async () => {
    const base = `/api/clusters/${eastId}/resources/core/v1/pods`;
    const whole = await api(base);
    const slim = await api(`${base}?fields=status.phase,spec.containers.name,spec.nodeName`);
    expect(slim.status).toBe(200);
    expect(slim.body.source).toBe('cache');
    expect(slim.body.metadata.resourceVersion).toBe(whole.body.metadata.resourceVersion);
    expect(slim.body.items.length).toBe(whole.body.items.length);
    for (const [i, o] of whole.body.items.entries()) {
      expect(slim.body.items[i]).toEqual({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: o.metadata.name,
          namespace: o.metadata.namespace,
          uid: o.metadata.uid,
          resourceVersion: o.metadata.resourceVersion,
        },
        spec: { nodeName: o.spec.nodeName, containers: o.spec.containers.map((c: Json) => ({ name: c.name })) },
        status: { phase: o.status.phase },
      });
    }
    // Asked again (remembered per object version), paged, and after a change of one object.
    expect((await api(`${base}?fields=spec.nodeName,status.phase,spec.containers.name`)).body).toEqual(slim.body);
    const page = await api(`${base}?fields=status.phase&limit=2`);
    expect(page.body.items).toHaveLength(2);
    expect(page.body.continue).toBeTruthy();
    expect(Object.keys(page.body.items[0]).sort()).toEqual(['apiVersion', 'kind', 'metadata', 'status']);
    const target = whole.body.items[0];
    await api(`${base}/${target.metadata.name}?namespace=${target.metadata.namespace}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/merge-patch+json' },
      body: '{"metadata":{"labels":{"projected":"yes"}}}',
    });
    await expect
      .poll(
        async () =>
          (await api(`${base}?fields=metadata.labels.projected`)).body.items.find(
            (p: Json) => p.metadata.uid === target.metadata.uid,
          )?.metadata.labels,
      )
      .toEqual({ projected: 'yes' });

    // Across clusters: each item projected, then tagged.
    const across = await api('/api/resources/core/v1/pods?fields=status.phase&limit=3');
    expect(across.body.items).toHaveLength(3);
    for (const o of across.body.items) {
      expect(Object.keys(o).sort()).toEqual(['apiVersion', 'cluster', 'kind', 'metadata', 'status']);
      expect(o.cluster.name).toMatch(/^(east|west)$/);
    }

    // The events route (objects read whole, then sorted) projects them too.
    const events = await api(`/api/clusters/${eastId}/events?fields=reason`);
    expect(events.status).toBe(200);
    expect(events.body.items.length).toBeGreaterThan(0);
    for (const e of events.body.items)
      expect(Object.keys(e).sort()).toEqual(['apiVersion', 'kind', 'metadata', 'reason']);

    // A Secret's values stay hidden from a viewer whatever fields are asked for.
    const ns = 'default';
    await api(`/api/clusters/${eastId}/resources/core/v1/secrets?namespace=${ns}`, {
      method: 'POST',
      body: JSON.stringify({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'projected' },
        data: { k: 'c2VjcmV0' },
      }),
    });
    const viewer = await s.addUser('fields-viewer', 'viewer', { cluster_id: eastId, namespace: ns });
    const secrets = await api(
      `/api/clusters/${eastId}/resources/core/v1/secrets?namespace=${ns}&fields=data,stringData`,
      {
        token: viewer,
      },
    );
    expect(secrets.status).toBe(200);
    const secret = secrets.body.items.find((o: Json) => o.metadata.name === 'projected');
    expect(secret).toBeDefined();
    expect(JSON.stringify(secrets.body)).not.toContain('c2VjcmV0');

    const bad = await api(`${base}?fields=${encodeURIComponent('status..phase')}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(bad.body.error.message).toContain('is not a dotted path');
  });

  it('merges lists and searches across clusters, tagged by cluster; a namespace-scoped viewer sees only its namespace', async () => {
    const all = await api('/api/resources/apps/v1/deployments');
    const names = new Set(all.body.items.map((i: Json) => i.cluster.name));
    expect(names).toEqual(new Set(['east', 'west']));
    expect(all.body.errors).toEqual([]);
    // Each item is the object as its cluster's own list serves it, plus the cluster tag.
    const eastList = await api(`/api/clusters/${eastId}/resources/apps/v1/deployments`);
    for (const o of eastList.body.items)
      expect(all.body.items.find((i: Json) => i.cluster.id === eastId && i.metadata.uid === o.metadata.uid)).toEqual({
        ...o,
        cluster: { id: eastId, name: 'east' },
      });
    const withBad = await api(`/api/resources/apps/v1/deployments?clusters=east,nope`);
    expect(withBad.body.errors).toMatchObject([{ cluster: { name: 'nope' }, code: 'NOT_FOUND' }]);
    expect(withBad.body.items.every((i: Json) => i.cluster.name === 'east')).toBe(true);

    const some = all.body.items[0];
    const hits = await api(`/api/search?q=${encodeURIComponent(some.metadata.name.slice(0, 6))}`);
    expect(hits.body.results.some((h: Json) => h.name === some.metadata.name && h.kind === 'Deployment')).toBe(true);
    const both = await api(`/api/search?q=kube-system&kinds=namespaces`);
    expect(new Set(both.body.results.map((h: Json) => h.cluster.name))).toEqual(new Set(['east', 'west']));

    const ns = some.metadata.namespace as string;
    const viewer = await s.addUser('nsviewer', 'viewer', { cluster_id: eastId, namespace: ns });
    const mine = await api(`/api/clusters/${eastId}/resources/core/v1/pods`, { token: viewer });
    expect(mine.status).toBe(200);
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect(mine.body.items.every((p: Json) => p.metadata.namespace === ns)).toBe(true);
    const other = await api(`/api/clusters/${eastId}/resources/core/v1/pods?namespace=kube-system`, { token: viewer });
    expect(other.status).toBe(403);
    const write = await api(`/api/clusters/${eastId}/resources/core/v1/configmaps?namespace=${ns}`, {
      token: viewer,
      method: 'POST',
      body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'nope' } }),
    });
    expect(write.status).toBe(403);
    const across = await api('/api/resources/core/v1/pods', { token: viewer });
    expect(across.body.items.every((p: Json) => p.cluster.id === eastId && p.metadata.namespace === ns)).toBe(true);
    const found = await api('/api/search?q=kube-system', { token: viewer });
    expect(found.body.results).toEqual([]);
    const visible = await api('/api/clusters', { token: viewer });
    expect(visible.body.clusters.map((c: Json) => c.id)).toEqual([eastId]);
    expect(westId).toBeTruthy();
  });

  it('pages a cross-cluster list with continue, in one order across clusters, and refuses a foreign token', async () => {
    const whole = await api('/api/resources/core/v1/pods?sort=-name');
    expect(whole.status).toBe(200);
    const expected = whole.body.items.map((i: Json) => `${i.cluster.name}/${i.metadata.namespace}/${i.metadata.name}`);
    expect(new Set(whole.body.items.map((i: Json) => i.cluster.name))).toEqual(new Set(['east', 'west']));
    const names = whole.body.items.map((i: Json) => i.metadata.name as string);
    expect(names).toEqual([...names].sort((a, b) => b.localeCompare(a)));
    expect(whole.body.total).toBe(expected.length);
    expect(whole.body.continue).toBeUndefined();

    const seen: string[] = [];
    let cont: string | undefined;
    let pages = 0;
    do {
      const page = await api(`/api/resources/core/v1/pods?sort=-name&limit=7${cont ? `&continue=${cont}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(7);
      // The demo's controllers may start or finish a pod (a CronJob's) while we page: the total follows it.
      expect(Math.abs(page.body.total - expected.length)).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((i: Json) => `${i.cluster.name}/${i.metadata.namespace}/${i.metadata.name}`));
      cont = page.body.continue;
      pages++;
    } while (cont && pages < 1000);
    // No repeats, one order, the same set give or take that pod.
    expect(new Set(seen).size).toBe(seen.length);
    const seenNames = seen.map((k) => k.split('/')[2] as string);
    expect(seenNames).toEqual([...seenNames].sort((a, b) => b.localeCompare(a)));
    const moved =
      expected.filter((k: string) => !seen.includes(k)).length + seen.filter((k) => !expected.includes(k)).length;
    expect(moved).toBeLessThanOrEqual(2);
    expect(pages).toBeGreaterThan(2);

    const first = await api('/api/resources/core/v1/pods?sort=-name&limit=7');
    const reused = await api(`/api/resources/core/v1/pods?sort=name&limit=7&continue=${first.body.continue}`);
    expect(reused.status).toBe(400);
    expect(reused.body.error.code).toBe('INVALID_CONTINUE');
    const garbage = await api('/api/resources/core/v1/pods?continue=not-a-token');
    expect(garbage.body.error.code).toBe('INVALID_CONTINUE');
    const badSort = await api('/api/resources/core/v1/pods?sort=color');
    expect(badSort.status).toBe(400);
  });
});
