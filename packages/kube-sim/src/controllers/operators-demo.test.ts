import { describe, expect, it } from 'vitest';
import { startKubeSim } from '../index.js';
import { createControllers } from './controllers.js';
import {
  CNPG_BACKUPS,
  CNPG_CLUSTERS,
  CNPG_POOLERS,
  CNPG_SCHEDULED_BACKUPS,
  HPAS,
  KEDA_SCALED_JOBS,
  KEDA_SCALED_OBJECTS,
  PODS,
} from './refs.js';

describe('the simulated operators on the demo scenario', () => {
  it('write nothing to the seeded CNPG and KEDA objects until an action asks them to', async () => {
    const sim = await startKubeSim({ scenario: 'demo', controllers: false });
    try {
      const refs = [
        CNPG_CLUSTERS,
        CNPG_BACKUPS,
        CNPG_SCHEDULED_BACKUPS,
        CNPG_POOLERS,
        KEDA_SCALED_OBJECTS,
        KEDA_SCALED_JOBS,
        HPAS,
      ];
      const snapshot = () => {
        const out: Record<string, string | undefined> = {};
        for (const ref of refs)
          for (const o of sim.store.list(ref).items)
            out[`${ref.resource}/${o.metadata.namespace}/${o.metadata.name}`] = o.metadata.resourceVersion;
        for (const o of sim.store.list(PODS, { labelSelector: 'cnpg.io/cluster' }).items)
          out[`pods/${o.metadata.namespace}/${o.metadata.name}`] = o.metadata.resourceVersion;
        return out;
      };
      const before = snapshot();
      expect(Object.keys(before)).toContain('clusters/payments/pg-main');
      expect(Object.keys(before)).toContain('scaledobjects/shop/api');
      const controllers = createControllers({ store: sim.store });
      controllers.tick();
      await new Promise((r) => setTimeout(r, 300));
      controllers.tick();
      controllers.stop();
      expect(snapshot()).toEqual(before);
    } finally {
      await sim.close();
    }
  });
});
