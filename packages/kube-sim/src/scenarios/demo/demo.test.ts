import { describe, expect, it } from 'vitest';
import { decodeHelmRelease } from '../helm-release.js';
import { checkScenario } from '../scenario-invariants.js';
import { buildDemoScenario } from './index.js';

describe('demo scenario', () => {
  const s = buildDemoScenario({ seed: 42 });

  it('is deterministic for a seed', () => {
    expect(JSON.stringify(buildDemoScenario({ seed: 42 }))).toBe(JSON.stringify(s));
    expect(JSON.stringify(buildDemoScenario({ seed: 43 }))).not.toBe(JSON.stringify(s));
  });

  it('is referentially sound (names, namespaces, owners, CRDs, order)', () => {
    expect(checkScenario(s)).toEqual([]);
  });

  it('prints counts per kind', () => {
    const counts: Record<string, number> = {};
    for (const o of [...s.crds, ...s.objects])
      counts[`${o.kind} (${o.apiVersion})`] = (counts[`${o.kind} (${o.apiVersion})`] ?? 0) + 1;
    console.log(
      `demo: ${s.crds.length} CRDs, ${s.objects.length} objects\n${Object.entries(counts)
        .sort()
        .map(([k, v]) => `  ${k}: ${v}`)
        .join('\n')}`,
    );
    expect(s.objects.filter((o) => o.kind === 'Node')).toHaveLength(3);
  });

  it('has the pods a dashboard needs to show', () => {
    const pods = s.objects.filter((o) => o.kind === 'Pod');
    const waiting = (p: (typeof pods)[number]) => JSON.stringify(p.status?.containerStatuses ?? '');
    expect(pods.some((p) => waiting(p).includes('CrashLoopBackOff'))).toBe(true);
    expect(pods.some((p) => p.status?.phase === 'Pending' && !p.spec?.nodeName)).toBe(true);
    for (const p of pods) {
      expect(p.status?.qosClass).toBeTruthy();
      if (p.spec?.nodeName) expect(p.status?.hostIP).toBeTruthy();
    }
    const events = s.objects.filter((o) => o.kind === 'Event');
    expect(events.some((e) => e.type === 'Warning')).toBe(true);
  });

  it('labels operator children as operators.md says', () => {
    const find = (kind: string, ns: string, name: string) =>
      s.objects.find((o) => o.kind === kind && o.metadata.namespace === ns && o.metadata.name === name);
    expect(find('Pod', 'payments', 'pg-main-1')?.metadata.labels?.['cnpg.io/instanceRole']).toBe('primary');
    expect(find('PersistentVolumeClaim', 'payments', 'pg-main-2-wal')).toBeTruthy();
    expect(find('Service', 'payments', 'pg-main-rw')).toBeTruthy();
    expect(find('Pod', 'shop', 'mariadb-repl-0')?.metadata.labels?.['app.kubernetes.io/instance']).toBe('mariadb-repl');
    expect(find('PersistentVolumeClaim', 'shop', 'storage-mariadb-repl-0')).toBeTruthy();
    expect(
      find('HorizontalPodAutoscaler', 'shop', 'keda-hpa-orders-consumer')?.metadata.labels?.[
        'scaledobject.keda.sh/name'
      ],
    ).toBe('orders-consumer');
    expect(find('Service', 'monitoring', 'prometheus-operated')?.metadata.labels?.['operated-prometheus']).toBe('true');
    const reviews = s.objects
      .filter((o) => o.kind === 'Pod' && o.metadata.labels?.app === 'reviews')
      .map((p) => p.metadata.labels?.version);
    expect(reviews.sort()).toEqual(['v1', 'v2']);
    const sc = s.objects.find((o) => o.kind === 'StorageClass' && o.metadata.name === 'rook-ceph-block');
    expect(sc?.provisioner).toBe('rook-ceph.rbd.csi.ceph.com');
  });

  it('stores Helm releases as Helm does, matching the live objects', () => {
    const secrets = s.objects.filter((o) => o.kind === 'Secret' && o.type === 'helm.sh/release.v1');
    expect(secrets.map((x) => x.metadata.name).sort()).toEqual([
      'sh.helm.release.v1.checkout.v1',
      'sh.helm.release.v1.checkout.v2',
      'sh.helm.release.v1.checkout.v3',
      'sh.helm.release.v1.grafana.v1',
      'sh.helm.release.v1.report-exporter.v1',
      'sh.helm.release.v1.report-exporter.v2',
    ]);
    for (const secret of secrets) {
      const rel = decodeHelmRelease((secret.data as { release: string }).release);
      const l = secret.metadata.labels ?? {};
      expect(l.owner).toBe('helm');
      expect(l.name).toBe(rel.name);
      expect(l.status).toBe(rel.info.status);
      expect(l.version).toBe(String(rel.version));
      expect(secret.metadata.name).toBe(`sh.helm.release.v1.${rel.name}.v${rel.version}`);
      if (rel.info.status === 'deployed') {
        for (const doc of rel.manifest.split('\n---\n')) {
          const kind = /^kind: (\S+)$/m.exec(doc)?.[1];
          const name = /^ {2}name: (\S+)$/m.exec(doc)?.[1];
          const live = s.objects.find(
            (o) => o.kind === kind && o.metadata.name === name && o.metadata.namespace === rel.namespace,
          );
          expect(live, `${kind}/${name}`).toBeTruthy();
          expect(live?.metadata.labels?.['app.kubernetes.io/managed-by']).toBe('Helm');
          expect(live?.metadata.annotations?.['meta.helm.sh/release-name']).toBe(rel.name);
        }
      }
    }
    const statuses = secrets.map((x) => `${x.metadata.labels?.name}:${x.metadata.labels?.status}`).sort();
    expect(statuses).toContain('checkout:superseded');
    expect(statuses).toContain('report-exporter:failed');
  });
});
