/**
 * Calico, simulated for what the Calico plugin shows and does (Calico 3.32):
 * - IPPool: the `Allocatable` condition (3.32) follows `.spec.disabled` — False/PoolDisabled while disabled,
 *   True/OK otherwise — so disabling a pool through Argus visibly changes it;
 * - CalicoNodeStatus: calico-node on the named node reports Agent, BGP and Routes every
 *   `updatePeriodSeconds` (0: once) — `status.lastUpdated` stays fresh; a new one is filled with the
 *   node-to-node mesh (every other node an Established peer); seeded peer states are kept. A node that does
 *   not exist gets no status.
 */
import type { KubeObject } from '../store/types.js';
import { CALICO_IPPOOLS, CALICO_NODE_STATUSES } from './calico-refs.js';
import { setCondition } from './operator-conditions.js';
import { type Json, NODES, specOf, statusOf } from './refs.js';
import { writeStatus } from './replicaset.js';
import type { ControllerContext } from './runtime.js';

const stamp = (ms: number) => `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`;
const nameOf = (o: KubeObject) => o.metadata.name as string;

function internalIP(node: KubeObject): string | undefined {
  const addresses = (statusOf(node).addresses as Array<{ type: string; address: string }> | undefined) ?? [];
  return addresses.find((a) => a.type === 'InternalIP')?.address;
}

export function createCalicoControllers(ctx: ControllerContext) {
  const now = () => ctx.clock.now();

  function reconcilePool(pool: KubeObject): void {
    const status: Json = structuredClone(statusOf(pool));
    if (specOf(pool).disabled === true)
      setCondition(status, 'Allocatable', 'False', 'PoolDisabled', 'IP pool is disabled', stamp(now()));
    else setCondition(status, 'Allocatable', 'True', 'OK', 'IP pool is allocatable', stamp(now()));
    if (JSON.stringify(status) !== JSON.stringify(statusOf(pool))) writeStatus(ctx, CALICO_IPPOOLS, pool, status);
  }

  function fresh(nodeName: string, nodes: KubeObject[]): Json {
    const me = nodes.find((n) => nameOf(n) === nodeName);
    const others = nodes.filter((n) => nameOf(n) !== nodeName);
    const since = stamp(now());
    const peers = others.map((n) => ({ peerIP: internalIP(n) ?? '', type: 'NodeMesh', state: 'Established', since }));
    return {
      agent: { birdV4: { state: 'Ready', version: 'v0.3.3+birdv1.6.8', routerID: me ? internalIP(me) : '' } },
      bgp: { numberEstablishedV4: peers.length, numberNotEstablishedV4: 0, peersV4: peers },
      routes: { routesV4: [] },
    };
  }

  function reconcileNodeStatus(s: KubeObject): void {
    const spec = specOf(s);
    const node = String(spec.node ?? '');
    const nodes = ctx.store.list(NODES).items as KubeObject[];
    if (!nodes.some((n) => nameOf(n) === node)) return;
    const period = typeof spec.updatePeriodSeconds === 'number' ? spec.updatePeriodSeconds * 1000 : 10_000;
    const status = statusOf(s);
    const last = Date.parse(String(status.lastUpdated ?? ''));
    if (Number.isFinite(last)) {
      if (period === 0) return;
      if (last + period > now()) {
        ctx.at(last + period, CALICO_NODE_STATUSES, undefined, nameOf(s));
        return;
      }
    }
    const base = status.bgp ? status : { ...status, ...fresh(node, nodes) };
    writeStatus(ctx, CALICO_NODE_STATUSES, s, { ...base, lastUpdated: stamp(now()) });
    if (period > 0) ctx.at(now() + period, CALICO_NODE_STATUSES, undefined, nameOf(s));
  }

  return { reconcilePool, reconcileNodeStatus };
}
