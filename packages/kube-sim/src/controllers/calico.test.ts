/** kube-sim's Calico: IP pools' Allocatable follows `disabled`; calico-node fills in and refreshes CalicoNodeStatus. */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../store/types.js';
import { CALICO_IPPOOLS, CALICO_NODE_STATUSES } from './calico-refs.js';
import { createHarness } from './controllers-test-helpers.js';
import { cond, type J, status } from './operators-test-helpers.js';

const pool = (disabled: boolean) => ({
  apiVersion: 'projectcalico.org/v3',
  kind: 'IPPool',
  metadata: { name: 'pool' },
  spec: { cidr: '10.244.0.0/16', blockSize: 26, disabled },
});

describe('kube-sim Calico', () => {
  it('keeps an IP pool’s Allocatable condition in step with spec.disabled', () => {
    const h = createHarness();
    h.store.create(CALICO_IPPOOLS, pool(false));
    h.run(1000);
    const get = () => h.store.get(CALICO_IPPOOLS, undefined, 'pool');
    expect(cond(get(), 'Allocatable')).toMatchObject({ status: 'True', reason: 'OK' });
    const next = structuredClone(get()) as J;
    next.spec.disabled = true;
    h.store.update(CALICO_IPPOOLS, next as KubeObject);
    h.run(1000);
    expect(cond(get(), 'Allocatable')).toMatchObject({
      status: 'False',
      reason: 'PoolDisabled',
      message: 'IP pool is disabled',
    });
  });

  it('fills in a new CalicoNodeStatus with the node mesh and refreshes it every update period', () => {
    const h = createHarness(3);
    h.store.create(CALICO_NODE_STATUSES, {
      apiVersion: 'projectcalico.org/v3',
      kind: 'CalicoNodeStatus',
      metadata: { name: 'node-1-status' },
      spec: { node: 'node-1', classes: ['Agent', 'BGP', 'Routes'], updatePeriodSeconds: 10 },
    });
    h.run(100);
    const get = () => status(h.store.get(CALICO_NODE_STATUSES, undefined, 'node-1-status'));
    expect(get().agent.birdV4).toMatchObject({ state: 'Ready', routerID: '172.18.0.2' });
    expect(get().bgp).toMatchObject({ numberEstablishedV4: 2, numberNotEstablishedV4: 0 });
    expect(get().bgp.peersV4.map((p: J) => [p.peerIP, p.state])).toEqual([
      ['172.18.0.3', 'Established'],
      ['172.18.0.4', 'Established'],
    ]);
    const first = Date.parse(get().lastUpdated);
    h.run(25_000);
    expect(Date.parse(get().lastUpdated) - first).toBeGreaterThanOrEqual(20_000);
  });

  it('reports nothing for a node that does not exist', () => {
    const h = createHarness(1);
    h.store.create(CALICO_NODE_STATUSES, {
      apiVersion: 'projectcalico.org/v3',
      kind: 'CalicoNodeStatus',
      metadata: { name: 'ghost-status' },
      spec: { node: 'ghost', updatePeriodSeconds: 10 },
    });
    h.run(30_000);
    expect(h.store.get(CALICO_NODE_STATUSES, undefined, 'ghost-status')?.status).toBeUndefined();
  });
});
