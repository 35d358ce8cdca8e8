/**
 * Demo clusters: with ARGUS_DEMO and no cluster registered, two in-process kube-sims (demo scenario,
 * different seeds) are started and registered as connection_type 'demo'. They live in this process, so
 * at every start they are started again and the existing demo rows (same ids, so role assignments and
 * plugin settings stay) are pointed at the new simulators.
 */
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import type { Logger } from 'pino';
import type { ClusterService } from './cluster-service.js';

const DEMO = [
  { name: 'demo-east', seed: 1 },
  { name: 'demo-west', seed: 2 },
];

export async function startDemoClusters(clusters: ClusterService, logger: Logger): Promise<KubeSim[]> {
  const existing = await clusters.store.listDemo();
  const total = await clusters.store.count();
  if (existing.length === 0 && total > 0) return [];
  const sims: KubeSim[] = [];
  try {
    if (existing.length > 0) {
      for (const [i, row] of existing.entries()) {
        const sim = await startKubeSim({
          scenario: 'demo',
          seed: DEMO[i % DEMO.length]!.seed + Math.floor(i / DEMO.length) * 10,
        });
        sims.push(sim);
        await clusters.replaceKubeconfig(row.id, sim.kubeconfig({ name: row.name }));
      }
      logger.info({ clusters: existing.map((r) => r.name) }, 'demo clusters restarted in process');
    } else {
      for (const d of DEMO) {
        const sim = await startKubeSim({ scenario: 'demo', seed: d.seed });
        sims.push(sim);
        await clusters.register(
          { name: d.name, kubeconfig: sim.kubeconfig({ name: d.name }) },
          { connectionType: 'demo' },
        );
      }
      logger.info(
        { clusters: DEMO.map((d) => d.name) },
        'no cluster registered: two simulated demo clusters added (ARGUS_DEMO=false turns this off)',
      );
    }
  } catch (err) {
    await Promise.all(sims.map((s) => s.close()));
    throw err;
  }
  return sims;
}
