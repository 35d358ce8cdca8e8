/**
 * Disruption budgets, a quota and limit defaults in the demo (issue 23): payment-gateway may lose one pod at a
 * time, fraud-detector (one pod crash-looping) none — a drain of its node is refused —, and `payments` has a
 * ResourceQuota (status.used computed by kube-sim's controller) and a LimitRange.
 */
import { meta, type ScenarioBuilder } from '../builder.js';

export function addPolicies(b: ScenarioBuilder): void {
  const ns = 'payments';
  const age = 60 * 86400;
  const pdb = (name: string, spec: Record<string, unknown>) =>
    b.add(
      {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: meta(name, ns, { app: name.replace(/-pdb$/, '') }),
        spec,
      },
      age,
    );
  pdb('payment-gateway-pdb', { maxUnavailable: 1, selector: { matchLabels: { app: 'payment-gateway' } } });
  pdb('fraud-detector-pdb', { minAvailable: 2, selector: { matchLabels: { app: 'fraud-detector' } } });
  b.add(
    {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: meta('payments-quota', ns),
      spec: {
        hard: {
          'requests.cpu': '4',
          'requests.memory': '8Gi',
          'limits.cpu': '8',
          'limits.memory': '16Gi',
          pods: '20',
          services: '10',
          configmaps: '20',
          secrets: '20',
          persistentvolumeclaims: '10',
        },
      },
    },
    age,
  );
  b.add(
    {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: meta('payments-limits', ns),
      spec: {
        limits: [
          {
            type: 'Container',
            default: { cpu: '500m', memory: '512Mi' },
            defaultRequest: { cpu: '100m', memory: '128Mi' },
            max: { cpu: '2', memory: '4Gi' },
          },
        ],
      },
    },
    age,
  );
}
