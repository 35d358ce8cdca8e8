/**
 * Calico health by the reference's rules (../shared/reference/operators.md §5):
 * - Policies have no status: Enforced or Staged, with a warning (Degraded) when the selector matches no
 *   endpoint, the tier is missing, or `order` is unset (evaluated last in its tier); a selector that does not
 *   parse is Failed (Calico would refuse it).
 * - IPPool: `disabled` → Paused (before anything else); `Allocatable=False` → Degraded; more than 90% of its
 *   blocks claimed → Degraded.
 * - TigeraStatus: `Degraded=True` → Failed; `Progressing=True` → Progressing; `Available=True` → Healthy.
 * - CalicoNodeStatus: a BGP peer not `Established` → Degraded.
 * Rules taking a context judge the object alone when it is absent (the toolkit's loader failed).
 */
import type { Health, HealthStatus } from '@argus/plugin-sdk';
import { type PoolUsage, poolUsage } from './ipam.js';
import { type Endpoint, type PolicyEntry, selectorError, selects } from './policies.js';
import type { BGPPeer, CalicoNodeStatus, HostEndpoint, IPAMBlock, IPPool, OperatorCondition } from './types.js';

const h = (status: HealthStatus, reason: string): Health => ({ status, reason });

export interface PolicyContext {
  /** The tiers that exist. */
  tiers: ReadonlySet<string>;
  /** Every endpoint Calico could apply the policy to (pods and host endpoints). */
  endpoints: readonly Endpoint[];
}

/** How many endpoints the policy selects (for the "selects nothing" warning and the tables). */
export function selectedCount(p: PolicyEntry, endpoints: readonly Endpoint[]): number {
  let n = 0;
  for (const e of endpoints) if (selects(p, e)) n++;
  return n;
}

export function policyHealth(p: PolicyEntry, ctx?: PolicyContext): Health {
  const bad = selectorError(p);
  if (bad) return h('Failed', `Invalid ${bad}`);
  const state = p.staged
    ? p.stagedAction === 'Delete'
      ? 'Staged (Delete): not enforced'
      : 'Staged: not enforced'
    : 'Enforced';
  const warnings: string[] = [];
  if (ctx && !ctx.tiers.has(p.tier)) warnings.push(`tier "${p.tier}" does not exist`);
  if (ctx && p.stagedAction !== 'Delete' && selectedCount(p, ctx.endpoints) === 0)
    warnings.push('the selector matches no endpoint');
  if (p.order === null) warnings.push(`no order: evaluated last in tier "${p.tier}"`);
  if (warnings.length) return h('Degraded', `${state}; ${warnings.join('; ')}`);
  return h('Healthy', state);
}

export interface IPPoolContext {
  blocks: readonly IPAMBlock[];
}

export const BLOCK_USAGE_LIMIT = 90;

const condition = (o: { status?: unknown }, type: string): OperatorCondition | undefined => {
  const list = (o.status as { conditions?: OperatorCondition[] } | undefined)?.conditions;
  return Array.isArray(list) ? list.find((c) => c?.type === type) : undefined;
};

export function ipPoolHealth(pool: IPPool, ctx?: IPPoolContext): Health {
  // Disabled takes precedence: such a pool also reports Allocatable=False (reason PoolDisabled).
  if (pool.spec?.disabled)
    return h('Paused', 'Disabled: no new addresses are allocated from it (existing ones are kept)');
  const allocatable = condition(pool, 'Allocatable');
  if (allocatable?.status === 'False')
    return h('Degraded', `Not allocatable: ${allocatable.message || allocatable.reason || 'no reason given'}`);
  const usage: PoolUsage | null = ctx ? poolUsage(pool, ctx.blocks) : null;
  if (usage && usage.blockPercent > BLOCK_USAGE_LIMIT)
    return h('Degraded', `${usage.blocksClaimed} of ${usage.blocks} blocks claimed (${usage.blockPercent}%)`);
  const used = usage ? `, ${usage.blocksClaimed} of ${usage.blocks} blocks claimed` : '';
  return h('Healthy', `Allocatable${used}`);
}

export function tigeraStatusHealth(o: { status?: unknown }): Health {
  const text = (c: OperatorCondition | undefined, fallback: string) => c?.message || c?.reason || fallback;
  const degraded = condition(o, 'Degraded');
  if (degraded?.status === 'True') return h('Failed', text(degraded, 'Degraded'));
  const progressing = condition(o, 'Progressing');
  if (progressing?.status === 'True') return h('Progressing', text(progressing, 'Progressing'));
  const available = condition(o, 'Available');
  if (available?.status === 'True') return h('Healthy', text(available, 'Available'));
  return h('Unknown', available ? text(available, 'Not available') : 'No status reported yet');
}

const peersOf = (s: CalicoNodeStatus) => [...(s.status?.bgp?.peersV4 ?? []), ...(s.status?.bgp?.peersV6 ?? [])];

export function nodeStatusHealth(s: CalicoNodeStatus): Health {
  if (!s.status?.lastUpdated && !s.status?.bgp && !s.status?.agent)
    return h('Progressing', `Waiting for calico-node on ${s.spec?.node ?? 'the node'} to report`);
  const bird = s.status?.agent?.birdV4?.state;
  if (bird && bird !== 'Ready') return h('Degraded', `BIRD is ${bird}`);
  const peers = peersOf(s);
  const down = peers.filter((p) => p.state !== 'Established');
  if (down.length)
    return h('Degraded', down.map((p) => `peer ${p.peerIP ?? '?'} is ${p.state ?? 'unknown'}`).join('; '));
  return h('Healthy', `${peers.length} BGP peer${peers.length === 1 ? '' : 's'} established`);
}

export interface BgpPeerContext {
  statuses: readonly CalicoNodeStatus[];
}

/** A BGPPeer has no status of its own: its sessions are in the nodes' CalicoNodeStatus. */
export function bgpPeerHealth(peer: BGPPeer, ctx?: BgpPeerContext): Health {
  const ip = peer.spec?.peerIP?.split(':')[0];
  const sessions = ctx && ip ? ctx.statuses.flatMap((s) => peersOf(s).filter((p) => p.peerIP === ip)) : [];
  const down = sessions.filter((p) => p.state !== 'Established');
  if (down.length) return h('Degraded', `Session ${down[0]?.state ?? 'down'} on ${down.length} node(s)`);
  if (sessions.length) return h('Healthy', `Established on ${sessions.length} node(s)`);
  return h('Healthy', `Configured (AS ${peer.spec?.asNumber ?? '?'}); no node reports this session`);
}

export interface HostEndpointContext {
  nodes: ReadonlySet<string>;
}

export function hostEndpointHealth(hep: HostEndpoint, ctx?: HostEndpointContext): Health {
  const node = hep.spec?.node;
  if (!node) return h('Degraded', 'No node set');
  if (ctx && !ctx.nodes.has(node)) return h('Degraded', `Node ${node} does not exist`);
  const iface = hep.spec?.interfaceName === '*' ? 'all interfaces' : `interface ${hep.spec?.interfaceName ?? '?'}`;
  return h('Healthy', `${node}, ${iface}`);
}
