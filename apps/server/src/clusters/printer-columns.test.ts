import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PrinterColumn } from '@argus/contracts';
import { jsonPathValues, printerCell } from '@argus/contracts/printer-columns';
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { createKubectl } from '@argus/kube-sim/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClusterTestServer, startClusterTestServer } from '../test-support/cluster-test-kit.js';
import { printerColumnsOf } from './printer-columns.js';

// biome-ignore lint/suspicious/noExplicitAny: Kubernetes JSON
type Json = Record<string, any>;

describe('printerColumnsOf', () => {
  it('takes each served version’s columns, typed, with priority; skips unserved versions and bad entries', () => {
    const index = printerColumnsOf([
      {
        spec: {
          group: 'example.com',
          names: { plural: 'widgets' },
          versions: [
            {
              name: 'v1',
              served: true,
              additionalPrinterColumns: [
                { name: 'Size', type: 'integer', jsonPath: '.spec.size' },
                { name: 'Detail', type: 'string', jsonPath: '.status.detail', priority: 1, description: 'why' },
                { name: 'Odd', type: 'quaternion', jsonPath: '.spec.q' },
                { name: 'Broken' },
              ],
            },
            { name: 'v1beta1', served: false, additionalPrinterColumns: [{ name: 'X', jsonPath: '.x' }] },
            { name: 'v1alpha1', served: true },
          ],
        },
      },
      { spec: { names: { plural: 'nogroup' } } },
    ]);
    expect([...index.keys()]).toEqual(['example.com/v1/widgets']);
    expect(index.get('example.com/v1/widgets')).toEqual([
      { name: 'Size', type: 'integer', json_path: '.spec.size', priority: 0 },
      { name: 'Detail', type: 'string', json_path: '.status.detail', priority: 1, description: 'why' },
      { name: 'Odd', type: 'string', json_path: '.spec.q', priority: 0 },
    ]);
  });
});

describe('GET /api/clusters/{id}/api-resources: printer_columns', () => {
  let s: ClusterTestServer;
  let sim: KubeSim;
  let id: string;
  beforeAll(async () => {
    [s, sim] = await Promise.all([startClusterTestServer(), startKubeSim({ scenario: 'demo', seed: 1 })]);
    const res = await s.fetch('/api/clusters', {
      method: 'POST',
      token: s.adminToken,
      body: JSON.stringify({ name: 'sim', kubeconfig: sim.kubeconfig() }),
    });
    id = ((await res.json()) as { id: string }).id;
  });
  afterAll(async () => {
    await Promise.all([s?.stop(), sim?.close()]);
  });

  it('carries each CRD version’s columns (KEDA ScaledObject: kubectl’s), none for built-ins', async () => {
    const res = await s.fetch(`/api/clusters/${id}/api-resources`, { token: s.adminToken });
    expect(res.status).toBe(200);
    const { resources } = (await res.json()) as { resources: Json[] };
    const so = resources.find((r) => r.group === 'keda.sh' && r.resource === 'scaledobjects');
    expect(so?.printer_columns.map((c: Json) => c.name)).toEqual([
      'ScaleTargetKind',
      'ScaleTargetName',
      'Min',
      'Max',
      'Ready',
      'Active',
      'Fallback',
      'Paused',
      'Triggers',
      'Authentications',
      'Age',
    ]);
    expect(so?.printer_columns.find((c: Json) => c.name === 'Ready')).toEqual({
      name: 'Ready',
      type: 'string',
      json_path: '.status.conditions[?(@.type=="Ready")].status',
      priority: 0,
    });
    expect(resources.find((r) => r.group === '' && r.resource === 'pods')?.printer_columns).toBeUndefined();
    // The demo's custom kinds, several served in more than one version.
    const custom = resources.filter((r) => r.group.includes('.') && !r.group.endsWith('.k8s.io'));
    expect(new Set(custom.map((r) => `${r.group}/${r.resource}`)).size).toBeGreaterThan(40);
  });

  it('follows a change of a CRD’s columns (read from the CRDs’ watch cache)', async () => {
    const crdPath = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/scaledobjects.keda.sh';
    const auth = { authorization: `Bearer ${sim.tokens.admin}` };
    const crd = (await (await fetch(sim.url + crdPath, { headers: auth })).json()) as Json;
    const version = crd.spec.versions[0];
    version.additionalPrinterColumns = [
      ...version.additionalPrinterColumns,
      { name: 'Cooldown', type: 'integer', jsonPath: '.spec.cooldownPeriod', priority: 1 },
    ];
    const put = await fetch(sim.url + crdPath, {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify(crd),
    });
    expect(put.status).toBe(200);
    const columns = async () => {
      const res = await s.fetch(`/api/clusters/${id}/api-resources`, { token: s.adminToken });
      const { resources } = (await res.json()) as { resources: Json[] };
      return resources.find((r) => r.group === 'keda.sh' && r.resource === 'scaledobjects')?.printer_columns as Json[];
    };
    await expect
      .poll(async () => (await columns()).at(-1), { timeout: 10_000 })
      .toEqual({
        name: 'Cooldown',
        type: 'integer',
        json_path: '.spec.cooldownPeriod',
        priority: 1,
      });
  });
});

/** kubectl's table as rows of cells, cut at the header's column starts (empty cells stay empty). */
function parseTable(text: string): Array<Record<string, string>> {
  const [header, ...lines] = text.split('\n').filter((l) => l.trim() !== '');
  if (!header) return [];
  const starts = [...header.matchAll(/\S+(?: \S+)*/g)].map((m) => ({ name: m[0], at: m.index ?? 0 }));
  return lines.map((line) =>
    Object.fromEntries(starts.map((s, i) => [s.name, line.slice(s.at, starts[i + 1]?.at ?? line.length).trim()])),
  );
}

// What the web UI shows for a CRD column (printerCell on the JSONPath's values) is what the real
// `kubectl get <kind> -A` prints, for every demo kind with columns and objects (dates, which are ages, aside).
describe('printer columns evaluated as kubectl shows them', () => {
  let sim: KubeSim;
  let dir: string;
  const get = async (path: string): Promise<Json> => {
    const res = await fetch(sim.url + path, { headers: { authorization: `Bearer ${sim.tokens.admin}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as Json;
  };
  beforeAll(async () => {
    sim = await startKubeSim({ scenario: 'demo', seed: 1 });
    dir = mkdtempSync(join(tmpdir(), 'argus-crd-cols-'));
    sim.writeKubeconfig(join(dir, 'kubeconfig'));
  });
  afterAll(async () => {
    await sim?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('KEDA ScaledObjects cell for cell, and every other demo kind', async () => {
    const kubectl = createKubectl(join(dir, 'kubeconfig'));
    const crds = (await get('/apis/apiextensions.k8s.io/v1/customresourcedefinitions')).items as Json[];
    const index = printerColumnsOf(crds);
    const compared = new Map<string, number>();
    for (const crd of crds) {
      const { group, names } = crd.spec as Json;
      const version = (crd.spec.versions as Json[]).find((v) => v.served !== false && v.storage)?.name as string;
      const cols = (index.get(`${group}/${version}/${names.plural}`) ?? []).filter(
        (c: PrinterColumn) => c.priority === 0 && c.type !== 'date',
      );
      if (!cols.length) continue;
      const list = await get(`/apis/${group}/${version}/${names.plural}`);
      if (!list.items.length) continue;
      const out = await kubectl.run(['get', `${names.plural}.${version}.${group}`, '-A']);
      expect(out.code, out.stderr).toBe(0);
      const rows = parseTable(out.stdout);
      expect(rows.length).toBe(list.items.length);
      const namespaced = crd.spec.scope === 'Namespaced';
      for (const row of rows) {
        const obj = (list.items as Json[]).find(
          (o) => o.metadata.name === row.NAME && (!namespaced || o.metadata.namespace === row.NAMESPACE),
        );
        expect(obj, `${names.plural} ${JSON.stringify(row)}`).toBeDefined();
        for (const c of cols) {
          const cell = printerCell(c, jsonPathValues(obj, c.json_path));
          expect(cell === null ? '' : String(cell), `${names.plural} ${row.NAME} ${c.name}`).toBe(
            row[c.name.toUpperCase()],
          );
          compared.set(names.plural, (compared.get(names.plural) ?? 0) + 1);
        }
      }
    }
    expect(compared.get('scaledobjects')).toBeGreaterThanOrEqual(3 * 8);
    expect([...compared.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(50);
  });
});
