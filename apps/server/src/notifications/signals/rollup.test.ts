import { describe, expect, it } from 'vitest';
import { labelFingerprint, severityOf } from '../alerts/alertmanager.js';
import { fingerprintOf, linkOf, type OwnerRef, refKey, rollUp, type Subject } from './rollup.js';

const owners: Record<string, OwnerRef[]> = {
  'ReplicaSet/shop/web-5d8f': [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', controller: true }],
  'ReplicaSet/shop/bare-1': [],
  'Job/ops/nightly-1': [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'nightly', controller: true }],
};
const lookup = { owners: (kind: string, ns: string, name: string) => owners[`${kind}/${ns}/${name}`] };
const pod = (namespace: string, owner?: OwnerRef): Subject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  resource: 'pods',
  namespace,
  name: 'p-1',
  ownerReferences: owner ? [owner] : [],
});
const ctrl = (apiVersion: string, kind: string, name: string): OwnerRef => ({
  apiVersion,
  kind,
  name,
  controller: true,
});

describe('roll-up to the owning workload', () => {
  it.each([
    ['pod → ReplicaSet → Deployment', pod('shop', ctrl('apps/v1', 'ReplicaSet', 'web-5d8f')), 'Deployment web'],
    ['a ReplicaSet without a Deployment', pod('shop', ctrl('apps/v1', 'ReplicaSet', 'bare-1')), 'ReplicaSet bare-1'],
    ['a ReplicaSet not (yet) in the cache', pod('shop', ctrl('apps/v1', 'ReplicaSet', 'gone')), 'ReplicaSet gone'],
    ['StatefulSet', pod('db', ctrl('apps/v1', 'StatefulSet', 'pg')), 'StatefulSet pg'],
    ['DaemonSet', pod('kube-system', ctrl('apps/v1', 'DaemonSet', 'calico-node')), 'DaemonSet calico-node'],
    ['pod → Job → CronJob', pod('ops', ctrl('batch/v1', 'Job', 'nightly-1')), 'CronJob nightly'],
    ['a bare pod', pod('shop'), 'Pod p-1'],
    [
      'a pod owned by something else (a CNPG Cluster)',
      pod('db', ctrl('postgresql.cnpg.io/v1', 'Cluster', 'pg')),
      'Pod p-1',
    ],
    [
      'a non-controller owner is not followed',
      pod('shop', { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d8f' }),
      'Pod p-1',
    ],
  ])('%s', (_name, subject, expected) => {
    const ref = rollUp('c1', subject, lookup);
    expect(`${ref.kind} ${ref.name}`).toBe(expected);
    expect(ref.namespace).toBe(subject.namespace);
  });

  it('gives the workload its API group, version and plural', () => {
    expect(rollUp('c1', pod('shop', ctrl('apps/v1', 'ReplicaSet', 'web-5d8f')), lookup)).toEqual({
      cluster_id: 'c1',
      group: 'apps',
      version: 'v1',
      kind: 'Deployment',
      resource: 'deployments',
      namespace: 'shop',
      name: 'web',
    });
  });

  it('fingerprints are stable and differ by type and object; links follow the UI routes', () => {
    const web = rollUp('c1', pod('shop', ctrl('apps/v1', 'ReplicaSet', 'web-5d8f')), lookup);
    const fp = fingerprintOf('cluster', 'CrashLoopBackOff', refKey(web));
    expect(fp).toBe(fingerprintOf('cluster', 'CrashLoopBackOff', refKey({ ...web })));
    expect(fp).not.toBe(fingerprintOf('cluster', 'OOMKilled', refKey(web)));
    expect(fp).not.toBe(fingerprintOf('cluster', 'CrashLoopBackOff', refKey({ ...web, name: 'api' })));
    expect(linkOf(web)).toBe('/clusters/c1/deployments/shop/web');
    expect(
      linkOf({ cluster_id: 'c1', group: '', version: 'v1', kind: 'Node', resource: 'nodes', name: 'node-1' }),
    ).toBe('/clusters/c1/nodes/_/node-1');
    expect(
      linkOf({
        cluster_id: 'c1',
        group: 'postgresql.cnpg.io',
        version: 'v1',
        kind: 'Cluster',
        resource: 'clusters',
        namespace: 'db',
        name: 'pg',
      }),
    ).toBe('/clusters/c1/postgresql.cnpg.io~v1~clusters/db/pg');
  });
});

describe('Alertmanager labels', () => {
  it.each([
    ['critical', 'critical'],
    ['Error', 'critical'],
    ['page', 'critical'],
    ['warning', 'warning'],
    ['info', 'info'],
    ['none', 'info'],
    [undefined, 'info'],
  ])('severity %s → %s', (label, severity) => {
    expect(severityOf(label)).toBe(severity);
  });

  it('fingerprints a label set, whatever the order of its labels', () => {
    expect(labelFingerprint({ alertname: 'A', namespace: 'x' })).toBe(
      labelFingerprint({ namespace: 'x', alertname: 'A' }),
    );
    expect(labelFingerprint({ alertname: 'A', namespace: 'x' })).not.toBe(
      labelFingerprint({ alertname: 'A', namespace: 'y' }),
    );
  });
});
