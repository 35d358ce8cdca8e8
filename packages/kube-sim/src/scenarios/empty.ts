import { DEFAULT_NOW, ScenarioBuilder } from './builder.js';
import { addNamespace, addNamespaceDefaults, addNode } from './core/basics.js';
import type { Scenario, ScenarioOptions } from './types.js';

/** The four system namespaces, one node, the default ServiceAccounts (and kube-root-ca.crt). */
export function buildEmptyScenario(opts: ScenarioOptions = {}): Scenario {
  const b = new ScenarioBuilder(opts.seed ?? 1, opts.now ?? DEFAULT_NOW);
  const namespaces = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];
  for (const ns of namespaces) addNamespace(b, ns, {}, 86400);
  addNode(b, {
    name: 'node-1',
    zone: 'zone-a',
    roles: ['control-plane'],
    ip: '10.0.0.10',
    podCidrIndex: 0,
    ageSeconds: 86400,
  });
  for (const ns of namespaces) addNamespaceDefaults(b, ns, 86400);
  return b.build();
}
