import { createStore } from '../store/index.js';
import type { KubeObject, ObjectStore } from '../store/types.js';
import { createManualClock, type ManualClock } from './clock.js';
import { type Controllers, createControllers } from './controllers.js';
import { NODES, PODS } from './refs.js';

export interface Harness {
  store: ObjectStore;
  clock: ManualClock;
  controllers: Controllers;
  /** advance the simulated clock by `ms`, running every timer due on the way */
  run(ms: number): void;
  pods(namespace?: string, labelSelector?: string): KubeObject[];
}

let uidCounter = 0;

export function createHarness(nodes = 3): Harness {
  const clock = createManualClock('2025-03-01T12:00:00Z');
  const store = createStore({ now: () => new Date(clock.now()), uid: () => `uid-${++uidCounter}` });
  store.create(
    { group: '', version: 'v1', resource: 'namespaces', kind: 'Namespace', namespaced: false },
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'default' },
    },
  );
  for (let i = 0; i < nodes; i++) {
    store.create(NODES, {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: `node-${i + 1}`, labels: { 'kubernetes.io/hostname': `node-${i + 1}` } },
      spec: { podCIDR: `10.244.${i + 1}.0/24` },
      status: {
        conditions: [{ type: 'Ready', status: 'True' }],
        addresses: [{ type: 'InternalIP', address: `172.18.0.${i + 2}` }],
      },
    });
  }
  const controllers = createControllers({ store, clock, timings: { startMs: 1000, jobRunMs: 3000 } });
  controllers.tick(); // subscribes without a real-time timer: tests drive time with run()
  return {
    store,
    clock,
    controllers,
    run(ms) {
      controllers.settle(clock.now() + ms);
    },
    pods(namespace = 'default', labelSelector) {
      return store.list(PODS, { namespace, ...(labelSelector ? { labelSelector } : {}) }).items;
    },
  };
}

export function deployment(name: string, replicas: number, image = 'nginx:1.27'): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'web', image, ports: [{ containerPort: 80 }] }] },
      },
    },
  };
}
