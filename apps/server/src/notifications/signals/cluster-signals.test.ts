/**
 * One cluster's signals on kube-sim objects written as a test needs them (no controllers): pods roll up to
 * their Deployment through their ReplicaSet, Jobs to their CronJob, and a NotReady node mutes the alerts of
 * workloads whose failing pods all run on it — until it is Ready again.
 */
import { randomBytes } from 'node:crypto';
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClusterModule, createClusterModule } from '../../clusters/cluster-module.js';
import { configFrom } from '../../config/load-config.js';
import { createSecretBox, parseKeyring } from '../../secrets/secret-box.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { type Candidate, type ClusterSignals, createClusterSignals } from './cluster-signals.js';

const logger = pino({ level: 'silent' });
const ref = (group: string, resource: string, kind: string, namespaced = true) => ({
  group,
  version: 'v1',
  resource,
  kind,
  namespaced,
});
const PODS = ref('', 'pods', 'Pod');
const NODES = ref('', 'nodes', 'Node', false);
const RS = ref('apps', 'replicasets', 'ReplicaSet');
const DEPLOYMENTS = ref('apps', 'deployments', 'Deployment');
const JOBS = ref('batch', 'jobs', 'Job');
const CRONJOBS = ref('batch', 'cronjobs', 'CronJob');

let sim: KubeSim;
let t: TestDatabase;
let module: ClusterModule;
let signals: ClusterSignals;

const owner = (apiVersion: string, kind: string, name: string) => [
  { apiVersion, kind, name, uid: `uid-${name}`, controller: true },
];
const node = (name: string, ready: 'True' | 'False' | 'Unknown') => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name },
  spec: {},
  status: {
    conditions: [{ type: 'Ready', status: ready, reason: ready === 'True' ? 'KubeletReady' : 'NodeStatusUnknown' }],
  },
});
const crashing = (name: string, rs: string, nodeName: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', ownerReferences: owner('apps/v1', 'ReplicaSet', rs) },
  spec: { nodeName, containers: [{ name: 'app', image: 'app:1' }] },
  status: {
    phase: 'Running',
    containerStatuses: [{ name: 'app', restartCount: 5, state: { waiting: { reason: 'CrashLoopBackOff' } } }],
  },
});

beforeAll(async () => {
  sim = await startKubeSim({ tls: false, scenario: 'empty', controllers: false });
  const store = sim.store;
  store.create(NODES, node('node-2', 'Unknown'));
  for (const d of ['api', 'db']) {
    store.create(DEPLOYMENTS, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: d, namespace: 'default' },
      spec: { selector: { matchLabels: { app: d } }, template: { metadata: { labels: { app: d } }, spec: {} } },
    });
    store.create(RS, {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: `${d}-7f9c`, namespace: 'default', ownerReferences: owner('apps/v1', 'Deployment', d) },
      spec: { selector: { matchLabels: { app: d } } },
    });
  }
  // api: pods on a Ready and a NotReady node; db: its only failing pods are on the NotReady node.
  store.create(PODS, crashing('api-7f9c-a', 'api-7f9c', 'node-1'));
  store.create(PODS, crashing('api-7f9c-b', 'api-7f9c', 'node-1'));
  store.create(PODS, crashing('api-7f9c-c', 'api-7f9c', 'node-2'));
  store.create(PODS, crashing('db-7f9c-a', 'db-7f9c', 'node-2'));
  store.create(CRONJOBS, {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'nightly', namespace: 'default' },
    spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: { spec: {} } } } },
  });
  store.create(JOBS, {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: 'nightly-29000000',
      namespace: 'default',
      ownerReferences: owner('batch/v1', 'CronJob', 'nightly'),
    },
    spec: { template: { spec: {} } },
    status: { conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' }] },
  });

  t = await createTestDatabase('pglite');
  module = createClusterModule({
    config: configFrom({ ARGUS_DEMO: 'false', LOG_LEVEL: 'silent' }),
    db: t.db,
    secrets: createSecretBox(parseKeyring(randomBytes(32).toString('hex'))),
    logger,
  });
  const { id } = await module.clusters.register({ name: 'sim', kubeconfig: sim.kubeconfig() });
  signals = createClusterSignals({
    clusterId: id,
    caches: module.caches,
    discovery: module.discovery,
    logger,
    certExpiryMs: 14 * 86_400_000,
    recentMs: 15 * 60_000,
    resyncMs: 60_000,
  });
  const end = Date.now() + 60_000;
  while (!signals.ready() && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
}, 120_000);
afterAll(async () => {
  signals?.stop();
  await module?.close();
  await t?.drop();
  await sim?.close();
});

const view = (c: Candidate) => ({
  type: c.type,
  about: `${c.ref.kind} ${c.ref.namespace ?? ''}/${c.ref.name}`,
  count: c.count,
  inhibited: c.inhibited,
});
const byAbout = () =>
  [...signals.candidates().values()]
    .map(view)
    .sort((a, b) => `${a.type}${a.about}`.localeCompare(`${b.type}${b.about}`));

describe('cluster signals', () => {
  it('rolls pods up to their Deployment and Jobs to their CronJob; a NotReady node mutes its pods’ alerts', () => {
    expect(signals.ready()).toBe(true);
    expect(byAbout()).toEqual([
      { type: 'CrashLoopBackOff', about: 'Deployment default/api', count: 3, inhibited: false },
      { type: 'CrashLoopBackOff', about: 'Deployment default/db', count: 1, inhibited: true },
      { type: 'JobFailed', about: 'CronJob default/nightly', count: 1, inhibited: false },
      { type: 'NodeNotReady', about: 'Node /node-2', count: 1, inhibited: false },
    ]);
  });

  it('follows changes: the node recovers, a pod is fixed', async () => {
    const n = sim.store.mustGet(NODES, undefined, 'node-2');
    sim.store.update(NODES, { ...n, status: node('node-2', 'True').status });
    const pod = sim.store.mustGet(PODS, 'default', 'api-7f9c-a');
    sim.store.update(PODS, {
      ...pod,
      status: { phase: 'Running', containerStatuses: [{ name: 'app', restartCount: 5, state: { running: {} } }] },
    });
    const end = Date.now() + 30_000;
    let now = byAbout();
    while (Date.now() < end && now.some((c) => c.type === 'NodeNotReady' || c.count === 3)) {
      await new Promise((r) => setTimeout(r, 100));
      now = byAbout();
    }
    expect(now).toEqual([
      { type: 'CrashLoopBackOff', about: 'Deployment default/api', count: 2, inhibited: false },
      { type: 'CrashLoopBackOff', about: 'Deployment default/db', count: 1, inhibited: false },
      { type: 'JobFailed', about: 'CronJob default/nightly', count: 1, inhibited: false },
    ]);
  });
});
