/**
 * The operator resources whose health the plugins judge (the SDK's operator toolkit: each kind's `health`),
 * as signals: a CNPG Cluster turning Failed is an alert. Only active plugins' kinds; a kind is watched in a
 * cluster when its CRD is served there.
 */
import { type OperatorObject, safeHealth } from '@argus/plugin-sdk';
import type { LoadedPlugin } from '../../plugin-engine/plugin-engine.js';
import type { OperatorHealthKind } from './cluster-signals.js';

export function operatorHealthKinds(plugins: readonly LoadedPlugin[]): OperatorHealthKind[] {
  const out: OperatorHealthKind[] = [];
  for (const p of plugins) {
    if (p.status !== 'active') continue;
    const name = p.manifest?.name ?? p.id;
    for (const kind of p.operatorKinds ?? []) {
      out.push({
        label: `${name} ${kind.kind}`,
        group: kind.group,
        version: kind.version,
        plural: kind.plural,
        // The rule alone (no context loader): a throw is Unknown, which is no alert.
        health: (object) => safeHealth(kind.health, object as unknown as OperatorObject),
      });
    }
  }
  return out;
}
